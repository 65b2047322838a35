package org.rasterdesk.raster;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a large GeoTIFF window by window and prints throughput and peak heap, e.g.
 * {@code java -Xmx512m -cp ... org.rasterdesk.raster.ReadBenchmark /tmp/lisbon_dem_utm29n_8000.tif}.
 */
public final class ReadBenchmark {

    private ReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long t0 = System.nanoTime();
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            RasterInfo info = reader.info();
            System.out.printf("open: %.0f ms (%d×%d, %d band(s) %s, %s, srid %s)%n", ms(t0), info.width(),
                    info.height(), info.bandCount(), info.pixelType(), reader.layoutDescription(), info.srid());
            double rawMb = (double) info.width() * info.height() * info.bandCount() * info.pixelType().bytes() / 1e6;
            double fileMb = Files.size(file) / 1e6;
            for (int r = 0; r < repeats; r++) {
                resetPeaks();
                long t = System.nanoTime();
                double sum = 0;
                int th = info.blockHeight();
                for (int y = 0; y < info.height(); y += th) {
                    double[][] d = reader.read(0, y, info.width(), Math.min(th, info.height() - y));
                    sum += d[0][d[0].length / 2];
                }
                report("block rows (full width × " + th + ")", t, rawMb, fileMb, sum);
                resetPeaks();
                t = System.nanoTime();
                sum = 0;
                int tile = 256;
                for (int y = 0; y < info.height(); y += tile) {
                    for (int x = 0; x < info.width(); x += tile) {
                        double[][] d = reader.read(x, y, Math.min(tile, info.width() - x),
                                Math.min(tile, info.height() - y));
                        sum += d[0][0];
                    }
                }
                report("256×256 windows, row by row", t, rawMb, fileMb, sum);
            }
            resetPeaks();
            long t = System.nanoTime();
            List<BandStats> stats = BandStatistics.compute(reader);
            BandStats s = stats.get(0);
            System.out.printf("statistics (2 passes): wall %.0f ms, cpu %.0f ms, peak heap %d MB; min %.3f max %.3f mean %.4f std %.4f"
                    + " valid %d%n", ms(t), (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e6,
                    peakHeapMb(), s.min(), s.max(), s.mean(), s.std(), s.validCount());
        }
    }

    private static long cpuStart;

    /** Wall time and this thread's CPU time: on a shared machine only the latter is repeatable. */
    private static void report(String what, long t, double rawMb, double fileMb, double checksum) {
        double s = (System.nanoTime() - t) / 1e9;
        double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf("%-30s wall %5.2f s, cpu %5.2f s = %6.1f MB/s decoded (%5.1f MB/s of file), peak heap"
                + " %d MB (%.1f)%n", what, s, cpu, rawMb / cpu, fileMb / cpu, peakHeapMb(), checksum);
    }

    private static double ms(long t) {
        return (System.nanoTime() - t) / 1e6;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
