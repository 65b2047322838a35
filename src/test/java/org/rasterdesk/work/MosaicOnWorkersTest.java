package org.rasterdesk.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.parse.LayerParser;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.tiling.GdalRaster;

/**
 * A mosaic of real overlapping files queued to two worker processes: each file is a job of its own (a large one
 * cut into blocks of rows), and the layer ends with exactly the tiles of a local parse of the same files, later wins
 * and first wins alike; the log names the worker that made each file.
 */
@Tag("slow")
class MosaicOnWorkersTest {

    private static final Pattern MADE_FILE = Pattern.compile("Worker (\\S+) made file (\\d+) of 3(?: rows \\d+–\\d+)? "
            + "\\(([^,]+), ");

    @TempDir
    static Path work;
    private static List<Path> files;

    private final DataSource dataSource = TestDatabase.shared().dataSource();
    private final WorkerProcesses workers = new WorkerProcesses();

    /**
     * Three pieces of the cropland raster (Byte, nodata 255 over the sea), the second holding another place's pixels
     * moved over the first and third: where they overlap the files disagree, and each one's sea lets the others
     * show through.
     */
    @BeforeAll
    static void cutFiles() throws Exception {
        Path source = ParsedFile.data("real/openlandmap_cropland_10km_2016.tif");
        Path a = cut(source, "scene_a.tif", 2040, 400, 300, 200);
        Path moved = cut(source, "b-values.tif", 2400, 420, 300, 200);
        String info = GdalRaster.run("gdalinfo", "-json", cut(source, "b-place.tif", 2150, 450, 300, 200).toString());
        Matcher gt = Pattern.compile("\"geoTransform\":\\s*\\[([^\\]]+)\\]").matcher(info);
        assertTrue(gt.find(), info);
        String[] g = gt.group(1).trim().split("\\s*,\\s*");
        double x0 = Double.parseDouble(g[0]);
        double y0 = Double.parseDouble(g[3]);
        Path b = work.resolve("scene_b.tif");
        GdalRaster.run("gdal_translate", "-q", "-a_ullr", Double.toString(x0), Double.toString(y0),
                Double.toString(x0 + 300 * Double.parseDouble(g[1])), Double.toString(y0 + 200 * Double.parseDouble(g[5])),
                moved.toString(), b.toString());
        Path c = cut(source, "scene_c.tif", 2300, 550, 200, 150);
        files = List.of(a, b, c);
    }

    @AfterEach
    void stopWorkers() throws Exception {
        workers.close();
    }

    @Test
    void eachFileIsAJobAndTheLayerHasTheTilesOfALocalParse() throws Exception {
        // Tiles of no layer that other tests left in the shared database are not this test's to answer for.
        long pendingBefore = count("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL");
        Map<Boolean, Integer> queued = new TreeMap<>();
        Map<Boolean, Integer> local = new TreeMap<>();
        for (boolean firstWins : new boolean[] {false, true}) {
            RasterLayer layer = new MosaicFiles(dataSource).create(RasterLayer.create("local mosaic " + firstWins)
                    .withDatatype(DataType.CATEGORICAL).withMaxZoom(8).withStoreReprojected(false), files, firstWins,
                    false);
            ParseResult reference = new LayerParser(dataSource).parse(layer.id(), files, ParseOptions.defaults(),
                    ParseListener.NONE, () -> false);
            assertTrue(reference.finished(), reference.message());
            local.put(firstWins, layer.id());
            List<String> args = new ArrayList<>(List.of("parse", "--db", WorkerProcesses.url(), "--queue", "--yes",
                    "--block-tiles", "64", "--max-zoom", "8", "--datatype", "ca", "--no-store-reprojected",
                    "--name", "mosaic on workers " + firstWins));
            if (firstWins) {
                args.add("--first-wins");
            }
            files.forEach(f -> args.add(f.toString()));
            String out = WorkerProcesses.run(args.toArray(String[]::new));
            Matcher created = Pattern.compile("Created (?:mosaic )?layer (\\d+)").matcher(out);
            assertTrue(created.find(), out);
            queued.put(firstWins, Integer.parseInt(created.group(1)));
        }
        workers.start("mosaic-first");
        workers.start("mosaic-second");

        for (boolean firstWins : new boolean[] {false, true}) {
            int layerId = queued.get(firstWins);
            LayerParseStatus status = awaitFinished(layerId);
            System.out.println(status.log());
            Map<String, String> expected = tiles(local.get(firstWins));
            assertTrue(expected.size() > 200, "tiles of the local parse: " + expected.size());
            assertEquals(expected, tiles(layerId), "z/x/y and bytes of every tile, first wins " + firstWins);

            // Every file was made by a worker as a job (or jobs) of its own, and the log says which.
            Set<String> filesMade = new TreeSet<>();
            Set<String> workersNamed = new TreeSet<>();
            Matcher m = MADE_FILE.matcher(status.log());
            while (m.find()) {
                workersNamed.add(m.group(1));
                filesMade.add(m.group(2) + " " + m.group(3));
            }
            assertEquals(Set.of("1 scene_a.tif", "2 scene_b.tif", "3 scene_c.tif"), filesMade, status.log());
            assertTrue(status.log().contains("rows "), "the largest file was cut into blocks of rows: "
                    + status.log());
            assertTrue(status.log().contains("of the files where they overlap"), status.log());
            System.out.println("files made by " + workersNamed);
        }
        assertEquals(pendingBefore, count("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL"),
                "no tile left pending");
    }

    private LayerParseStatus awaitFinished(int layerId) throws Exception {
        ParseStatusRepository statuses = new ParseStatusRepository(dataSource);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        LayerParseStatus status = statuses.find(layerId).orElseThrow();
        while (status.status() != ParseStatus.FINISHED) {
            assertTrue(status.status() != ParseStatus.FAILED, status.log());
            assertTrue(System.nanoTime() < deadline, "the parse did not finish in time: " + status.log());
            Thread.sleep(200);
            status = statuses.find(layerId).orElseThrow();
        }
        return status;
    }

    private Map<String, String> tiles(int layerId) throws Exception {
        return StoredTiles.md5s(dataSource, layerId);
    }

    private long count(String sql) throws Exception {
        return StoredTiles.count(dataSource, sql);
    }

    private static Path cut(Path source, String name, int x, int y, int w, int h) throws Exception {
        return GdalRaster.cut(source, work.resolve(name), x, y, w, h);
    }
}
