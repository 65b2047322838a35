package org.rasterdesk.parse;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.rasterdesk.raster.BandStatistics;
import org.rasterdesk.raster.BandStats;
import org.rasterdesk.raster.BlockStatistics;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.raster.RasterReader;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.tiling.ParallelWarper;
import org.rasterdesk.tiling.TileFormat;

/**
 * The band statistics of a parse's source. When every band has a nodata value, they are read before the tiles only
 * as far as the type needs two reads (Float64), and the rest is gathered from the blocks the tiles decode, so that
 * a raster of integers or Float32 with nodata is read once in all. A band without nodata needs them complete before
 * the tiles: the tiles' nodata value is one its data does not use ({@link TileFormat}), for 8- and 16-bit integers
 * from the exact set of values used, which only the whole read gives (for all but Float64 that is the one read the
 * statistics need anyway). A reader without blocks gets its statistics before the tiles, window by window.
 */
final class SourceStatistics {

    private final RasterReader reader;
    private final ParseTimings timings;
    private final BlockStatistics blocks;
    private final List<BandStats> computed;

    private SourceStatistics(RasterReader reader, ParseTimings timings, BlockStatistics blocks,
                             List<BandStats> computed) {
        this.reader = reader;
        this.timings = timings;
        this.blocks = blocks;
        this.computed = computed;
    }

    /** Reads what must be known before the tiles, and listens to the tiles' reads for the rest. */
    static SourceStatistics begin(RasterReader reader, ParseTimings timings, BooleanSupplier cancelled)
            throws IOException, ParseCancelledException {
        RasterInfo info = reader.info();
        boolean withoutNodata = info.nodata().stream().anyMatch(n -> n == null);
        long decodedBefore = reader.decodeNanos();
        long started = ParseTimings.cpuNow();
        Optional<BlockStatistics> gathered = BlockStatistics.of(reader, info.nodata());
        try {
            if (gathered.isEmpty()) {
                List<BandStats> stats = BandStatistics.compute(reader, info.nodata(), cancelled);
                long decoded = reader.decodeNanos() - decodedBefore;
                timings.add(ParseTimings.Phase.READ, decoded);
                timings.add(ParseTimings.Phase.STATISTICS, ParseTimings.cpuNow() - started - decoded);
                return new SourceStatistics(reader, timings, null, stats);
            }
            BlockStatistics statistics = gathered.get();
            if (statistics.needsFirstRead(withoutNodata)) {
                statistics.firstRead(ParallelWarper.defaultThreads(), cancelled);
            }
            if (withoutNodata) {
                List<BandStats> stats = statistics.finish(ParallelWarper.defaultThreads(), cancelled);
                timings.add(ParseTimings.Phase.READ, reader.decodeNanos() - decodedBefore);
                timings.add(ParseTimings.Phase.STATISTICS, statistics.gatherNanos());
                return new SourceStatistics(reader, timings, null, stats);
            }
            timings.add(ParseTimings.Phase.READ, reader.decodeNanos() - decodedBefore);
            statistics.listen();
            return new SourceStatistics(reader, timings, statistics, null);
        } catch (CancellationException e) {
            throw new ParseCancelledException();
        }
    }

    /**
     * Every band's statistics when they are known before the tiles, which they are whenever a band has no nodata
     * value (what {@link TileFormat#choose} needs); an empty list otherwise, when it needs none.
     */
    List<BandStats> beforeTiles() {
        return computed != null ? computed : List.of();
    }

    /** After the tiles: reads the blocks they did not, and makes every band's statistics. */
    List<BandStats> finish(BooleanSupplier cancelled) throws IOException, ParseCancelledException {
        if (computed != null) {
            return computed;
        }
        long decodedBefore = reader.decodeNanos();
        try {
            List<BandStats> stats = blocks.finish(ParallelWarper.defaultThreads(), cancelled);
            timings.add(ParseTimings.Phase.READ, reader.decodeNanos() - decodedBefore);
            timings.add(ParseTimings.Phase.STATISTICS, blocks.gatherNanos());
            return stats;
        } catch (CancellationException e) {
            throw new ParseCancelledException();
        }
    }
}
