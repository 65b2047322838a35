package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.tiling.GdalRaster;

/**
 * Files added to a mosaic layer that do not make it in: a cancel or a failure leaves the tiles (the same rows),
 * metadata and files as they were, with no staged file or pending tile left; files that change the max zoom make
 * the whole mosaic be parsed again.
 */
@Tag("slow")
class MosaicAdditionTest {

    @TempDir
    static Path work;

    private static Path a;
    private static Path b;
    private static Path c;
    private final DataSource dataSource = TestDatabase.shared().dataSource();
    private final LayerParseJob job = new LayerParseJob(dataSource);

    @BeforeAll
    static void cutFiles() throws Exception {
        Path lisbon = ParsedFile.data("real/LisbonElevation.tif");
        a = cut(lisbon, "a.tif", 0, 0, 300, 250);
        b = cut(lisbon, "b.tif", 200, 150, 347, 271);
        c = cut(lisbon, "c.tif", 430, 330, 117, 91);
    }

    @Test
    void aCancelledAdditionLeavesTheMosaicAsItWas() throws Exception {
        RasterLayer layer = parsedMosaic("cancelled addition");
        Map<String, String> before = ParsedLayers.tileColumn(dataSource, layer.id(),
                "rid || ':' || md5(ST_AsBinary(rast))");
        LayerMetadata metaBefore = new LayerMetadataRepository(dataSource).find(layer.id()).orElseThrow();
        AtomicBoolean cancel = new AtomicBoolean();
        ParseResult result = job.add(layer.id(), List.of(c.toString()), ParseOptions.defaults(), new ParseListener() {
            @Override
            public void logLine(String line) {
                // Once the tiles are being made: the cancel comes in the middle of the work.
                if (line.contains("Creating up to")) {
                    cancel.set(true);
                }
            }
        }, cancel::get);
        assertTrue(result.cancelled(), result.message());
        assertKeptAsItWas(layer, before, metaBefore);
        assertEquals(ParseStatus.FINISHED, result.status());
    }

    @Test
    void aFileThatCannotJoinTheMosaicFailsAndLosesNothing() throws Exception {
        RasterLayer layer = parsedMosaic("failed addition");
        Map<String, String> before = ParsedLayers.tileColumn(dataSource, layer.id(),
                "rid || ':' || md5(ST_AsBinary(rast))");
        LayerMetadata metaBefore = new LayerMetadataRepository(dataSource).find(layer.id()).orElseThrow();
        // Three bands of Byte against one of Float32.
        ParseResult result = job.add(layer.id(), List.of(ParsedFile.data("real/RGB.byte.tif").toString()),
                ParseOptions.defaults(), ParseListener.NONE, () -> false);
        assertFalse(result.finished());
        assertTrue(result.message().contains("same bands and sample type"), result.message());
        assertKeptAsItWas(layer, before, metaBefore);
    }

    @Test
    void onlyAMosaicTakesFiles() throws Exception {
        RasterLayer plain = new org.rasterdesk.source.LayerUploads(dataSource).create(RasterLayer.create("plain"), a,
                false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> job.add(plain.id(), List.of(c.toString()), ParseOptions.defaults(), ParseListener.NONE,
                        () -> false));
        assertTrue(e.getMessage().contains("is not a mosaic"), e.getMessage());
    }

    @Test
    void aFinerFileChangesTheMaxZoomAndTheWholeMosaicIsParsedAgain() throws Exception {
        RasterLayer layer = parsedMosaic("finer addition");
        Path finer = work.resolve("c-finer.tif");
        GdalRaster.run("gdal_translate", "-q", "-outsize", "400%", "400%", "-r", "near", c.toString(),
                finer.toString());
        List<String> log = new ArrayList<>();
        ParseResult result = job.add(layer.id(), List.of(finer.toString()), ParseOptions.defaults(),
                new ParseListener() {
                    @Override
                    public void logLine(String line) {
                        log.add(line);
                    }
                }, () -> false);
        assertTrue(result.finished(), result.message());
        int z = new LayerMetadataRepository(dataSource).find(layer.id()).orElseThrow().maxZoom();
        assertTrue(z > 13, "max zoom " + z);
        assertTrue(log.stream().anyMatch(l -> l.contains("change the max zoom from 13 to " + z + ": the whole "
                + "mosaic is parsed again")), log.toString());
        assertEquals(z, result.tilesPerZoom().lastKey());
        assertEquals(0, result.tilesPerZoom().firstKey());
        assertEquals(3, new MosaicFiles(dataSource).find(layer.id()).orElseThrow().files().size());
        assertEquals(0, stagedFiles(layer.id()));
    }

    private RasterLayer parsedMosaic(String name) throws Exception {
        RasterLayer layer = new MosaicFiles(dataSource).create(RasterLayer.create(name), List.of(a, b), false,
                false);
        ParseResult first = job.run(layer.id(), ParseOptions.defaults(), ParseListener.NONE, () -> false);
        assertTrue(first.finished(), first.message());
        return layer;
    }

    private void assertKeptAsItWas(RasterLayer layer, Map<String, String> tilesBefore, LayerMetadata metaBefore)
            throws Exception {
        assertEquals(tilesBefore, ParsedLayers.tileColumn(dataSource, layer.id(),
                "rid || ':' || md5(ST_AsBinary(rast))"), "the same tile rows, the same bytes");
        assertEquals(metaBefore, new LayerMetadataRepository(dataSource).find(layer.id()).orElseThrow());
        assertEquals(2, new MosaicFiles(dataSource).find(layer.id()).orElseThrow().files().size());
        assertEquals(0, stagedFiles(layer.id()));
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM rasterdesk_pendingtile p "
                     + "JOIN rasterdesk_parse r ON r.id = p.parse_id WHERE r.rasterlayer_id = ?")) {
            ps.setInt(1, layer.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "pending tiles left");
            }
        }
    }

    private int stagedFiles(int layerId) throws Exception {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM rasterdesk_sourcefile "
                     + "WHERE rasterlayer_id = ? AND kind NOT LIKE 'part-%'")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Path cut(Path source, String name, int x, int y, int w, int h) throws Exception {
        Path out = work.resolve(name);
        GdalRaster.run("gdal_translate", "-q", "-a_nodata", "-9999", "-srcwin", Integer.toString(x),
                Integer.toString(y), Integer.toString(w), Integer.toString(h), source.toString(), out.toString());
        return out;
    }
}
