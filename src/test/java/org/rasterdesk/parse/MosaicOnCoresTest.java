package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.tiling.GdalRaster;

/**
 * A mosaic parsed on the local cores: the log says what each file made, and a parse cancelled while
 * its files are warped leaves no file's tiles behind and the layer's previous tiles in place.
 */
class MosaicOnCoresTest {

    @TempDir
    static Path work;
    private static List<Path> files;

    private final DataSource dataSource = TestDatabase.shared().dataSource();

    @BeforeAll
    static void cutFiles() throws Exception {
        Path source = ParsedFile.data("real/openlandmap_cropland_10km_2016.tif");
        files = new ArrayList<>();
        int[][] windows = {{2040, 400, 300, 200}, {2150, 450, 300, 200}, {2300, 550, 200, 150}};
        for (int i = 0; i < windows.length; i++) {
            Path out = work.resolve("scene_0" + (i + 1) + ".tif");
            GdalRaster.run("gdal_translate", "-q", "-srcwin", Integer.toString(windows[i][0]),
                    Integer.toString(windows[i][1]), Integer.toString(windows[i][2]), Integer.toString(windows[i][3]),
                    source.toString(), out.toString());
            files.add(out);
        }
    }

    @Test
    void eachFileIsLoggedAndACancelInTheMiddleLeavesNoFilesTilesBehind() throws Exception {
        RasterLayer layer = new MosaicFiles(dataSource).create(RasterLayer.create("mosaic on cores")
                .withDatatype(DataType.CATEGORICAL).withMaxZoom(7).withStoreReprojected(false), files, false, false);
        List<String> log = new ArrayList<>();
        ParseResult first = new LayerParser(dataSource).parse(layer.id(), files, ParseOptions.defaults(),
                new ParseListener() {
                    @Override
                    public void logLine(String line) {
                        log.add(line);
                    }
                }, () -> false);
        assertTrue(first.finished(), first.message());
        for (int i = 1; i <= 3; i++) {
            String file = "Made file " + i + " of 3 (scene_0" + i + ".tif, ";
            assertTrue(log.stream().anyMatch(l -> l.contains(file)), file + " in " + log);
        }
        TileRepository tiles = new TileRepository(dataSource);
        SortedMap<Integer, Long> before = tiles.countByZoom(layer.id());
        long pendingBefore = pending();

        AtomicBoolean cancel = new AtomicBoolean();
        ParseResult cancelled = new LayerParser(dataSource).parse(layer.id(), files, ParseOptions.defaults(),
                new ParseListener() {
                    @Override
                    public void progress(double fraction, long tilesDone, double tilesPerSecond) {
                        // The first file's unit is done: the others are under way or waiting.
                        if (tilesDone > 0) {
                            cancel.set(true);
                        }
                    }
                }, cancel::get);
        assertTrue(cancelled.cancelled(), cancelled.toString());
        assertEquals(before, tiles.countByZoom(layer.id()), "the previous tiles are kept");
        assertEquals(pendingBefore, pending(), "no file's tiles are left pending");
        assertEquals(0, count("SELECT count(*) FROM rasterdesk_parse WHERE rasterlayer_id = " + layer.id()
                + " AND finished IS NULL"), "every run of the files has ended");
    }

    private long pending() throws Exception {
        return count("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL");
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
