package org.rasterdesk.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerValuesTest {

    @Test
    void datatypesAndStatusesKeepDjangoCodes() {
        assertEquals(List.of("co", "ca", "ma", "ro"),
                List.of(DataType.values()).stream().map(DataType::code).toList());
        assertEquals(DataType.RANK_ORDERED, DataType.fromCode("ro"));
        assertEquals("Rank Ordered", DataType.RANK_ORDERED.displayName());
        assertFalse(DataType.CONTINUOUS.isDiscrete());
        assertTrue(DataType.MASK.isDiscrete());
        assertThrows(IllegalArgumentException.class, () -> DataType.fromCode("xx"));
        for (ParseStatus status : ParseStatus.values()) {
            assertEquals(status, ParseStatus.fromCode(status.ordinal()));
        }
        assertEquals(5, ParseStatus.FINISHED.code());
        assertEquals("Layer not yet parsed", ParseStatus.UNPARSED.displayText());
        assertEquals("Failed parsing", ParseStatus.FAILED.displayText());
    }

    @Test
    void newLayerHasDjangoDefaults() {
        RasterLayer layer = RasterLayer.create("dem");
        assertEquals(DataType.CONTINUOUS, layer.datatype());
        assertEquals("", layer.sourceUrl());
        assertTrue(layer.buildPyramid() && layer.nextHigher() && layer.storeReprojected());
        assertFalse(layer.hasSource());
        assertTrue(layer.withSourceUrl("s3://bucket/key.tif").hasSource());
        assertThrows(IllegalArgumentException.class, () -> layer.withName("x".repeat(101)));
    }

    @Test
    void onlyTileInputsAskForANewParse() {
        RasterLayer layer = RasterLayer.create("dem").withRasterfile("rasters/dem.tif");
        assertFalse(layer.parseInputsDiffer(layer.withName("other").withDatatype(DataType.MASK).withLegendId(3)
                .withStoreReprojected(false).withDescription("d")));
        assertTrue(layer.parseInputsDiffer(layer.withNodata("0")));
        assertTrue(layer.parseInputsDiffer(layer.withMaxZoom(12)));
        assertTrue(layer.parseInputsDiffer(layer.withSrid(4326)));
        assertTrue(layer.parseInputsDiffer(layer.withSourceUrl("https://x/y.tif")));
        assertTrue(layer.parseInputsDiffer(layer.withBuildPyramid(false)));
        assertTrue(layer.parseInputsDiffer(layer.withNextHigher(false)));
        assertTrue(layer.parseInputsDiffer(layer.withRasterfile("rasters/other.tif")));
        assertFalse(layer.withRasterfile(null).parseInputsDiffer(layer.withRasterfile("")));
    }

    @Test
    void emptyHistogramEdgesAreNumpys() {
        // Values printed by numpy.histogram([], range=..., bins=100)[1].
        double[] edges = BandMetadata.of(1, 0, null, -2.5, 6.2, null, null).histBins();
        assertEquals(101, edges.length);
        assertEquals(-3.0, edges[0]);
        assertEquals(-2.9, edges[1]);
        assertEquals(-2.7, edges[3]);
        assertEquals(-2.3, edges[7]);
        assertEquals(-0.09999999999999964, edges[29]);
        assertEquals(2.7, edges[57]);
        assertEquals(6.800000000000001, edges[98]);
        assertEquals(6.9, edges[99]);
        assertEquals(7.0, edges[100]);
        double[] bytes = BandMetadata.histogramEdges(0, 255, 100);
        assertEquals(7.6499999999999995, bytes[3]);
        assertEquals(84.14999999999999, bytes[33]);
        assertEquals(170.85, bytes[67]);
        assertEquals(252.45, bytes[99]);
        double[] flat = BandMetadata.of(1, 0, null, 5, 5, null, null).histBins();
        assertArrayEquals(new double[] {4.5, 4.51, 4.53, 4.83, 5.17, 5.49, 5.5},
                new double[] {flat[0], flat[1], flat[3], flat[33], flat[67], flat[99], flat[100]});
        assertArrayEquals(new long[100], BandMetadata.of(1, 0, null, 0, 1, null, null).histValues());
    }
}
