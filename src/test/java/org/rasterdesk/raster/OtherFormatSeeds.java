package org.rasterdesk.raster;

import java.io.IOException;
import java.nio.file.Path;

/** Small seed files of the formats beyond GeoTIFF, made by GDAL, for the fuzzer. */
final class OtherFormatSeeds {

    private OtherFormatSeeds() {
    }

    static void make(Path seeds) throws IOException {
    }
}
