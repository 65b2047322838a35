package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.TileRepository;

/**
 * A save that changes a setting resets the parse (status, log, tile levels), as django-raster's does; when the
 * parse it asked for is cancelled, the layer must again describe the tiles it still has.
 */
class CancelledParseTest {

    private final ParsedLayers parsed = new ParsedLayers();
    private final TileRepository tiles = new TileRepository(parsed.dataSource);
    private final ParseStatusRepository statuses = new ParseStatusRepository(parsed.dataSource);

    @Test
    void aReparseCancelledAfterASaveGivesBackStatusLogTileLevelsAndSettings() throws Exception {
        Path file = ParsedLayers.data("real/django_raster_test.tif");
        RasterLayer layer = parsed.create("cancelled re-parse", DataType.CATEGORICAL, file);
        assertTrue(parsed.parse(layer, file).finished());
        RasterLayer made = parsed.layers.find(layer.id()).orElseThrow();
        LayerParseStatus before = statuses.find(layer.id()).orElseThrow();
        SortedMap<Integer, Long> tilesBefore = tiles.countByZoom(layer.id());

        assertTrue(parsed.layers.update(made.withMaxZoom(16)).parseReset());
        assertEquals(ParseStatus.UNPARSED, statuses.status(layer.id()), "django-raster's reset on save");

        AtomicBoolean cancel = new AtomicBoolean();
        ParseResult result = new LayerParser(parsed.dataSource).parse(layer.id(), file, ParseOptions.defaults(),
                new ParseListener() {
                    @Override
                    public void progress(double fraction, long tilesDone, double tilesPerSecond) {
                        if (tilesDone > 0) {
                            cancel.set(true);
                        }
                    }
                }, cancel::get);

        assertTrue(result.cancelled(), result.toString());
        assertEquals(ParseStatus.FINISHED, result.status());
        long count = tilesBefore.values().stream().mapToLong(Long::longValue).sum();
        assertEquals("Parsing was cancelled; the previous " + count + " tiles are kept.", result.message());
        assertEquals(tilesBefore, tiles.countByZoom(layer.id()));
        LayerParseStatus after = statuses.find(layer.id()).orElseThrow();
        assertEquals(ParseStatus.FINISHED, after.status());
        assertEquals(before.tileLevels(), after.tileLevels());
        assertTrue(after.log().startsWith(before.log() + "\n"), after.log());
        assertTrue(after.logLines().get(after.logLines().size() - 1).endsWith("Parsing was cancelled; the previous "
                + count + " tiles are kept. The layer's settings are back to those its tiles were made with."));
        assertEquals(made.maxZoom(), parsed.layers.find(layer.id()).orElseThrow().maxZoom(),
                "the max zoom that was never parsed is not kept");
    }

    @Test
    void aParseCancelledBeforeItStartedGivesTheStateBackToo() throws Exception {
        Path file = ParsedLayers.data("real/django_raster_test.tif");
        RasterLayer layer = parsed.create("cancelled in the queue", DataType.CATEGORICAL, file);
        assertTrue(parsed.parse(layer, file).finished());
        RasterLayer made = parsed.layers.find(layer.id()).orElseThrow();
        LayerParseStatus before = statuses.find(layer.id()).orElseThrow();
        parsed.layers.update(made.withNodata("0").withNextHigher(false));
        parsed.layers.update(parsed.layers.find(layer.id()).orElseThrow().withMaxZoom(14));

        assertEquals(ParseStatus.FINISHED, new CancelledParse(parsed.dataSource).beforeStart(layer.id()));

        RasterLayer now = parsed.layers.find(layer.id()).orElseThrow();
        assertEquals(java.util.Arrays.asList(made.nodata(), made.nextHigher(), made.maxZoom()),
                java.util.Arrays.asList(now.nodata(), now.nextHigher(), now.maxZoom()),
                "two saves since the tiles were made: the settings of the tiles, not of the first save");
        assertEquals(before.tileLevels(), statuses.find(layer.id()).orElseThrow().tileLevels());
    }

    @Test
    void aLayerThatNeverHadTilesStaysUnparsed() throws Exception {
        Path file = ParsedLayers.data("real/django_raster_test.tif");
        RasterLayer layer = parsed.create("never parsed", DataType.CATEGORICAL, file);
        parsed.layers.update(layer.withMaxZoom(12));
        assertEquals(ParseStatus.UNPARSED, new CancelledParse(parsed.dataSource).beforeStart(layer.id()));
        assertEquals(12, parsed.layers.find(layer.id()).orElseThrow().maxZoom());
        assertTrue(statuses.find(layer.id()).orElseThrow().log().endsWith("Parse cancelled before it started; "
                + "the layer has no tiles."));
    }
}
