package org.rasterdesk.raster;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes every block of a GeoTIFF once and gathers its one-read statistics on one thread (or as many as the third
 * argument says), as a parse's tile threads do, and prints the CPU time of each per sample and the statistics (to
 * compare two builds bit for bit), e.g.
 * {@code java -cp ... org.rasterdesk.raster.StatisticsBenchmark lisbon_dem_utm29n_8000.tif 6 2}.
 */
public final class StatisticsBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StatisticsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        for (int r = 0; r < repeats; r++) {
            try (GeoTiffReader reader = GeoTiffReader.open(file)) {
                RasterInfo info = reader.info();
                double samples = (double) info.width() * info.height() * info.bandCount();
                BlockStatistics gathered = BlockStatistics.of(reader, info.nodata()).orElseThrow();
                long decodeBefore = reader.decodeNanos();
                long cpu = THREADS.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                if (gathered.needsFirstRead(false)) {
                    gathered.firstRead(threads, () -> false);
                }
                List<BandStats> stats = gathered.finish(threads, () -> false);
                cpu = THREADS.getCurrentThreadCpuTime() - cpu;
                wall = System.nanoTime() - wall;
                long decode = reader.decodeNanos() - decodeBefore;
                long gather = gathered.gatherNanos();
                System.out.printf("%s %s: decode %.3f s (%.2f ns/sample), gather %.3f s (%.2f ns/sample), "
                        + "all %.3f s cpu of this thread, %.3f s wall%n", file.getFileName(), info.pixelType(),
                        decode / 1e9, decode / samples, gather / 1e9, gather / samples, cpu / 1e9, wall / 1e9);
                if (r == repeats - 1) {
                    for (BandStats s : stats) {
                        System.out.printf("  band %d: n=%d min=%s max=%s mean=%s std=%s hist=%s%n  edges=%s%n",
                                s.band(), s.validCount(), s.min(), s.max(), s.mean(), s.std(),
                                Arrays.toString(s.histValues()), Arrays.hashCode(s.histBins()));
                    }
                }
            }
        }
    }
}
