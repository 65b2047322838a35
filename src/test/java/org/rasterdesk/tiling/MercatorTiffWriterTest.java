package org.rasterdesk.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.raster.GeoTiffReader;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.raster.RasterInfo;

class MercatorTiffWriterTest {

    @TempDir
    Path tmp;

    @Test
    void gdalAndOurReaderSeeTheTilesWhereTheyBelong() throws Exception {
        TileRange range = new TileRange(11, 552, 858, 554, 859);
        Path file = tmp.resolve("reprojected.tif");
        try (MercatorTiffWriter writer = new MercatorTiffWriter(file, range, PixelType.INT16, 2, -9999)) {
            for (TileKey key : range.keys()) {
                if (key.x() == 554 && key.y() == 859) {
                    continue; // left sparse, as an empty tile is
                }
                double[][] bands = new double[2][256 * 256];
                for (int p = 0; p < 256 * 256; p++) {
                    bands[0][p] = key.x() - 550 + (p % 256);
                    bands[1][p] = -(key.y() - 850) * 100 - p / 256;
                }
                writer.write(new TileData(key, PixelType.INT16, new double[] {-9999, -9999}, bands));
            }
        }
        String info = GdalRaster.run("gdalinfo", "-json", file.toString());
        assertTrue(info.replaceAll("\\s", "").contains("\"size\":[768,512]"), info);
        assertTrue(info.contains("ID[\\\"EPSG\\\",3857]"), info);
        assertTrue(info.contains("-9999"), info);

        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            RasterInfo r = reader.info();
            assertEquals(3857, r.srid());
            Extent bounds = range.bounds();
            assertEquals(bounds.minX(), r.geoTransform().originX(), 1e-6);
            assertEquals(bounds.maxY(), r.geoTransform().originY(), 1e-6);
            assertEquals(WebMercator.pixelSize(11), r.geoTransform().scaleX(), 1e-9);
            double[][] px = reader.read(256 + 10, 256 + 20, 1, 1);
            assertEquals(553 - 550 + 10, px[0][0]);
            assertEquals(-(859 - 850) * 100 - 20, px[1][0]);
            assertEquals(-9999, reader.read(600, 300, 1, 1)[0][0], "the sparse tile reads as nodata");
        }
        String gdalValue = GdalRaster.run("gdallocationinfo", "-valonly", "-b", "2", file.toString(), "266", "276");
        assertEquals("-920", gdalValue.strip());
    }
}
