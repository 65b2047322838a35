package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.LayerDisplayRepository;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.raster.GeoTiffReader;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.RenderedTile;
import org.rasterdesk.tiling.GdalRaster;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/**
 * GeoTIFFs as they come: BigTIFF, 1/2/4-bit and signed 8-bit samples, masks inside the file and beside it, palette
 * images, each parsed and compared tile for tile with gdalwarp; and what cannot be parsed — complex numbers, 64-bit
 * integers, ground control points only — refused with a sentence that says why.
 */
@Tag("slow")
class HardGeoTiffTest {

    private static final DataSource DATA_SOURCE = TestDatabase.shared().dataSource();

    @TempDir
    Path work;

    private Path make(String name, String source, String... options) throws Exception {
        Path out = work.resolve(name);
        List<String> command = new java.util.ArrayList<>(List.of("gdal_translate", "-q"));
        command.addAll(List.of(options));
        command.add(GdalRaster.data(source).toString());
        command.add(out.toString());
        GdalRaster.run(command.toArray(String[]::new));
        return out;
    }

    private static void assertParity(GdalParity.Result parity) {
        assertTrue(parity.sameTiles(), parity.ours() + " vs " + parity.gdal());
        assertTrue(parity.share() >= 99.9, parity.name() + ": identical " + parity.share() + " %");
        assertTrue(parity.lost() * 10_000 <= parity.dataPixels(), parity.lost() + " lost");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "BigTIFF tiled 3 bands|real/RGB.byte.tif|-co BIGTIFF=YES -co TILED=YES -co COMPRESS=DEFLATE",
        "1-bit|real/django_raster_test.tif|-a_nodata none -scale 0 9 0 1 -co NBITS=1",
        "2-bit|real/django_raster_test.tif|-a_nodata none -scale 0 9 0 3 -co NBITS=2 -co COMPRESS=LZW",
        "4-bit tiled|real/django_raster_test.tif|-a_nodata 15 -co NBITS=4 -co TILED=YES -co BLOCKXSIZE=64 "
                + "-co BLOCKYSIZE=64",
        "13-bit (NBITS)|real/gpm_1d.20240617.tif|-co NBITS=13 -co COMPRESS=DEFLATE",
        "signed 8-bit|real/RGB.byte.tif|-b 1 -a_nodata none -scale 0 255 -100 100 -co PIXELTYPE=SIGNEDBYTE",
        "internal mask|real/RGB.byte.tif|-a_nodata none -mask 1 -co TILED=YES --config GDAL_TIFF_INTERNAL_MASK YES",
        "mask in .msk file|real/RGB.byte.tif|-a_nodata none -mask 1 --config GDAL_TIFF_INTERNAL_MASK NO"})
    void parsesAsGdalWarps(String name, String source, String options) throws Exception {
        Path file = make(name.replaceAll("\\W", "_") + ".tif", source, options.split(" "));
        GdalParity.Result parity = GdalParity.compare(name, file, work);
        assertParity(parity);
    }

    @Test
    void aMaskHidesPixelsInEveryBand() throws Exception {
        Path file = make("masked.tif", "real/RGB.byte.tif", "-a_nodata", "none", "-mask", "1", "-co",
                "TILED=YES", "--config", "GDAL_TIFF_INTERNAL_MASK", "YES");
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            assertTrue(reader.hasMask());
            double[][] corner = reader.read(0, 0, 1, 1);
            for (double[] band : corner) {
                assertTrue(Double.isNaN(band[0]), "the masked corner is no data");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "CInt16|complex numbers",
        "CFloat32|complex numbers",
        "Int64|64-bit integers",
        "UInt64|64-bit integers"})
    void typesPostgisCannotHoldAreRefusedWithTheReason(String type, String reason) throws Exception {
        Path file = make(type + ".tif", "real/gpm_1d.20240617.tif", "-ot", type);
        IOException e = assertThrows(IOException.class, () -> RasterProbe.check(file));
        assertTrue(e.getMessage().contains(reason) && e.getMessage().contains("PostGIS"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void groundControlPointsOnlyAreRefusedWithTheReason() throws Exception {
        Path file = make("gcps.tif", "real/django_raster_test.tif", "-a_srs", "EPSG:4326",
                "-gcp", "0", "0", "-80", "28", "-gcp", "163", "0", "-79.8", "28", "-gcp", "0", "174", "-80", "27.8");
        IOException e = assertThrows(IOException.class, () -> RasterProbe.check(file));
        assertTrue(e.getMessage().contains("ground control point"), e.getMessage());
        assertTrue(e.getMessage().contains("gdalwarp"), e.getMessage());
    }

    /** A colour map image: its palette is kept with the layer and draws it while it has no legend of its own. */
    @Test
    void aPaletteImageIsDrawnWithItsPalette() throws Exception {
        Path vrt = work.resolve("pal.vrt");
        String xml = GdalRaster.run("gdal_translate", "-q", "-of", "VRT",
                GdalRaster.data("real/django_raster_test.tif").toString(), "/vsistdout/");
        StringBuilder table = new StringBuilder("<ColorInterp>Palette</ColorInterp><ColorTable>");
        for (int i = 0; i < 256; i++) {
            table.append(String.format("<Entry c1=\"%d\" c2=\"%d\" c3=\"%d\" c4=\"255\"/>", (i * 37) % 256,
                    (i * 91) % 256, (255 - i * 13 % 256)));
        }
        table.append("</ColorTable>");
        Files.writeString(vrt, xml.replaceFirst("<ColorInterp>[^<]*</ColorInterp>", "")
                .replaceFirst("(<VRTRasterBand[^>]*>)", "$1" + table));
        Path file = work.resolve("palette.tif");
        GdalRaster.run("gdal_translate", "-q", vrt.toString(), file.toString());
        Map<Integer, Integer> gdalColors = gdalColorTable(file);

        GdalParity.Result parity = GdalParity.compare("palette image", file, work);
        assertParity(parity);
        SortedMap<Integer, Integer> stored = new LayerDisplayRepository(DATA_SOURCE).palette(parity.layerId(), 0);
        java.util.Set<Integer> used = new java.util.TreeSet<>();
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            for (double v : reader.read(0, 0, 163, 174)[0]) {
                if (v != 255) {
                    used.add((int) v);
                }
            }
        }
        assertEquals(used, stored.keySet(), "the values the data uses (255 is nodata)");
        stored.forEach((value, argb) -> assertEquals(gdalColors.get(value), argb, "colour of " + value));

        LayerRenderer renderer = LayerRenderer.open(DATA_SOURCE, parity.layerId(), null, 0);
        TileRepository tiles = new TileRepository(DATA_SOURCE);
        int checked = 0;
        for (TileKey key : tiles.keys(parity.layerId(), parity.zoom())) {
            TileData data = tiles.read(parity.layerId(), key).orElseThrow();
            RenderedTile drawn = renderer.render(key);
            for (int p = 0; p < 256 * 256; p++) {
                double v = data.bands()[0][p];
                if (!data.isNodata(0, v)) {
                    assertEquals(gdalColors.get((int) v), drawn.image().argb()[p], "pixel " + p + " of " + key);
                    checked++;
                }
            }
        }
        assertTrue(checked > 1000, "pixels checked: " + checked);
    }

    /** The colour table as gdalinfo prints it: "  0: 0,0,255,255". */
    private static Map<Integer, Integer> gdalColorTable(Path file) throws Exception {
        Map<Integer, Integer> colors = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\s+(\\d+): (\\d+),(\\d+),(\\d+),(\\d+)$")
                .matcher(GdalRaster.run("gdalinfo", file.toString()));
        while (m.find()) {
            colors.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(5)) << 24
                    | Integer.parseInt(m.group(2)) << 16 | Integer.parseInt(m.group(3)) << 8
                    | Integer.parseInt(m.group(4)));
        }
        assertEquals(256, colors.size());
        return colors;
    }

    /** Bands of different meanings: the band the layer shows is stored, and the map and render draw it. */
    @Test
    void theChosenBandIsTheOneDrawn() throws Exception {
        Path file = make("rgb.tif", "real/RGB.byte.tif");
        GdalParity.Result parity = GdalParity.compare("3 bands for the band choice", file, work);
        LayerDisplayRepository display = new LayerDisplayRepository(DATA_SOURCE);
        assertEquals(0, display.band(parity.layerId()), "django-raster's band 0 by default");
        display.setBand(parity.layerId(), 2);
        assertEquals(2, display.band(parity.layerId()));
        TileKey key = new TileRepository(DATA_SOURCE).keys(parity.layerId(), parity.zoom()).get(0);
        RenderedTile blue = LayerRenderer.open(DATA_SOURCE, parity.layerId(), null, display.band(parity.layerId()))
                .render(key);
        RenderedTile red = LayerRenderer.open(DATA_SOURCE, parity.layerId(), null, 0).render(key);
        assertFalse(java.util.Arrays.equals(blue.image().argb(), red.image().argb()));
        assertEquals(PixelType.BYTE, parity.sample().pixelType());
    }
}
