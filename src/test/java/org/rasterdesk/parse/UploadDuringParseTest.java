package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.source.LayerUploads;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.PendingUpload;
import org.rasterdesk.source.SourceFileStore;
import org.rasterdesk.source.StoredFile;

/** A new layer's file is stored in the database while it is parsed, and the layer is done only when both are. */
class UploadDuringParseTest {

    private final ParsedLayers parsed = new ParsedLayers();

    @TempDir
    Path tmp;

    @Test
    void theFileIsStoredWhileItIsParsedAndTheCopyKnowsItsChecksum() throws Exception {
        Path file = ParsedLayers.data("real/opengeos_dsm.tif");
        PendingUpload upload = new LayerUploads(parsed.dataSource).begin(RasterLayer.create("upload during parse")
                .withDatatype(DataType.CONTINUOUS), file);
        ParseResult result = new LayerParseJob(parsed.dataSource).run(upload, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(result.finished(), result.message());
        StoredFile stored = new SourceFileStore(parsed.dataSource).find(upload.layer().id()).orElseThrow();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertEquals(sha, stored.sha256());
        assertEquals(Files.size(file), stored.size());
        assertTrue(text("SELECT inputs FROM rasterdesk_reprojected WHERE rasterlayer_id = " + upload.layer().id())
                .contains("sha256=" + sha), "a re-parse will find the copy made from these bytes");

        // The same layer parsed again from its stored bytes uses the copy: the inputs match.
        parsed.log.clear();
        ParseResult again = new LayerParseJob(parsed.dataSource).run(upload.layer().id(), ParseOptions.defaults(),
                new ParseListener() {
                    @Override
                    public void logLine(String line) {
                        parsed.log.add(line);
                    }
                }, () -> false);
        assertTrue(again.finished(), again.message());
        assertTrue(parsed.log.stream().anyMatch(l -> l.contains("Using the stored reprojected raster")),
                "" + parsed.log);
    }

    @Test
    void aNewMosaicsFilesAreStoredWhileTheyAreParsedAndItsCopyKnowsThem() throws Exception {
        Path whole = ParsedLayers.data("real/opengeos_dsm.tif");
        Path west = tmp.resolve("west.tif");
        Path east = tmp.resolve("east.tif");
        gdal("gdal_translate", "-q", "-srcwin", "0", "0", "150", "259", whole.toString(), west.toString());
        gdal("gdal_translate", "-q", "-srcwin", "140", "0", "143", "259", whole.toString(), east.toString());
        PendingUpload upload = new MosaicFiles(parsed.dataSource).begin(RasterLayer.create("mosaic during parse")
                .withDatatype(DataType.CONTINUOUS), List.of(west, east), false);
        ParseResult result = new LayerParseJob(parsed.dataSource).run(upload, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(result.finished(), result.message());
        MosaicFiles.Mosaic mosaic = new MosaicFiles(parsed.dataSource).find(upload.layer().id()).orElseThrow();
        assertEquals(List.of(sha256(west), sha256(east)), mosaic.files().stream().map(StoredFile::sha256).toList(),
                "both files, in their order");
        assertTrue(text("SELECT inputs FROM rasterdesk_reprojected WHERE rasterlayer_id = " + upload.layer().id())
                .endsWith(";mosaic=" + mosaic.fingerprint()), "the copy's inputs name the stored files");

        parsed.log.clear();
        ParseResult again = new LayerParseJob(parsed.dataSource).run(upload.layer().id(), ParseOptions.defaults(),
                new ParseListener() {
                    @Override
                    public void logLine(String line) {
                        parsed.log.add(line);
                    }
                }, () -> false);
        assertTrue(again.finished(), again.message());
        assertTrue(parsed.log.stream().anyMatch(l -> l.contains("Using the stored reprojected raster")),
                "" + parsed.log);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void gdal(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void aCancelledParseStoresNoBytes() throws Exception {
        Path file = ParsedLayers.data("real/dom1_32_356_5699_1_nw_2020.tif");
        PendingUpload upload = new LayerUploads(parsed.dataSource).begin(RasterLayer.create("cancelled upload")
                .withDatatype(DataType.CONTINUOUS), file);
        AtomicBoolean cancel = new AtomicBoolean();
        ParseResult result = new LayerParseJob(parsed.dataSource).run(upload, ParseOptions.defaults(),
                new ParseListener() {
                    @Override
                    public void phase(ParseStatus status) {
                        cancel.set(true);
                    }
                }, cancel::get);
        assertTrue(result.cancelled());
        assertFalse(new SourceFileStore(parsed.dataSource).find(upload.layer().id()).isPresent());
    }

    /**
     * What must outlast an upload (the files it reads) learns when it has ended without a thread waiting for it: on
     * the upload's thread, the bytes stored by then; once ended, at once.
     */
    @Test
    void anUploadTellsWhenItHasEnded() throws Exception {
        Path file = ParsedLayers.data("real/dom1_32_356_5699_1_nw_2020.tif");
        PendingUpload upload = new LayerUploads(parsed.dataSource).begin(RasterLayer.create("upload told ended")
                .withDatatype(DataType.CONTINUOUS), file);
        java.util.concurrent.CompletableFuture<String> told = new java.util.concurrent.CompletableFuture<>();
        upload.whenEnded(() -> {
            try {
                told.complete(Thread.currentThread().getName() + " stored="
                        + new SourceFileStore(parsed.dataSource).find(upload.layer().id()).isPresent());
            } catch (Exception e) {
                told.completeExceptionally(e);
            }
        });
        assertFalse(told.isDone(), "not before it has started");
        upload.startKept();
        assertEquals("upload-" + upload.layer().id() + " stored=true",
                told.get(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(Files.size(file), upload.await().size());
        List<String> after = new java.util.ArrayList<>();
        upload.whenEnded(() -> after.add(Thread.currentThread().getName()));
        assertEquals(List.of(Thread.currentThread().getName()), after, "at once, once it has ended");
    }

    private String text(String sql) throws Exception {
        try (Connection c = parsed.dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
