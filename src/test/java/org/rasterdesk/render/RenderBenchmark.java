package org.rasterdesk.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/**
 * Median times of the steps of drawing a tile: reading it from PostGIS (query + WKB decode), colouring it with each
 * kind of colormap, PNG encoding, and all of it through {@link LayerRenderer}. Run with the test class path.
 */
public final class RenderBenchmark {

    private static final int ROUNDS = 200;

    public static void main(String[] args) throws Exception {
        DataSource ds = TestDatabase.shared().dataSource();
        Path data = Path.of(System.getProperty("rasterdesk.test.data", "../shared/data")).resolve("real");
        int dem = parse(ds, "bench dem", DataType.CONTINUOUS, data.resolve("dom1_32_356_5699_1_nw_2020.tif"));
        int classes = parse(ds, "bench classes", DataType.CATEGORICAL, data.resolve("django_raster_test.tif"));
        TileRepository tiles = new TileRepository(ds);
        int demZoom = new LayerMetadataRepository(ds).find(dem).orElseThrow().maxZoom();
        List<TileKey> demKeys = tiles.keys(dem, demZoom);
        System.out.printf(Locale.ROOT, "Float32 DEM: %d tiles at z%d; categorical: %d tiles at z11%n",
                demKeys.size(), demZoom, tiles.keys(classes, 11).size());

        report("read Float32 tile from PostGIS (query + WKB decode)", time(demKeys, k -> tiles.read(dem, k)));
        report("read Float32 tile, query only (WKB bytes)", time(demKeys, k -> tiles.readRaster(dem, k)));
        List<TileKey> classKeys = tiles.keys(classes, 11);
        report("read Byte tile from PostGIS (query + WKB decode)", time(classKeys, k -> tiles.read(classes, k)));

        TileData tile = tiles.read(dem, demKeys.get(demKeys.size() / 2)).orElseThrow();
        var band = new LayerMetadataRepository(ds).band(dem, 0).orElseThrow();
        Map<String, Colormap> colormaps = new LinkedHashMap<>();
        colormaps.put("continuous grey", ContinuousColormap.grey(band.min(), band.max()));
        colormaps.put("continuous with over", new ContinuousColormap(0xFF0000FF, 0xFFFF0000, 0xFFFFFFFF,
                band.min(), band.max()));
        double mid = (band.min() + band.max()) / 2;
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(String.valueOf(Math.floor(mid)), "#ff0000");
        entries.put("(x > " + band.min() + ") & (x < " + mid + ")", "#00ff00");
        entries.put("x >= " + mid + " & x < " + band.max() + " - 1", "#0000ff");
        entries.put("x > mean(x)", "#ffff00");
        colormaps.put("discrete, 4 entries (3 formulas, one with mean(x))", DiscreteColormap.of(entries));
        colormaps.put("discrete, 1 formula (x > 3) & (x < 5)", DiscreteColormap.of(Map.of("(x > 3) & (x < 5)",
                "#00ff00")));
        colormaps.put("qualitative (categorical default)", new QualitativeColormap());
        for (Map.Entry<String, Colormap> e : colormaps.entrySet()) {
            report("colour a Float32 tile: " + e.getKey(), time(List.of(tile.key()),
                    k -> TileRenderer.render(tile, e.getValue())));
        }
        TileImage image = TileRenderer.render(tile, colormaps.get("continuous grey"));
        for (int level : new int[] {1, 3, 6}) {
            report("PNG encode, deflate level " + level + " (" + PngEncoder.encode(image, level).length
                    + " bytes)", time(List.of(tile.key()), k -> PngEncoder.encode(image, level)));
        }
        report("PNG encode through javax.imageio, for comparison", time(List.of(tile.key()), k -> imageIo(image)));
        TileImage classesImage = TileRenderer.render(tiles.read(classes, classKeys.get(0)).orElseThrow(),
                new QualitativeColormap());
        report("PNG encode of a categorical tile, default quality (" + PngEncoder.encode(classesImage).length
                + " bytes)", time(List.of(tile.key()), k -> PngEncoder.encode(classesImage)));

        LayerRenderer renderer = LayerRenderer.open(ds, dem, null, 0);
        report("LayerRenderer.render (read + decode + colour), existing tile",
                time(demKeys, k -> renderer.render(k)));
        List<TileKey> deeper = new ArrayList<>();
        for (TileKey k : demKeys) {
            deeper.add(new TileKey(k.z() + 2, k.x() * 4 + 1, k.y() * 4 + 2));
        }
        report("LayerRenderer.render, 2 levels beyond max zoom (ancestor + upsample)",
                time(deeper, k -> renderer.render(k)));
        report("LayerRenderer.render + PNG, existing tile",
                time(demKeys, k -> PngEncoder.encode(renderer.render(k).image())));
    }

    private static byte[] imageIo(TileImage image) {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(256, 256,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 256, 256, image.argb(), 0, 256);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(img, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int parse(DataSource ds, String name, DataType type, Path file) throws Exception {
        return ParsedFile.parse(ds, name, type, file);
    }

    private interface Step {
        Object run(TileKey key);
    }

    /** Per-call times in ms after a warm-up, cycling through the keys. */
    private static double[] time(List<TileKey> keys, Step step) {
        Object sink = null;
        for (int i = 0; i < ROUNDS; i++) {
            sink = step.run(keys.get(i % keys.size()));
        }
        double[] ms = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long t0 = System.nanoTime();
            sink = step.run(keys.get(i % keys.size()));
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        if (sink == null) {
            System.out.print("");
        }
        return ms;
    }

    private static void report(String what, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-75s median %7.3f ms   min %7.3f ms   p90 %7.3f ms%n", what,
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length * 9 / 10]);
    }

    private RenderBenchmark() {
    }
}
