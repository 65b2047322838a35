package org.rasterdesk.ui.parse;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.parse.CancelRequests;
import org.rasterdesk.parse.CancelledParse;
import org.rasterdesk.parse.LayerParseJob;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.parse.WorkerParseState;
import org.rasterdesk.source.PendingUpload;

/** The window's parses: {@link LayerParseJob} on the open database, with its default options. */
public final class DatabaseParseRunner implements ParseRunner {

    /** How long the window follows another program's parse it asked to stop (it looks once a second). */
    static final long STOP_WAIT_MILLIS = 60_000;

    private final DataSource dataSource;

    public DatabaseParseRunner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public ParseResult parse(int layerId, ParseListener listener, BooleanSupplier cancelled) throws Exception {
        return new LayerParseJob(dataSource).run(layerId, ParseOptions.defaults(), listener, cancelled);
    }

    /** The same engine call as the command line's: the file is parsed from the disk while its bytes are stored. */
    @Override
    public ParseResult parse(PendingUpload upload, ParseListener listener, BooleanSupplier cancelled)
            throws Exception {
        return new LayerParseJob(dataSource).run(upload, ParseOptions.defaults(), listener, cancelled);
    }

    /** The command line's call too: {@code parse --layer ID --add FILE…}. */
    @Override
    public ParseResult add(int layerId, java.util.List<String> sources, ParseListener listener,
                           BooleanSupplier cancelled) throws Exception {
        return new LayerParseJob(dataSource).add(layerId, sources, ParseOptions.defaults(), listener, cancelled);
    }

    @Override
    public void cancelledBeforeStart(int layerId) {
        new CancelledParse(dataSource).beforeStart(layerId);
    }

    /** The command line's {@code rasterdesk cancel LAYER}, for a local parse that runs in another program. */
    @Override
    public ParseResult cancelElsewhere(int layerId, ParseListener listener, BooleanSupplier keepWaiting)
            throws Exception {
        ParseStatusRepository statuses = new ParseStatusRepository(dataSource);
        Optional<String> parser = new WorkerParseState(dataSource).localParser(layerId);
        if (parser.isEmpty()) {
            return said(listener, statuses.status(layerId), false, "Layer " + layerId + " has no parse under way "
                    + "to cancel: it has stopped already, or the program that parsed it ended without saying so.");
        }
        listener.logLine(ParseStatusRepository.logLine(LocalDateTime.now(), "Asked the parse of this layer by "
                + parser.get() + " to stop; it stops at its next check, within about a second."));
        CancelRequests.Stop stop = new CancelRequests(dataSource).stop(layerId, STOP_WAIT_MILLIS, run -> { },
                keepWaiting);
        if (stop.run() == 0) {
            return said(listener, statuses.status(layerId), false, "The parse of layer " + layerId + " by "
                    + parser.get() + " had no run to cancel yet; try again in a moment.");
        }
        if (!stop.stopped()) {
            return said(listener, statuses.status(layerId), false, "The parse of layer " + layerId + " by "
                    + parser.get() + " has not stopped yet; it stops at its next check.");
        }
        List<String> lines = statuses.find(layerId).map(LayerParseStatus::logLines).orElse(List.of());
        String last = lines.isEmpty() ? "Parsing was cancelled." : lines.get(lines.size() - 1);
        listener.logLine(last);
        ParseStatus now = statuses.status(layerId);
        listener.phase(now);
        return new ParseResult(now, true, last, new TreeMap<>(), 0);
    }

    private static ParseResult said(ParseListener listener, ParseStatus now, boolean cancelled, String sentence) {
        listener.logLine(ParseStatusRepository.logLine(LocalDateTime.now(), sentence));
        return new ParseResult(now, cancelled, sentence, new TreeMap<>(), 0);
    }
}
