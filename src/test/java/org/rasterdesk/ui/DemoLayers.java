package org.rasterdesk.ui;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.rasterdesk.system.AppLogging;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.Database;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;

/**
 * Puts a few layers named after the shared test rasters into a database, with parse states and tile counts as a
 * parse would leave them, so that a screenshot of the window shows a realistic list; removes them again.
 * Usage: {@code DemoLayers add|remove [JDBC-URL]} (default: the embedded database).
 */
public final class DemoLayers {

    /** A layer to show: its tiles are empty 256×256 rasters, the list only counts them. */
    record Demo(String name, DataType datatype, String file, ParseStatus status, int tiles, int maxZoom) {
    }

    static final List<Demo> LAYERS = List.of(
            new Demo("Florida land use (django-raster fixture)", DataType.CATEGORICAL, "django_raster_test.tif",
                    ParseStatus.FINISHED, 13, 11),
            new Demo("Lisbon elevation, UTM 29N 1.6 m", DataType.CONTINUOUS, "lisbon_dem_utm29n_8000.tif",
                    ParseStatus.FINISHED, 4065, 17),
            new Demo("Cropland share 2016 (OpenLandMap)", DataType.RANK_ORDERED,
                    "openlandmap_cropland_10km_2016.tif", ParseStatus.CREATING_TILES, 212, 7),
            new Demo("NRW surface model 2020", DataType.CONTINUOUS, "dom1_32_356_5699_1_nw_2020.tif",
                    ParseStatus.FAILED, 0, 18),
            new Demo("GPM precipitation 2024-06-17", DataType.CONTINUOUS, "gpm_1d.20240617.tif",
                    ParseStatus.UNPARSED, 0, 6));

    /** A layer parsed for real from django-raster's fixture, so the form and details show true metadata. */
    static final String PARSED_NAME = "Florida land cover (parsed)";

    private DemoLayers() {
    }

    public static void main(String[] args) throws Exception {
        AppLogging.configure();
        if (args.length < 1 || !List.of("add", "remove").contains(args[0])) {
            System.err.println("usage: DemoLayers add|remove [JDBC-URL]");
            System.exit(2);
        }
        try (ConnectedDatabase connected = args.length > 1
                ? ConnectedDatabase.open(new ConnectionSettings(args[1], null, null, args[1]))
                : ConnectedDatabase.openEmbedded()) {
            int removed = remove(connected.database());
            if (args[0].equals("add")) {
                add(connected.database());
                addParsed(connected.database());
                System.out.println("Added " + LAYERS.size() + " demo layers to "
                        + connected.database().description());
            } else {
                System.out.println("Removed " + removed + " demo layers from "
                        + connected.database().description());
            }
        }
    }

    static void add(Database database) throws SQLException {
        RasterLayerRepository layers = new RasterLayerRepository(database.dataSource());
        for (Demo demo : LAYERS) {
            RasterLayer layer = new RasterLayer(null, demo.name(), null, demo.datatype(), "rasters/" + demo.file(), "", null,
                    null, demo.maxZoom(), true, true, true, null, null);
            int id = layers.create(layer).id();
            try (Connection c = database.dataSource().getConnection()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE raster_rasterlayerparsestatus SET status = ? WHERE rasterlayer_id = ?")) {
                    ps.setInt(1, demo.status().code());
                    ps.setInt(2, id);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rastertile "
                        + "(rast, tilex, tiley, tilez, rasterlayer_id) SELECT ST_AddBand(ST_MakeEmptyRaster("
                        + "256, 256, 0, 0, 1, -1, 0, 0, 3857), '8BUI'::text, 1::float8, 0::float8), n, 0, ?, ? "
                        + "FROM generate_series(0, ? - 1) AS n")) {
                    ps.setInt(1, demo.maxZoom());
                    ps.setInt(2, id);
                    ps.setInt(3, demo.tiles());
                    ps.executeUpdate();
                }
            }
        }
    }

    /** Adds {@link #PARSED_NAME} and parses it, when the shared test data is where the tests find it. */
    static void addParsed(Database database) throws SQLException {
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("rasterdesk.test.data",
                "../shared/data"), "real", "django_raster_test.tif").toAbsolutePath().normalize();
        if (!java.nio.file.Files.isRegularFile(file)) {
            System.err.println("No " + file + ": the parsed demo layer is left out");
            return;
        }
        RasterLayerRepository layers = new RasterLayerRepository(database.dataSource());
        RasterLayer layer = layers.create(RasterLayer.create(PARSED_NAME).withDatatype(DataType.CATEGORICAL)
                .withDescription("django-raster's test raster: land cover classes 0–9 near Tallahassee")
                .withSourceUrl(file.toUri().toString()));
        new org.rasterdesk.parse.LayerParseJob(database.dataSource()).run(layer.id(),
                org.rasterdesk.parse.ParseOptions.defaults(), org.rasterdesk.parse.ParseListener.NONE, () -> false);
    }

    static int remove(Database database) {
        RasterLayerRepository layers = new RasterLayerRepository(database.dataSource());
        List<String> names = new java.util.ArrayList<>(LAYERS.stream().map(Demo::name).toList());
        names.add(PARSED_NAME);
        int removed = 0;
        for (LayerSummary layer : layers.listSummaries()) {
            if (names.contains(layer.name()) && layers.delete(layer.id())) {
                removed++;
            }
        }
        return removed;
    }
}
