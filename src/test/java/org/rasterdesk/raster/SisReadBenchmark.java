package org.rasterdesk.raster;

import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.apache.sis.coverage.grid.GridCoverage;
import org.apache.sis.coverage.grid.GridExtent;
import org.apache.sis.coverage.grid.GridGeometry;
import org.apache.sis.storage.Aggregate;
import org.apache.sis.storage.DataStore;
import org.apache.sis.storage.DataStores;
import org.apache.sis.storage.GridCoverageResource;

/**
 * The same 256×256 window reads as {@link ReadBenchmark} through Apache SIS, to compare speed and values with
 * our decoder on a file SIS can read (no floating point predictor).
 */
public final class SisReadBenchmark {

    private SisReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (DataStore store = DataStores.open(file); GeoTiffReader ours = GeoTiffReader.open(file)) {
            GridCoverageResource image = (GridCoverageResource) ((Aggregate) store).components().iterator().next();
            GridGeometry grid = image.getGridGeometry();
            long w = grid.getExtent().getSize(0);
            long h = grid.getExtent().getSize(1);
            for (int repeat = 0; repeat < 2; repeat++) {
                long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long mismatches = 0;
                int tile = 256;
                for (int y = 0; y < h; y += tile) {
                    for (int x = 0; x < w; x += tile) {
                        int tw = (int) Math.min(tile, w - x);
                        int th = (int) Math.min(tile, h - y);
                        GridExtent extent = new GridExtent(null, new long[] {x, y}, new long[] {x + tw - 1,
                                y + th - 1}, true);
                        GridCoverage coverage = image.read(grid.derive().subgrid(extent).build());
                        RenderedImage rendered = coverage.render(coverage.getGridGeometry().getExtent());
                        Raster raster = rendered.getData();
                        double[] sis = raster.getSamples(raster.getMinX(), raster.getMinY(), tw, th, 0,
                                (double[]) null);
                        if (repeat == 0 && x % (tile * 8) == 0) {
                            double[] mine = ours.read(x, y, tw, th)[0];
                            for (int i = 0; i < mine.length; i++) {
                                boolean same = Double.compare(sis[i], mine[i]) == 0
                                        || ours.info().isNodata(0, mine[i]) && Double.isNaN(sis[i]);
                                mismatches += same ? 0 : 1;
                            }
                        }
                    }
                }
                double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
                double mb = w * h * 4 / 1e6;
                System.out.printf("SIS 256×256 windows: wall %.2f s, cpu %.2f s = %.1f MB/s decoded; samples"
                        + " differing from ours (sampled windows): %d%n", (System.nanoTime() - t0) / 1e9, cpu,
                        mb / cpu, mismatches);
            }
        }
    }
}
