package org.rasterdesk.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.TestDatabase;

class ParseStatusRepositoryTest {

    static RasterLayerRepository layers;
    static ParseStatusRepository status;

    @BeforeAll
    static void database() {
        layers = new RasterLayerRepository(TestDatabase.shared().dataSource());
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:15:02Z"), ZoneOffset.UTC);
        status = new ParseStatusRepository(TestDatabase.shared().dataSource(), clock);
    }

    @Test
    void logLinesStatusAndZoomLevelsAccumulateAsInDjango() {
        int id = layers.create(RasterLayer.create("p")).id();
        status.log(id, "Started parsing raster.");
        status.log(id, "Creating 42 tiles in 1 quadrants at zoom 11.", ParseStatus.CREATING_TILES, 11);
        status.log(id, "Creating 12 tiles in 1 quadrants at zoom 9.", null, 9);
        status.log(id, "Again zoom 11.", null, 11);
        LayerParseStatus s = status.find(id).orElseThrow();
        assertEquals("[2026-11-24 10:15:02] Started parsing raster.\n"
                + "[2026-11-24 10:15:02] Creating 42 tiles in 1 quadrants at zoom 11.\n"
                + "[2026-11-24 10:15:02] Creating 12 tiles in 1 quadrants at zoom 9.\n"
                + "[2026-11-24 10:15:02] Again zoom 11.", s.log());
        assertEquals(ParseStatus.CREATING_TILES, s.status());
        assertEquals(List.of(9, 11), s.tileLevels());
        assertEquals(4, s.logLines().size());

        status.setTileLevels(id, List.of(5, 3, 4));
        status.setStatus(id, ParseStatus.FAILED);
        assertEquals(new LayerParseStatus(id, ParseStatus.FAILED, s.log(), List.of(3, 4, 5)),
                status.find(id).orElseThrow());

        status.reset(id);
        assertEquals(LayerParseStatus.unparsed(id), status.find(id).orElseThrow());

        LayerParseStatus saved = new LayerParseStatus(id, ParseStatus.FINISHED, "x\ny", List.of(0, 1, 2));
        status.save(saved);
        assertEquals(saved, status.find(id).orElseThrow());
    }

    @Test
    void linesLoggedTogetherFollowTheLogInOrderAndSetTheStatus() {
        int id = layers.create(RasterLayer.create("lines")).id();
        status.log(id, "Creating up to 2 tiles at zoom 1.", ParseStatus.CREATING_TILES, 1);
        status.log(id, List.of("Dropping empty tiles.", "Zoom 1: 2 tiles, 0 empty dropped.",
                "Zoom 0: 1 tile, 0 empty dropped."), ParseStatus.DROPPING_EMPTY_TILES);
        status.log(id, List.of(), ParseStatus.FAILED);
        assertEquals(new LayerParseStatus(id, ParseStatus.DROPPING_EMPTY_TILES,
                "[2026-11-24 10:15:02] Creating up to 2 tiles at zoom 1.\n"
                        + "[2026-11-24 10:15:02] Dropping empty tiles.\n"
                        + "[2026-11-24 10:15:02] Zoom 1: 2 tiles, 0 empty dropped.\n"
                        + "[2026-11-24 10:15:02] Zoom 0: 1 tile, 0 empty dropped.", List.of(1)),
                status.find(id).orElseThrow());
        int fresh = layers.create(RasterLayer.create("first lines")).id();
        status.log(fresh, List.of("a", "b"), null);
        assertEquals("[2026-11-24 10:15:02] a\n[2026-11-24 10:15:02] b", status.find(fresh).orElseThrow().log());
    }

    @Test
    void writesCreateTheRowWhenALayerHasNone() throws Exception {
        int id = layers.create(RasterLayer.create("q")).id();
        try (var c = TestDatabase.shared().dataSource().getConnection();
             var ps = c.prepareStatement("DELETE FROM raster_rasterlayerparsestatus WHERE rasterlayer_id = ?")) {
            ps.setInt(1, id);
            ps.executeUpdate();
        }
        assertEquals(ParseStatus.UNPARSED, status.status(id));
        status.log(id, "Started parsing raster.", ParseStatus.DOWNLOADING_FILE, null);
        assertEquals(new LayerParseStatus(id, ParseStatus.DOWNLOADING_FILE,
                "[2026-11-24 10:15:02] Started parsing raster.", List.of()), status.find(id).orElseThrow());
    }
}
