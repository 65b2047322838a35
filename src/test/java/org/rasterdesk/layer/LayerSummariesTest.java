package org.rasterdesk.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileKey;

/** Tile counts of the polled layer list: taken again only for layers whose record or parse changed. */
class LayerSummariesTest {

    private static final DataSource DATA_SOURCE = TestDatabase.shared().dataSource();

    @Test
    void countsAreTakenAgainOnlyWhenALayerOrItsParseChanged() {
        RasterLayerRepository layers = new RasterLayerRepository(DATA_SOURCE);
        TileRepository tiles = new TileRepository(DATA_SOURCE);
        ParseStatusRepository status = new ParseStatusRepository(DATA_SOURCE);
        int id = layers.create(RasterLayer.create("counted")).id();
        tiles.insert(id, TileRepositoryTest.gradient(new TileKey(2, 1, 1), PixelType.BYTE));
        tiles.insert(id, TileRepositoryTest.gradient(new TileKey(2, 1, 2), PixelType.BYTE));
        LayerSummaries summaries = new LayerSummaries(DATA_SOURCE);
        assertEquals(2, count(summaries, id));

        // Written behind the layer's back: the count stands until the layer changes.
        tiles.insert(id, TileRepositoryTest.gradient(new TileKey(2, 2, 2), PixelType.BYTE));
        assertEquals(2, count(summaries, id));
        assertEquals(3, count(new LayerSummaries(DATA_SOURCE), id), "a fresh list counts");

        // A parse logs and changes the status: counted again.
        status.log(id, "Started parsing raster.");
        assertEquals(3, count(summaries, id));

        tiles.insert(id, TileRepositoryTest.gradient(new TileKey(2, 3, 3), PixelType.BYTE));
        summaries.forget();
        assertEquals(4, count(summaries, id), "forget() counts every layer again");

        layers.update(layers.find(id).orElseThrow().withName("counted, renamed"));
        tiles.insert(id, TileRepositoryTest.gradient(new TileKey(2, 0, 3), PixelType.BYTE));
        assertEquals(5, count(summaries, id), "a layer saved since is counted again");
    }

    private static long count(LayerSummaries summaries, int id) {
        return summaries.list().stream().filter(s -> s.id() == id).findFirst().orElseThrow().tileCount();
    }
}
