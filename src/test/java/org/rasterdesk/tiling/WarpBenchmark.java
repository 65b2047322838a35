package org.rasterdesk.tiling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.rasterdesk.raster.RasterInfo;

/**
 * Tiles per second of warping a large raster at its max zoom, and of building its pyramid. Arguments: a GeoTIFF
 * (default: the 8000×8000 Lisbon benchmark raster under /tmp, see shared/data/README.md) and a thread count.
 * The raster is read as raw samples through a memory map, converted once with gdal_translate.
 */
public final class WarpBenchmark {

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path tif = Path.of(args.length > 0 ? args[0] : "/tmp/tiling-bench/lisbon_dem_utm29n_8000.tif");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path raw = tif.resolveSibling(tif.getFileName() + ".raw");
        if (!Files.exists(raw)) {
            GdalRaster.raw(tif, raw);
        }
        RasterInfo info = GdalRaster.info(tif);
        SourceProjection projection = new SourceProjection(info, null);
        ZoomChoice zoom = new ZoomLevels().maxZoom(projection, null, true);
        TileRange range = WebMercator.tilesCovering(zoom.zoom(), SourceFootprint.of(projection));
        double[] nodata = TileNodata.forRaster(info);
        System.out.printf(Locale.ROOT, "%s: %dx%d %s, %s%n%s, %d threads%n", tif.getFileName(), info.width(),
                info.height(), info.pixelType(), zoom.explanation(), range, threads);
        for (int round = 0; round < 2; round++) {
            for (Resampling resampling : new Resampling[] {Resampling.NEAREST, Resampling.BILINEAR}) {
                run(info, raw, projection, range, nodata, resampling, threads, round == 0 ? "warm-up " : "");
            }
        }
        pyramid(info, raw, projection, range, nodata);
    }

    private static void run(RasterInfo info, Path raw, SourceProjection projection, TileRange range,
                            double[] nodata, Resampling resampling, int threads, String label) throws Exception {
        AtomicLong tiles = new AtomicLong();
        AtomicLong nonEmpty = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            jobs.add(pool.submit(() -> {
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                try (MappedRasterReader reader = new MappedRasterReader(info, raw)) {
                    Warper warper = new Warper(reader, projection, resampling, nodata);
                    // Rows dealt round-robin: each thread has its own reader and warper.
                    for (int y = range.minY() + first; y <= range.maxY(); y += threads) {
                        warper.warp(range.row(y), tile -> {
                            tiles.incrementAndGet();
                            if (!tile.isEmpty()) {
                                nonEmpty.incrementAndGet();
                            }
                        });
                    }
                }
                cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
                return null;
            }));
        }
        for (Future<?> job : jobs) {
            job.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        // CPU time too: on a shared machine the wall clock measures the neighbours as much as the warper.
        double cpu = cpuNanos.get() / 1e9;
        System.out.printf(Locale.ROOT, "%s%-8s %d tiles (%d non-empty) in %.2f s wall, %.2f s CPU: %.0f tiles/s wall, "
                        + "%.0f tiles per CPU second%n", label, resampling, tiles.get(), nonEmpty.get(), seconds, cpu,
                tiles.get() / seconds, tiles.get() / cpu);
    }

    private static void pyramid(RasterInfo info, Path raw, SourceProjection projection, TileRange range,
                                double[] nodata) throws Exception {
        AtomicLong emitted = new AtomicLong();
        PyramidBuilder builder = new PyramidBuilder(range.z(), 0, Reduction.AVERAGE, info.pixelType(), nodata,
                tile -> emitted.incrementAndGet());
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        try (MappedRasterReader reader = new MappedRasterReader(info, raw)) {
            new Warper(reader, projection, Resampling.NEAREST, nodata).warp(range, builder::accept);
        }
        builder.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        StringBuilder perZoom = new StringBuilder();
        for (int z = range.z(); z >= 0; z--) {
            perZoom.append(" z").append(z).append(':').append(builder.emittedCount(z));
        }
        System.out.printf(Locale.ROOT, "nearest + pyramid z%d..z0: %d tiles in %.2f s wall, %.2f s CPU: %.0f tiles/s "
                + "wall, %.0f tiles per CPU second;%s%n", range.z(), emitted.get(), seconds, cpu,
                emitted.get() / seconds, emitted.get() / cpu, perZoom);
    }
}
