package org.rasterdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;

class LayersCommandTest {

    @Test
    void printsEachLayerWithDatatypeStatusAndTileCount() throws Exception {
        ConnectionSettings settings = TestDatabase.createEmptyDatabase("rasterdesk_cli_layers");
        try (Database database = Database.open(settings, false)) {
            RasterLayerRepository layers = new RasterLayerRepository(database.dataSource());
            int landCover = layers.create(new RasterLayer(null, "Land cover", null, DataType.CATEGORICAL, null, "",
                    null, null, null, true, true, true, null, null)).id();
            layers.create(RasterLayer.create("Elevation"));
            try (Connection c = database.dataSource().getConnection();
                 PreparedStatement status = c.prepareStatement(
                         "UPDATE raster_rasterlayerparsestatus SET status = 5 WHERE rasterlayer_id = ?");
                 PreparedStatement tiles = c.prepareStatement("INSERT INTO raster_rastertile "
                         + "(rast, tilex, tiley, tilez, rasterlayer_id) SELECT ST_AddBand(ST_MakeEmptyRaster("
                         + "256, 256, 0, 0, 1, -1, 0, 0, 3857), '8BUI'::text, 1::float8, 0::float8), x, 0, 4, ? "
                         + "FROM generate_series(0, 11) AS x")) {
                status.setInt(1, landCover);
                status.executeUpdate();
                tiles.setInt(1, landCover);
                tiles.executeUpdate();
            }
        }
        String url = settings.jdbcUrl() + "?user=" + settings.user() + "&password=" + settings.password();

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = RasterDeskCommand.run("layers", "--db", url);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);

        assertEquals(0, exit, output);
        List<String> lines = output.lines().toList();
        assertTrue(lines.get(0).startsWith("Database: "), output);
        assertEquals(List.of(
                "",
                "ID  NAME        DATATYPE     STATUS                TILES",
                " 1  Land cover  Categorical  Finished parsing         12",
                " 2  Elevation   Continuous   Layer not yet parsed      0"), lines.subList(1, lines.size()));
    }
}
