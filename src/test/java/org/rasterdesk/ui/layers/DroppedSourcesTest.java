package org.rasterdesk.ui.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** What a drop carries, read as a browser or a file manager puts it on the board, and how files are judged. */
@Tag("gui")
class DroppedSourcesTest {

    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aBrowsersUriListGivesItsUrlsWithoutComments() {
        AtomicReference<List<String>> urls = new AtomicReference<>();
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.put(DataFormat.PLAIN_TEXT, "# dragged from a browser\r\nhttps://example.org/a/dem.tif\r\n"
                    + "s3://bucket/landcover.tif\r\nnot a url\r\n");
            Clipboard board = Clipboard.getSystemClipboard();
            board.setContent(content);
            urls.set(LayerIntake.urlsOf(board));
            assertTrue(LayerIntake.accepts(board));
        });
        assertEquals(List.of("https://example.org/a/dem.tif", "s3://bucket/landcover.tif"), urls.get());
    }

    @Test
    void aUrlLayerIsNamedAfterItsFile() throws IOException {
        RasterLayer layer = RasterInspection.layerFor("https://example.org/rasters/flood%20depth.tif?version=2");
        assertEquals("flood depth", layer.name());
        assertEquals(DataType.CONTINUOUS, layer.datatype());
        assertEquals("https://example.org/rasters/flood%20depth.tif?version=2", layer.sourceUrl());
    }

    @Test
    void byteClassesAreCategoricalOtherDataContinuous() throws IOException {
        assertEquals(DataType.CATEGORICAL, RasterInspection.layerFor(data("real/django_raster_test.tif")).datatype());
        assertEquals(DataType.CONTINUOUS, RasterInspection.layerFor(data("real/gpm_1d.20240617.tif")).datatype());
        assertEquals(DataType.CONTINUOUS, RasterInspection.layerFor(data("real/LisbonElevation.tif")).datatype());
        // RGB bytes take all 256 values: measurements, not classes.
        assertEquals(DataType.CONTINUOUS, RasterInspection.layerFor(data("real/RGB.byte.tif")).datatype());
    }

    @Test
    void aZipIsTakenWhenItHoldsAGeoTiffAndRefusedOtherwise(@TempDir Path dir) throws IOException {
        Path zipped = dir.resolve("florida.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zipped))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("land use".getBytes());
            out.putNextEntry(new ZipEntry("data/django_raster_test.tif"));
            out.write(Files.readAllBytes(data("real/django_raster_test.tif")));
        }
        RasterLayer layer = RasterInspection.layerFor(zipped);
        assertEquals("florida", layer.name());
        assertEquals(DataType.CATEGORICAL, layer.datatype());

        Path empty = dir.resolve("notes.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(empty))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("nothing".getBytes());
        }
        IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> RasterInspection.layerFor(empty));
        // The same source handling as a parse: its sentence names the archive and what it holds.
        assertTrue(refused.getMessage().contains("notes.zip holds no raster")
                && refused.getMessage().contains("readme.txt"), refused.getMessage());
    }

    /** Rasters beyond GeoTIFF are taken; a file of another kind is refused with the formats that are read. */
    @Test
    void otherRasterFormatsAreTakenAndOthersRefusedWithTheSupportedOnes(@TempDir Path dir) throws Exception {
        Path asc = dir.resolve("dem.asc");
        org.rasterdesk.tiling.GdalRaster.run("gdal_translate", "-q", "-of", "AAIGrid",
                data("real/opengeos_dsm.tif").toString(), asc.toString());
        RasterLayer layer = RasterInspection.layerFor(asc);
        assertEquals("dem", layer.name());
        assertEquals(DataType.CONTINUOUS, layer.datatype());

        Path csv = Files.writeString(dir.resolve("wells.csv"), "x,y\n1,2\n");
        IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> RasterInspection.layerFor(csv));
        assertTrue(refused.getMessage().contains("wells.csv is not a raster RasterDesk reads")
                && refused.getMessage().contains("JPEG 2000"), refused.getMessage());
    }

    private static Path data(String name) {
        return Path.of(System.getProperty("rasterdesk.test.data"), name);
    }
}
