package org.rasterdesk.tiling;

import java.nio.file.Files;
import java.nio.file.Path;

/** A polar stereographic raster (EPSG:3413) holding the north pole, made with gdalwarp from a global one. */
final class PolarRaster {

    private PolarRaster() {
    }

    static Path path(Path work) {
        return work.resolve("cropland_3413.tif");
    }

    static Path make(Path work) throws Exception {
        Path out = path(work);
        if (!Files.exists(out)) {
            GdalRaster.run("gdalwarp", "-q", "-t_srs", "EPSG:3413", "-te", "-3000000", "-3000000", "3000000",
                    "3000000", "-tr", "10000", "10000", "-r", "near",
                    GdalRaster.data("real/openlandmap_cropland_10km_2016.tif").toString(), out.toString());
        }
        return out;
    }
}
