package org.rasterdesk.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rasters beyond GeoTIFF, made by GDAL from the real files, read as GDAL reads them: the same size, georeferencing,
 * nodata and pixels.
 */
@Tag("slow")
class OtherFormatsTest {

    @TempDir
    Path tmp;

    private void assertSameAsGdal(Path file, double tolerance) throws IOException {
        try (RasterReader reader = RasterFiles.open(file)) {
            RasterInfo info = reader.info();
            java.util.Map<String, Object> gdal = Gdal.info(file);
            @SuppressWarnings("unchecked")
            List<Object> size = (List<Object>) gdal.get("size");
            assertEquals(((Double) size.get(0)).intValue(), info.width());
            assertEquals(((Double) size.get(1)).intValue(), info.height());
            GdalComparison.assertSamePixels(file, reader, tolerance, tmp);
            assertTrue(info.crs() != null, "a CRS");
        }
    }

    /** An image with a world file whose CRS is in a .prj, as GIS programs exchange them. */
    static Path worldFileImage(Path dir, String driver, String extension, String worldExtension, String source,
                               String... options) throws IOException {
        Path image = dir.resolve("image." + extension);
        List<String> args = new java.util.ArrayList<>(List.of("-of", driver, "-co", "WORLDFILE=YES"));
        args.addAll(List.of(options));
        Gdal.translate(Gdal.data(source), image, args.toArray(String[]::new));
        Path wld = dir.resolve("image.wld");
        if (!worldExtension.equals("wld")) {
            Files.move(wld, dir.resolve("image." + worldExtension));
        }
        String srs = Gdal.run("gdalsrsinfo", "-o", "wkt_esri", Gdal.data(source).toString()).trim();
        Files.writeString(dir.resolve("image.prj"), srs);
        return image;
    }

    @Test
    void pngWithPgwAndPrj() throws IOException {
        Path png = worldFileImage(tmp, "PNG", "png", "pgw", "real/RGB.byte.tif");
        Files.deleteIfExists(tmp.resolve("image.png.aux.xml"));
        assertSameAsGdal(png, 0);
    }

    @Test
    void jpegWithJgw() throws IOException {
        Path jpg = worldFileImage(tmp, "JPEG", "jpg", "jgw", "real/RGB.byte.tif");
        assertSameAsGdal(jpg, 0);
    }

    @Test
    void plainTiffWithTfw() throws IOException {
        Path tif = worldFileImage(tmp, "GTiff", "tif", "tfw", "real/opengeos_dsm.tif", "-co", "PROFILE=BASELINE");
        try (RasterReader reader = RasterFiles.open(tif)) {
            assertTrue(reader.info().crs() != null);
            // A baseline TIFF cannot hold GDAL's nodata tag: GDAL keeps the value in the .aux.xml and reads it there.
            assertTrue(Files.readString(tmp.resolve("image.tif.aux.xml")).contains("<NoDataValue>"));
            assertTrue(Gdal.run("gdalinfo", tif.toString()).contains("NoData Value=-9999"));
            assertEquals(-9999.0, reader.info().nodata(0));
        }
        assertSameAsGdal(tif, 0);
    }

    @Test
    void esriAsciiGrid() throws IOException {
        Path asc = Gdal.translate(Gdal.data("real/opengeos_dsm.tif"), tmp.resolve("dsm.asc"), "-of", "AAIGrid");
        try (RasterReader reader = RasterFiles.open(asc)) {
            assertEquals(-9999.0, reader.info().nodata(0));
        }
        assertSameAsGdal(asc, 0);
    }

    @Test
    void integerAsciiGrid() throws IOException {
        Path asc = Gdal.translate(Gdal.data("real/django_raster_test.tif"), tmp.resolve("classes.asc"),
                "-of", "AAIGrid");
        assertSameAsGdal(asc, 0);
    }

    @Test
    void netcdfWithCfCoordinates() throws IOException {
        Path nc = Gdal.translate(Gdal.data("real/LisbonElevation.tif"), tmp.resolve("dem.nc"), "-of", "netCDF");
        assertSameAsGdal(nc, 0);
    }

    /**
     * A known gap: Apache SIS 1.6 reads a projected NetCDF grid as geographic coordinates through the projection,
     * not as a linear grid of the projected CRS; such a file is refused with a sentence that says what to do.
     */
    @Test
    void netcdfInAProjectedCrsIsRefusedWithASentence() throws IOException {
        Path nc = Gdal.translate(Gdal.data("real/opengeos_dsm.tif"), tmp.resolve("dsm.nc"), "-of", "netCDF", "-co",
                "WRITE_LONLAT=NO");
        IOException e = assertThrows(IOException.class, () -> RasterFiles.open(nc));
        assertTrue(e.getMessage().contains("gdal_translate") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void jpeg2000LosslessWithGeoJp2() throws IOException {
        Path jp2 = Gdal.translate(Gdal.data("real/RGB.byte.tif"), tmp.resolve("rgb.jp2"), "-of", "JP2OpenJPEG",
                "-co", "REVERSIBLE=YES", "-co", "QUALITY=100");
        assertSameAsGdal(jp2, 0);
    }

    /** As Sentinel-2 ships them: 16-bit, tiled, georeferenced by GMLJP2 only. */
    @Test
    void jpeg2000SixteenBitWithGmlJp2Only() throws IOException {
        Path jp2 = Gdal.translate(Gdal.data("real/gpm_1d.20240617.tif"), tmp.resolve("s2.jp2"), "-of",
                "JP2OpenJPEG", "-co", "REVERSIBLE=YES", "-co", "QUALITY=100", "-co", "GeoJP2=NO", "-co",
                "GMLJP2=YES", "-co", "BLOCKXSIZE=512", "-co", "BLOCKYSIZE=512");
        assertSameAsGdal(jp2, 0);
    }

    @Test
    void erdasImagineIsRefusedWithTheFormatsThatAreRead() throws IOException {
        Path img = Gdal.translate(Gdal.data("real/django_raster_test.tif"), tmp.resolve("x.img"), "-of", "HFA");
        IOException e = assertThrows(IOException.class, () -> RasterFiles.open(img));
        assertTrue(e.getMessage().contains("ERDAS Imagine") && e.getMessage().contains("gdal_translate"),
                e.getMessage());
    }

    @Test
    void anUnknownFormatGetsTheListOfTheSupportedOnes() throws IOException {
        Path csv = Files.writeString(tmp.resolve("points.csv"), "x,y\n1,2\n");
        IOException e = assertThrows(IOException.class, () -> RasterFiles.open(csv));
        assertTrue(e.getMessage().contains("GeoTIFF") && e.getMessage().contains("NetCDF")
                && e.getMessage().contains("JPEG 2000") && e.getMessage().contains("ASCII grid"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }
}
