package org.rasterdesk.raster;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks are decompressed into an array the thread keeps: files of different block sizes, pixel types, codecs and
 * predictors read in turn on one thread still give GDAL's pixels, including a file whose stripes end in a short one.
 */
class BlockReuseGdalTest {

    @TempDir
    Path tmp;

    @Test
    void filesReadInTurnOnOneThreadGiveGdalsPixels() throws Exception {
        Path dsm = Gdal.data("real/dom1_32_356_5699_1_nw_2020.tif");
        Path floats = Gdal.translate(dsm, tmp.resolve("float-deflate-pred3.tif"), "-srcwin", "100", "100", "700", "600",
                "-ot", "Float32", "-co", "TILED=YES", "-co", "BLOCKXSIZE=256", "-co", "BLOCKYSIZE=256",
                "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3");
        Path bytes = Gdal.translate(Gdal.data("real/RGB.byte.tif"), tmp.resolve("byte-lzw-stripes.tif"),
                "-srcwin", "0", "0", "500", "333", "-co", "COMPRESS=LZW", "-co", "PREDICTOR=2",
                "-co", "BLOCKYSIZE=40");
        Path ints = Gdal.translate(dsm, tmp.resolve("int16-zstd-128.tif"), "-srcwin", "0", "0", "300", "300",
                "-ot", "Int16", "-scale", "0", "200", "-1000", "30000", "-co", "TILED=YES", "-co", "BLOCKXSIZE=128",
                "-co", "BLOCKYSIZE=128", "-co", "COMPRESS=ZSTD");
        for (int round = 0; round < 2; round++) {
            for (Path file : new Path[] {floats, bytes, ints}) {
                try (GeoTiffReader reader = GeoTiffReader.open(file)) {
                    GdalComparison.assertSamePixels(file, reader, 0, tmp);
                }
            }
        }
    }
}
