package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.TileRepository;

/** The pre-flight a parse tells before it makes tiles, and the question it asks when something looks wrong. */
class PreflightTest {

    private final ParsedLayers parsed = new ParsedLayers();
    private final TileRepository tiles = new TileRepository(parsed.dataSource);
    private final ParseStatusRepository statuses = new ParseStatusRepository(parsed.dataSource);

    @TempDir
    Path tmp;

    /** Records the pre-flights it is asked about and answers as told. */
    private static final class Asked implements ParseListener {
        final List<Preflight> asked = new CopyOnWriteArrayList<>();
        final boolean answer;

        Asked(boolean answer) {
            this.answer = answer;
        }

        @Override
        public boolean confirm(Preflight preflight) {
            asked.add(preflight);
            return answer;
        }
    }

    @Test
    void aMaxZoomFarFinerThanTheRasterAsksAndTellsTilesSizeAndTimeFirst() throws Exception {
        Path file = ParsedLayers.data("real/django_raster_test.tif");
        RasterLayer layer = parsed.layers.create(RasterLayer.create("too fine").withDatatype(DataType.CATEGORICAL)
                .withMaxZoom(14).withSourceUrl(file.toUri().toString()));
        Asked yes = new Asked(true);
        ParseResult result = new LayerParser(parsed.dataSource).parse(layer.id(), file, ParseOptions.defaults(),
                yes, () -> false);

        assertTrue(result.finished(), result.message());
        assertEquals(1, yes.asked.size());
        Preflight preflight = yes.asked.get(0);
        assertEquals(11, preflight.automaticZoom(), "django-raster's own choice for this file (256-px tiles)");
        assertEquals(List.of("Max zoom 14 is 3 levels finer than the raster's resolution asks for (zoom 11): 64 "
                + "times the tiles at the top, each made of pixels 8 times smaller than the raster's."),
                preflight.warnings());
        for (Map.Entry<Integer, Long> made : tiles.countByZoom(layer.id()).entrySet()) {
            assertTrue(made.getValue() <= preflight.tilesPerZoom().get(made.getKey()),
                    "the forecast is an upper bound at zoom " + made.getKey());
        }
        assertEquals(preflight.tilesPerZoom().keySet(), tiles.countByZoom(layer.id()).keySet());
        String log = statuses.find(layer.id()).orElseThrow().log();
        assertTrue(log.contains("] Pre-flight: up to " + String.format("%,d", preflight.totalTiles()) + " tiles"), log);
        assertTrue(log.contains("] Tiles per zoom, at most: z0 1; z1 1;"), log);
        assertTrue(log.contains("The raster's resolution asks for zoom 11."), log);
        assertTrue(log.contains("] Warning: Max zoom 14 is 3 levels finer"), log);

        // The finished parse is now a measured rate for the next pre-flight.
        try (Connection c = parsed.dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tiles, bytes FROM rasterdesk_parse WHERE rasterlayer_id = "
                     + layer.id() + " AND outcome = 'finished'")) {
            assertTrue(rs.next());
            assertEquals(tiles.count(layer.id()), rs.getLong(1));
            assertTrue(rs.getLong(2) > 100 * rs.getLong(1), "bytes " + rs.getLong(2));
        }
        ParseRates rates = ParseRates.measured(parsed.dataSource);
        assertTrue(rates.measuredRuns() > 0 && rates.tilesPerSecond() > 0 && rates.bytesPerTile() > 100,
                rates.toString());
    }

    @Test
    void coordinatesThatCannotBeDegreesAreAskedAboutAndANoKeepsTheLayerAsItWas() throws Exception {
        // A grid in local units (x 0 to 300, y 0 to 200) labelled EPSG:4326: latitudes up to 200.
        Path file = tmp.resolve("local-grid-as-4326.tif");
        Process gdal = new ProcessBuilder("gdal_translate", "-q", "-a_srs", "EPSG:4326", "-a_ullr", "0", "200", "300",
                "0", ParsedLayers.data("real/django_raster_test.tif").toString(), file.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, gdal.waitFor(), new String(gdal.getInputStream().readAllBytes()));
        RasterLayer layer = parsed.layers.create(RasterLayer.create("wrong srid").withDatatype(DataType.CATEGORICAL)
                .withSourceUrl(file.toUri().toString()));
        Asked no = new Asked(false);
        ParseResult result = new LayerParser(parsed.dataSource).parse(layer.id(), file, ParseOptions.defaults(),
                no, () -> false);

        assertTrue(result.cancelled(), result.toString());
        assertEquals(1, no.asked.size());
        String warning = no.asked.get(0).warnings().get(0);
        assertTrue(warning.startsWith("The raster's coordinates (x ") && warning.contains("cannot be degrees of "
                + "EPSG:4326"), warning);
        assertEquals(0, tiles.count(layer.id()));
        String log = statuses.find(layer.id()).orElseThrow().log();
        assertTrue(log.endsWith("Not parsed, as asked: " + warning + " The layer has no tiles."), log);
    }

    @Test
    void theFormsPreflightBeforeAnyParseIsTheOneTheParseTells() throws Exception {
        Path file = ParsedLayers.data("real/django_raster_test.tif");
        RasterLayer layer = parsed.layers.create(RasterLayer.create("form first").withDatatype(DataType.CATEGORICAL)
                .withMaxZoom(14).withSourceUrl(file.toUri().toString()));
        Asked yes = new Asked(true);
        new LayerParser(parsed.dataSource).parse(layer.id(), file, ParseOptions.defaults(), yes, () -> false);
        Preflight told = yes.asked.get(0);

        FilePreflight before = FilePreflight.read(file, null);
        Preflight shown = before.preflight(14, layer.nextHigher(), layer.buildPyramid(), told.rates());
        assertEquals(told.tilesPerZoom(), shown.tilesPerZoom());
        assertEquals(told.warnings(), shown.warnings());
        assertEquals(told.zoomReason(), shown.zoomReason());
        // A max zoom typed again: figures at once, from the header read once.
        Preflight automatic = before.preflight(null, layer.nextHigher(), layer.buildPyramid(), told.rates());
        assertEquals(11, automatic.maxZoom());
        assertEquals(List.of(), automatic.warnings());
    }

    @Test
    void aProjectedRastersCoordinatesOutsideItsCrsAreaAreWarnedAbout() throws Exception {
        // Coordinates of another CRS (Web Mercator's, of Lisbon) labelled UTM zone 33N: thousands of kilometres
        // west of anywhere the zone is used.
        Path file = label(-1025000, 4700000, -1020000, 4695000, "far-off-as-utm.tif");
        List<String> warnings = FilePreflight.read(file, null).preflight(null, true, true, ParseRates.ASSUMED)
                .warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("The raster's coordinates (x -1,025,000 to -1,020,000, y 4,695,000 to "
                + "4,700,000) lie outside the area EPSG:32633 is made for (x "), warnings.get(0));

        // A raster of the next zone west kept in UTM 33N (as a country in one zone keeps its data) is plausible.
        Path neighbour = label(-60760, 5728934, -59677, 5727851, "next-zone-as-utm.tif");
        assertEquals(List.of(), FilePreflight.read(neighbour, null).preflight(null, true, true, ParseRates.ASSUMED)
                .warnings());

        // Real projected rasters where they belong: no warning.
        for (String real : List.of("real/django_raster_test.tif", "real/LisbonElevation.tif")) {
            assertEquals(List.of(), FilePreflight.read(ParsedLayers.data(real), null)
                    .preflight(null, true, true, ParseRates.ASSUMED).warnings(), real);
        }
    }

    /** django-raster's test raster with these corners in EPSG:32633. */
    private Path label(double ulx, double uly, double lrx, double lry, String name) throws Exception {
        Path file = tmp.resolve(name);
        Process gdal = new ProcessBuilder("gdal_translate", "-q", "-a_srs", "EPSG:32633", "-a_ullr",
                Double.toString(ulx), Double.toString(uly), Double.toString(lrx), Double.toString(lry),
                ParsedLayers.data("real/django_raster_test.tif").toString(), file.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, gdal.waitFor(), new String(gdal.getInputStream().readAllBytes()));
        return file;
    }

    @Test
    void aPlainParseTellsItsPreflightWithoutAsking() throws Exception {
        Path file = ParsedLayers.data("real/django_raster_test.tif");
        RasterLayer layer = parsed.create("plain", DataType.CATEGORICAL, file);
        Asked no = new Asked(false);
        ParseResult result = new LayerParser(parsed.dataSource).parse(layer.id(), file, ParseOptions.defaults(),
                no, () -> false);
        assertTrue(result.finished(), result.message());
        assertEquals(List.of(), no.asked);
        assertFalse(statuses.find(layer.id()).orElseThrow().log().contains("Warning"));
        assertTrue(statuses.find(layer.id()).orElseThrow().log().contains("Pre-flight: up to "));
    }
}
