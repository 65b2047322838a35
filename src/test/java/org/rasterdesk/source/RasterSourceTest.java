package org.rasterdesk.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RasterSourceTest {

    @Test
    void sourceUrlOverridesTheUploadedFile() throws Exception {
        RasterSource s = RasterSource.parse(7, "https://example.org/data/dem.tif", "rasters/other.tif");
        assertEquals(new RasterSource.HttpUrl(URI.create("https://example.org/data/dem.tif")), s);
        assertEquals("dem.tif", s.fileName());
    }

    @Test
    void withoutUrlTheUploadedFileOfTheLayerIsUsed() throws Exception {
        RasterSource s = RasterSource.parse(7, "  ", "rasters/dem.tif");
        assertEquals(new RasterSource.UploadedFile(7, "rasters/dem.tif"), s);
        assertEquals("dem.tif", s.fileName());
    }

    @Test
    void s3UrlSplitsIntoBucketAndKey() throws Exception {
        RasterSource s = RasterSource.parse(1, "s3://my-bucket/some/deep/key.tif", null);
        assertEquals(new RasterSource.S3Object("my-bucket", "some/deep/key.tif"), s);
        assertEquals("key.tif", s.fileName());
        assertEquals("s3://my-bucket/some/deep/key.tif", s.describe());
    }

    @Test
    void schemesAreCaseInsensitiveForHttp() throws Exception {
        assertTrue(RasterSource.parse(1, "HTTPS://Example.org/a.tif", null) instanceof RasterSource.HttpUrl);
    }

    @Test
    void fileUrlIsReadInPlace() throws Exception {
        RasterSource s = RasterSource.parse(1, "file:///data/rasters/a.tif", "");
        assertEquals(new RasterSource.LocalPath(Path.of("/data/rasters/a.tif")), s);
    }

    @Test
    void urlWithSpacesIsAccepted() throws Exception {
        RasterSource s = RasterSource.parse(1, "http://example.org/my file.tif", null);
        assertEquals("my file.tif", s.fileName());
    }

    @Test
    void missingSourceAndUnknownSchemesAreClearErrors() {
        SourceException none = assertThrows(SourceException.class, () -> RasterSource.parse(1, "", null));
        assertEquals("No data source found: provide a raster file or a source url.", none.getMessage());
        SourceException ftp = assertThrows(SourceException.class,
                () -> RasterSource.parse(1, "ftp://example.org/a.tif", null));
        assertEquals("Only http(s), file and s3 urls are supported, not ftp://example.org/a.tif.", ftp.getMessage());
        SourceException noKey = assertThrows(SourceException.class,
                () -> RasterSource.parse(1, "s3://bucket-only", null));
        assertTrue(noKey.getMessage().contains("s3://BUCKET/KEY"));
    }

    @Test
    void djangoFileNameCleansLikeDjango() {
        assertEquals("rasters/my_dem_v2.tif", SourceFileStore.djangoFileName(Path.of("/tmp/my dem (v2).tif")));
        String longName = "a".repeat(150) + ".tif";
        String name = SourceFileStore.djangoFileName(Path.of(longName));
        assertEquals(100, name.length());
        assertTrue(name.endsWith(".tif"));
    }
}
