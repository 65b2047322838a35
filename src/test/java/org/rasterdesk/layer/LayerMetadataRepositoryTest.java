package org.rasterdesk.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.TestDatabase;

class LayerMetadataRepositoryTest {

    static RasterLayerRepository layers;
    static LayerMetadataRepository metadata;

    @BeforeAll
    static void database() {
        layers = new RasterLayerRepository(TestDatabase.shared().dataSource());
        metadata = new LayerMetadataRepository(TestDatabase.shared().dataSource());
    }

    @Test
    void metadataRoundTrips() {
        int id = layers.create(RasterLayer.create("m")).id();
        LayerMetadata m = new LayerMetadata(id, 499_980.0, 4_200_000.5, 7000, 6500, 30.0, -30.0, 0.0, 0.25, 3,
                "PROJCS[\"WGS 84 / UTM zone 33N\"]", 32633, 12);
        metadata.save(m);
        assertEquals(Optional.of(m), metadata.find(id));
        LayerMetadata partial = new LayerMetadata(id, 1.0, null, 2, null, null, null, null, null, null, null, null,
                null);
        metadata.save(partial);
        assertEquals(Optional.of(partial), metadata.find(id));
        assertEquals(Optional.empty(), metadata.find(Integer.MAX_VALUE));
    }

    @Test
    void bandsRoundTripAndAreReplaced() {
        int id = layers.create(RasterLayer.create("b")).id();
        BandMetadata b0 = BandMetadata.of(id, 0, -9999.0, -3.5, 1200.25, 410.5, 99.75);
        BandMetadata b1 = BandMetadata.of(id, 1, Double.NaN, 0, 255, null, null);
        BandMetadata b2 = BandMetadata.of(id, 2, null, 0, 1, 0.5, 0.5);
        metadata.replaceBands(id, List.of(b0, b1, b2));
        assertEquals(List.of(b0, b1, b2), metadata.bands(id));

        long[] counts = new long[100];
        counts[0] = 5_000_000_000L;
        counts[99] = 7;
        double[] edges = BandMetadata.histogramEdges(-4, 1201, 100);
        metadata.updateHistogram(id, 0, counts, edges);
        BandMetadata withHist = b0.withHistogram(counts, edges);
        assertEquals(Optional.of(withHist), metadata.band(id, 0));

        BandMetadata newB0 = BandMetadata.of(id, 0, null, 1, 2, 1.5, 0.1);
        metadata.replaceBands(id, List.of(newB0));
        assertEquals(List.of(newB0), metadata.bands(id));
        metadata.saveBand(b1);
        assertEquals(List.of(newB0, b1), metadata.bands(id));
        assertThrows(IllegalArgumentException.class, () -> metadata.updateHistogram(id, 5, counts, edges));
    }
}
