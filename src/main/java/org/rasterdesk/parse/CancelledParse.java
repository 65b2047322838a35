package org.rasterdesk.parse;

import java.util.Optional;
import javax.sql.DataSource;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.ParsedStateRepository;

/**
 * Puts a layer whose parse was cancelled back as its tiles describe it: the state a save reset (status, log and the
 * settings the tiles were made with), or else the status and log the parse started from; the cancel is the log's
 * last line either way.
 */
public final class CancelledParse {

    private final DataSource dataSource;

    public CancelledParse(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * For a parse that was cancelled while it waited for its turn: nothing of it ran, but the save that asked for it
     * may have reset the layer.
     *
     * @return the status the layer has now
     */
    public ParseStatus beforeStart(int layerId) {
        return beforeStart(layerId, "Parse cancelled before it started; ");
    }

    /** As {@link #beforeStart(int)}, the log's line opening with {@code opening} (e.g. why it was not parsed). */
    public ParseStatus beforeStart(int layerId, String opening) {
        ParseStatusRepository statuses = new ParseStatusRepository(dataSource);
        LayerParseStatus previous = statuses.find(layerId).orElse(LayerParseStatus.unparsed(layerId));
        ParseLog log = new ParseLog(ParseListener.NONE);
        return restore(layerId, previous, log, opening);
    }

    /**
     * @param previous the status row when the parse began
     * @param log      the parse's log, which gets the cancel's line (and goes to the parse's listener)
     * @return the status the layer has now
     */
    ParseStatus restore(int layerId, LayerParseStatus previous, ParseLog log, String opening) {
        String kept = KeptTiles.describe(dataSource, layerId);
        String message = opening.endsWith("; ") ? opening + kept + "." : opening + KeptTiles.sentence(kept);
        ParseStatusRepository statuses = new ParseStatusRepository(dataSource);
        Optional<ParsedStateRepository.Restored> restored = new ParsedStateRepository(dataSource).restore(layerId,
                message + " The layer's settings are back to those its tiles were made with.");
        log.restore(restored.isPresent() ? "" : previous.log());
        log.add(message);
        if (restored.isPresent()) {
            return statuses.status(layerId);
        }
        statuses.save(new LayerParseStatus(layerId, previous.status(), log.text(), previous.tileLevels()));
        return previous.status();
    }
}
