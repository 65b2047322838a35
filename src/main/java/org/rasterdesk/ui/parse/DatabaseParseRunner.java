package org.rasterdesk.ui.parse;

import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.parse.CancelledParse;
import org.rasterdesk.parse.LayerParseJob;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.source.PendingUpload;

/** The window's parses: {@link LayerParseJob} on the open database, with its default options. */
public final class DatabaseParseRunner implements ParseRunner {

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
}
