package org.rasterdesk.tiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.rasterdesk.raster.GeoTiffReader;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.tiling.wkb.RasterWkb;

/**
 * The warp on several threads gives the tiles of one warper on one thread, byte for byte and in the same order; a
 * failure on one thread ends the warp with that failure, without waiting for the others.
 */
class ParallelWarperTest {

    @ParameterizedTest
    @CsvSource({"real/LisbonElevation.tif, BILINEAR", "real/RGB.byte.tif, NEAREST", "real/RGB.byte.tif, CUBIC"})
    void theTilesOfEveryThreadAreTheOneThreadsTilesInTheSameOrder(String file, Resampling resampling)
            throws Exception {
        try (GeoTiffReader reader = GeoTiffReader.open(GdalRaster.data(file))) {
            RasterInfo info = reader.info();
            SourceProjection projection = new SourceProjection(info, info.crs());
            // A zoom finer than the raster's own, so that even a small raster makes runs for every thread.
            int z = new ZoomLevels().forPixelSize(ZoomLevels.sourcePixelSize(projection), true).zoom() + 1;
            TileCover cover = TileCover.of(z, SourceFootprint.parts(projection));
            double[] nodata = TileNodata.forRaster(info);

            List<String> keys = new ArrayList<>();
            List<byte[]> single = new ArrayList<>();
            Warper one = new Warper(reader, projection, resampling, nodata);
            for (int y = cover.minY(); y <= cover.maxY(); y++) {
                for (TileRange piece : cover.row(y)) {
                    one.warp(piece, tile -> {
                        keys.add(tile.key().toString());
                        single.add(RasterWkb.encode(tile));
                    });
                }
            }

            List<String> parallelKeys = new ArrayList<>();
            List<byte[]> parallel = new ArrayList<>();
            new ParallelWarper<>(reader, projection, resampling, nodata, 3, RasterWkb::encode).run(cover, warped -> {
                parallelKeys.add(warped.tile().key().toString());
                parallel.add(warped.result());
            }, () -> false);

            assertTrue(keys.size() > ParallelWarper.RUN_TILES * 3, "enough tiles for every thread: " + keys.size());
            assertEquals(keys, parallelKeys, "row-major order, as the pyramid needs it");
            for (int i = 0; i < single.size(); i++) {
                assertArrayEquals(single.get(i), parallel.get(i), "tile " + keys.get(i));
            }
        }
    }

    @Test
    void aFailureOnOneThreadEndsTheWarpWithItsMessageAndNoHang() throws Exception {
        try (GeoTiffReader reader = GeoTiffReader.open(GdalRaster.data("real/LisbonElevation.tif"))) {
            RasterInfo info = reader.info();
            SourceProjection projection = new SourceProjection(info, info.crs());
            TileCover cover = TileCover.of(16, SourceFootprint.parts(projection));
            double[] nodata = TileNodata.forRaster(info);
            int failingRow = (cover.minY() + cover.maxY()) / 2;
            ParallelWarper.Warpers warpers = () -> {
                Warper warper = new Warper(reader, projection, Resampling.BILINEAR, nodata);
                return (range, consumer) -> {
                    if (range.minY() == failingRow) {
                        throw new IOException("block 7 of the source does not decode");
                    }
                    warper.warp(range, consumer);
                };
            };
            List<TileData> received = new ArrayList<>();
            IOException failure = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
                    IOException.class, () -> new ParallelWarper<>(warpers, 2, tile -> tile).run(cover,
                            warped -> received.add(warped.tile()), () -> false)));
            assertEquals("block 7 of the source does not decode", failure.getMessage());
            assertTrue(received.stream().allMatch(t -> t.key().y() < failingRow),
                    "every tile before the failing row, none after it");
        }
    }

    @Test
    void aStepThatFailsOrAWarperThatCannotBeMadeEndsTheWarpToo() throws Exception {
        try (GeoTiffReader reader = GeoTiffReader.open(GdalRaster.data("real/LisbonElevation.tif"))) {
            RasterInfo info = reader.info();
            SourceProjection projection = new SourceProjection(info, info.crs());
            TileCover cover = TileCover.of(15, SourceFootprint.parts(projection));
            double[] nodata = TileNodata.forRaster(info);
            AtomicInteger steps = new AtomicInteger();
            IllegalStateException step = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
                    IllegalStateException.class, () -> new ParallelWarper<>(reader, projection, Resampling.BILINEAR,
                            nodata, 2, tile -> {
                                if (steps.incrementAndGet() == 20) {
                                    throw new IllegalStateException("out of room for the encoded tile");
                                }
                                return tile;
                            }).run(cover, warped -> { }, () -> false)));
            assertEquals("out of room for the encoded tile", step.getMessage());

            ParallelWarper.Warpers none = () -> {
                throw new IOException("the source cannot be opened again");
            };
            IOException start = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
                    IOException.class, () -> new ParallelWarper<>(none, 2, tile -> tile).run(cover,
                            warped -> { }, () -> false)));
            assertEquals("the source cannot be opened again", start.getMessage());
        }
    }
}
