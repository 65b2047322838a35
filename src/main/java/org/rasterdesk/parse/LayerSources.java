package org.rasterdesk.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.FetchedRaster;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.source.RasterSource;
import org.rasterdesk.source.SourceFetcher;
import org.rasterdesk.source.SourceFileStore;

/**
 * Local copies of a layer's rasters on the machine that parses it: its one source (an upload kept in the database,
 * a URL, an S3 object, a shared path) or the files of its mosaic, in order. Closing deletes the temporary copies.
 */
final class LayerSources implements AutoCloseable {

    private final List<FetchedRaster> fetched;

    private LayerSources(List<FetchedRaster> fetched) {
        this.fetched = fetched;
    }

    static LayerSources fetch(DataSource dataSource, RasterLayer layer, Optional<MosaicFiles.Mosaic> mosaic,
                              FetchListener listener, BooleanSupplier cancelled)
            throws IOException, ParseCancelledException {
        if (mosaic.isPresent()) {
            return new LayerSources(new MosaicFiles(dataSource).fetch(mosaic.get(), listener, cancelled));
        }
        RasterSource source = RasterSource.parse(layer.id(), layer.sourceUrl(), layer.rasterfile());
        try (SourceFetcher fetcher = SourceFetcher.withDefaults(new SourceFileStore(dataSource))) {
            List<FetchedRaster> one = new ArrayList<>();
            one.add(fetcher.fetch(source, listener, cancelled));
            return new LayerSources(one);
        }
    }

    /** One file of a mosaic (its index in the list), for a block that warps that file alone. */
    static LayerSources fetchFile(DataSource dataSource, MosaicFiles.Mosaic mosaic, int index)
            throws IOException, ParseCancelledException {
        List<FetchedRaster> one = new ArrayList<>();
        one.add(new MosaicFiles(dataSource).fetch(mosaic, index, FetchListener.NONE, () -> false));
        return new LayerSources(one);
    }

    List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (FetchedRaster f : fetched) {
            files.add(f.file());
        }
        return files;
    }

    @Override
    public void close() {
        fetched.forEach(FetchedRaster::close);
    }
}
