package org.rasterdesk.tiling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.CRC32;
import org.rasterdesk.raster.RasterInfo;

/**
 * The warp's CPU per tile pixel at the max zoom of a raster, on one thread, as the parse counts it (mapping and
 * sampling, not reading), with a checksum of every tile's samples so that two builds can be compared pixel for
 * pixel, and the share of each step. Run by hand; arguments: a GeoTIFF (default: the Lisbon benchmark raster under
 * /tmp/tiling-bench, see shared/data/README.md), rounds, and resamplings (default BILINEAR NEAREST).
 */
public final class SamplerBenchmark {

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path tif = Path.of(args.length > 0 ? args[0] : "/tmp/tiling-bench/lisbon_dem_utm29n_8000.tif");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Resampling[] resamplings = args.length > 2 ? new Resampling[args.length - 2]
                : new Resampling[] {Resampling.BILINEAR, Resampling.NEAREST};
        for (int i = 2; i < args.length; i++) {
            resamplings[i - 2] = Resampling.valueOf(args[i]);
        }
        Path raw = tif.resolveSibling(tif.getFileName() + ".raw");
        if (!Files.exists(raw)) {
            GdalRaster.raw(tif, raw);
        }
        RasterInfo info = GdalRaster.info(tif);
        SourceProjection projection = new SourceProjection(info, null);
        int zoom = new ZoomLevels().maxZoom(projection, null, true).zoom();
        TileRange range = WebMercator.tilesCovering(zoom, SourceFootprint.of(projection));
        double[] nodata = TileNodata.forRaster(info);
        System.out.printf(Locale.ROOT, "%s: %dx%d %s, %s%n", tif.getFileName(), info.width(), info.height(),
                info.pixelType(), range);
        try (MappedRasterReader reader = new MappedRasterReader(info, raw)) {
            for (Resampling resampling : resamplings) {
                for (int round = 0; round < rounds; round++) {
                    // Bands given back as the parse gives them, so that the figures count no allocation it avoids.
                    RecycledSamples recycled = new RecycledSamples(info.pixelType(), 128 * info.bandCount());
                    Warper warper = new Warper(reader, projection, resampling, nodata).recycling(recycled);
                    CRC32 crc = new CRC32();
                    long[] tiles = {0};
                    double[] row = new double[TileData.SIZE * TileData.SIZE];
                    long warpNanos = 0;
                    long started = THREADS.getCurrentThreadCpuTime();
                    long checkNanos = 0;
                    for (int y = range.minY(); y <= range.maxY(); y++) {
                        java.util.List<TileData> made = warper.warp(range.row(y));
                        long c0 = THREADS.getCurrentThreadCpuTime();
                        for (TileData tile : made) {
                            tiles[0]++;
                            for (int b = 0; b < tile.bandCount(); b++) {
                                tile.samples(b).copyTo(row);
                                for (double v : row) {
                                    long bits = Double.doubleToLongBits(v);
                                    crc.update((int) bits);
                                    crc.update((int) (bits >>> 32));
                                }
                            }
                            recycled.give(tile);
                        }
                        checkNanos += THREADS.getCurrentThreadCpuTime() - c0;
                    }
                    warpNanos = THREADS.getCurrentThreadCpuTime() - started - checkNanos - warper.readNanos();
                    double perPixel = warpNanos / (double) (tiles[0] * TileData.SIZE * TileData.SIZE);
                    System.out.printf(Locale.ROOT, "%-8s round %d: %d tiles, warp %.3f s CPU (%.2f ns a pixel), "
                                    + "read %.3f s, crc %08x, %d straight into Float32%n", resampling, round, tiles[0],
                            warpNanos / 1e9, perPixel, warper.readNanos() / 1e9, crc.getValue(), warper.floatTiles());
                }
            }
        }
    }
}
