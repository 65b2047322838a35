package org.rasterdesk.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.parse.LayerParseJob;
import org.rasterdesk.parse.LayerParser;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.parse.WorkerAddition;
import org.rasterdesk.parse.WorkerParse;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.tiling.GdalRaster;

/**
 * Files added to a mosaic that worker processes parsed, queued to the workers from the command line: each added file
 * is a job of its own, only the tiles they touch are made again (the layer's others keep their rows), and the layer
 * ends with the tiles (z/x/y and bytes), metadata, statistics and tally of the same addition made locally, later
 * wins and first wins alike. The workers' parse of the mosaic kept the tally a local parse keeps, and the addition
 * counted onto it.
 */
@Tag("slow")
class MosaicAdditionOnWorkersTest {

    private static final Pattern MADE_FILE = Pattern.compile("Worker (\\S+) made file (\\d+) of 4(?: rows \\d+–\\d+)? "
            + "\\(([^,]+), ");

    @TempDir
    static Path work;
    private static List<Path> base;
    private static List<Path> added;

    private final DataSource dataSource = TestDatabase.shared().dataSource();
    private final List<Process> workers = new ArrayList<>();

    /**
     * Pieces of the cropland raster (Byte, nodata 255 over the sea): two for the mosaic, the second holding another
     * place's pixels moved over the first; then two to add, which overlap the first two and each other.
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
        base = List.of(a, b);
        Path c = cut(source, "scene_c.tif", 2300, 550, 200, 150);
        Path d = cut(source, "scene_d.tif", 2100, 520, 260, 60);
        added = List.of(c, d);
    }

    @AfterEach
    void stopWorkers() throws Exception {
        for (Process p : workers) {
            p.destroy();
        }
        for (Process p : workers) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void addedFilesAreJobsOfTheirOwnAndTheLayerEndsAsAfterALocalAddition() throws Exception {
        // Tiles of no layer that other tests left in the shared database are not this test's to answer for.
        long pendingBefore = count("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL");
        Map<Boolean, Integer> local = new TreeMap<>();
        Map<Boolean, String> localTallyBefore = new TreeMap<>();
        for (boolean firstWins : new boolean[] {false, true}) {
            RasterLayer layer = new MosaicFiles(dataSource).create(template("local " + firstWins), base, firstWins,
                    false);
            ParseResult parsed = new LayerParser(dataSource).parse(layer.id(), base, ParseOptions.defaults(),
                    ParseListener.NONE, () -> false);
            assertTrue(parsed.finished(), parsed.message());
            localTallyBefore.put(firstWins, tally(layer.id()));
            ParseResult addition = new LayerParseJob(dataSource).add(layer.id(),
                    added.stream().map(Path::toString).toList(), ParseOptions.defaults(), ParseListener.NONE,
                    () -> false);
            assertTrue(addition.finished(), addition.message());
            local.put(firstWins, layer.id());
        }

        Map<Boolean, Integer> queued = new TreeMap<>();
        for (boolean firstWins : new boolean[] {false, true}) {
            List<String> args = new ArrayList<>(List.of("parse", "--db", WorkerProcesses.url(), "--queue", "--yes",
                    "--block-tiles", "64", "--max-zoom", "8", "--datatype", "ca", "--no-store-reprojected",
                    "--name", "workers " + firstWins));
            if (firstWins) {
                args.add("--first-wins");
            }
            base.forEach(f -> args.add(f.toString()));
            Matcher created = Pattern.compile("Created (?:mosaic )?layer (\\d+)")
                    .matcher(WorkerProcesses.run(args.toArray(String[]::new)));
            assertTrue(created.find());
            queued.put(firstWins, Integer.parseInt(created.group(1)));
        }
        workers.add(WorkerProcesses.startWorker("addition-first"));
        workers.add(WorkerProcesses.startWorker("addition-second"));

        for (boolean firstWins : new boolean[] {false, true}) {
            int layerId = queued.get(firstWins);
            awaitFinished(layerId, "Made ");
            // The workers' parse kept the tally a local parse keeps, so that the addition counts onto it.
            assertEquals(localTallyBefore.get(firstWins), tally(layerId), "tally after the workers' parse");
            Map<String, String> before = tiles(layerId, "rid::text");

            String out = WorkerProcesses.run("parse", "--db", WorkerProcesses.url(), "--layer",
                    Integer.toString(layerId), "--queue", "--yes", "--block-tiles", "16", "--add",
                    added.get(0).toString(), added.get(1).toString());
            assertTrue(out.contains("Queued the addition of 2 files to layer " + layerId), out);
            LayerParseStatus status = awaitFinished(layerId, "Added 2 files on workers");
            System.out.println(status.log());
            String log = status.log();

            int reference = local.get(firstWins);
            Map<String, String> expected = tiles(reference, "md5(ST_AsBinary(rast))");
            assertTrue(expected.size() > 200, "tiles of the local addition: " + expected.size());
            assertEquals(expected, tiles(layerId, "md5(ST_AsBinary(rast))"),
                    "z/x/y and bytes of every tile, first wins " + firstWins);
            assertEquals(withoutId(new LayerMetadataRepository(dataSource).find(reference).orElseThrow()),
                    withoutId(new LayerMetadataRepository(dataSource).find(layerId).orElseThrow()));
            assertEquals(bands(reference), bands(layerId), "statistics of the four files");
            assertEquals(tally(reference), tally(layerId), "the tally after the addition");
            assertTrue(log.contains("counted onto the mosaic's stored tally"), log);

            // Each added file was a job (or jobs) of its own; the mosaic's own files were not made again.
            Set<String> filesMade = new TreeSet<>();
            Matcher m = MADE_FILE.matcher(log.substring(log.lastIndexOf("Adding 2 files")));
            while (m.find()) {
                filesMade.add(m.group(2) + " " + m.group(3));
            }
            assertEquals(Set.of("3 scene_c.tif", "4 scene_d.tif"), filesMade, log);

            // Only the tiles the added files touch (and their ancestors) are new rows; the others are kept.
            Map<String, String> after = tiles(layerId, "rid::text");
            int kept = 0;
            int remadeTop = 0;
            for (Map.Entry<String, String> tile : after.entrySet()) {
                if (tile.getValue().equals(before.get(tile.getKey()))) {
                    kept++;
                } else if (tile.getKey().startsWith("8/")) {
                    remadeTop++;
                }
            }
            long top = after.keySet().stream().filter(k -> k.startsWith("8/")).count();
            assertTrue(kept > after.size() / 3, "tiles kept: " + kept + " of " + after.size());
            assertTrue(remadeTop > 0 && remadeTop < top / 2, "max-zoom tiles re-made: " + remadeTop + " of " + top);

            MosaicFiles.Mosaic mosaic = new MosaicFiles(dataSource).find(layerId).orElseThrow();
            assertEquals(List.of("scene_a.tif", "scene_b.tif", "scene_c.tif", "scene_d.tif"),
                    mosaic.files().stream().map(f -> f.name()).toList());
            assertEquals(0, count("SELECT count(*) FROM rasterdesk_sourcefile WHERE rasterlayer_id = " + layerId
                    + " AND kind LIKE 'adding-%'"), "no file left staged");
        }
        assertEquals(pendingBefore, count("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL"),
                "no tile left pending");
    }

    @Test
    void anAdditionIsRefusedWhileWorkersParseTheLayer() throws Exception {
        String created = WorkerProcesses.run("parse", "--db", WorkerProcesses.url(), "--queue", "--yes",
                "--max-zoom", "8", "--datatype", "ca", "--name", "busy mosaic", base.get(0).toString(),
                base.get(1).toString());
        Matcher id = Pattern.compile("Created (?:mosaic )?layer (\\d+)").matcher(created);
        assertTrue(id.find());
        int layerId = Integer.parseInt(id.group(1));
        // No worker runs: the parse waits for one, and files cannot be staged beside it.
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.rasterdesk.Launcher", "parse", "--db",
                WorkerProcesses.url(), "--layer", Integer.toString(layerId), "--queue", "--add",
                added.get(0).toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertFalse(p.exitValue() == 0, out);
        assertTrue(out.contains("Workers are parsing layer " + layerId), out);
        assertEquals(0, count("SELECT count(*) FROM rasterdesk_sourcefile WHERE rasterlayer_id = " + layerId
                + " AND kind LIKE 'adding-%'"));
        WorkerProcesses.run("cancel", "--db", WorkerProcesses.url(), Integer.toString(layerId));
    }

    /**
     * An addition to a mosaic whose last parse did not finish cannot keep its tiles: the whole mosaic, the added
     * files with it, is planned, made and swapped, and the layer ends with the tiles of a local parse of the four
     * files. The workers' units run here, one after the other.
     */
    @Test
    void anAdditionToAMosaicWhoseTilesCannotBeKeptParsesTheWholeMosaic() throws Exception {
        List<Path> all = new ArrayList<>(base);
        all.addAll(added);
        RasterLayer reference = new MosaicFiles(dataSource).create(template("whole, local"), all, false, false);
        ParseResult parsed = new LayerParser(dataSource).parse(reference.id(), all, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(parsed.finished(), parsed.message());

        RasterLayer layer = new MosaicFiles(dataSource).create(template("whole, on workers"), base, false, false);
        WorkerAddition.Staged staged = WorkerAddition.stage(dataSource, layer.id(), added);
        assertEquals(2, staged.filesBefore());
        try (WorkerParse units = new WorkerParse(dataSource, "test:" + ProcessHandle.current().pid())) {
            WorkerParse.Planned planned = units.plan(staged.parseId(), layer.id(), ParseOptions.defaults(), 64,
                    false, staged.filesBefore()).orElseThrow(() -> new AssertionError(log(layer.id())));
            boolean allDone = false;
            for (int b = 0; b < planned.blocks(); b++) {
                allDone = units.runBlock(staged.parseId(), b);
            }
            assertTrue(allDone, log(layer.id()));
            units.finish(staged.parseId());
        }
        String log = log(layer.id());
        assertTrue(log.contains("The mosaic's last parse did not finish: the whole mosaic is parsed again."), log);
        assertEquals(ParseStatus.FINISHED, new ParseStatusRepository(dataSource).status(layer.id()), log);
        assertEquals(tiles(reference.id(), "md5(ST_AsBinary(rast))"), tiles(layer.id(), "md5(ST_AsBinary(rast))"),
                "z/x/y and bytes of every tile");
        assertEquals(bands(reference.id()), bands(layer.id()), "statistics of the four files");
        assertEquals(List.of("scene_a.tif", "scene_b.tif", "scene_c.tif", "scene_d.tif"), new MosaicFiles(dataSource)
                .find(layer.id()).orElseThrow().files().stream().map(f -> f.name()).toList());
        assertEquals(0, count("SELECT count(*) FROM rasterdesk_sourcefile WHERE rasterlayer_id = " + layer.id()
                + " AND kind LIKE 'adding-%'"), "no file left staged");
    }

    private String log(int layerId) {
        return new ParseStatusRepository(dataSource).find(layerId).map(LayerParseStatus::log).orElse("");
    }

    private static RasterLayer template(String name) {
        return RasterLayer.create(name).withDatatype(DataType.CATEGORICAL).withMaxZoom(8).withStoreReprojected(false);
    }

    private LayerParseStatus awaitFinished(int layerId, String lastSays) throws Exception {
        ParseStatusRepository statuses = new ParseStatusRepository(dataSource);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (true) {
            LayerParseStatus status = statuses.find(layerId).orElseThrow();
            assertTrue(status.status() != ParseStatus.FAILED, status.log());
            if (status.status() == ParseStatus.FINISHED && status.log().contains(lastSays)) {
                return status;
            }
            assertTrue(System.nanoTime() < deadline, "the parse did not finish in time: " + status.log());
            Thread.sleep(200);
        }
    }

    private static LayerMetadata withoutId(LayerMetadata m) {
        return new LayerMetadata(0, m.upperLeftX(), m.upperLeftY(), m.width(), m.height(), m.scaleX(), m.scaleY(),
                m.skewX(), m.skewY(), m.numBands(), m.srsWkt(), m.srid(), m.maxZoom());
    }

    private List<String> bands(int layerId) {
        List<String> out = new ArrayList<>();
        for (BandMetadata b : new LayerMetadataRepository(dataSource).bands(layerId)) {
            out.add(b.band() + " " + b.nodataValue() + " " + b.min() + " " + b.max() + " " + b.mean() + " " + b.std()
                    + " " + Arrays.toString(b.histValues()) + " " + Arrays.toString(b.histBins()));
        }
        return out;
    }

    private String tally(int layerId) throws Exception {
        StringBuilder s = new StringBuilder();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT band, inputs, counts::text FROM rasterdesk_bandtally "
                     + "WHERE rasterlayer_id = ? ORDER BY band")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    s.append(rs.getInt(1)).append(' ').append(rs.getString(2)).append(' ').append(rs.getString(3))
                            .append('\n');
                }
            }
        }
        assertFalse(s.isEmpty(), "layer " + layerId + " has no tally");
        return s.toString();
    }

    private Map<String, String> tiles(int layerId, String column) throws Exception {
        return StoredTiles.byKey(dataSource, layerId, column);
    }

    private long count(String sql) throws Exception {
        return StoredTiles.count(dataSource, sql);
    }

    private static Path cut(Path source, String name, int x, int y, int w, int h) throws Exception {
        return GdalRaster.cut(source, work.resolve(name), x, y, w, h);
    }
}
