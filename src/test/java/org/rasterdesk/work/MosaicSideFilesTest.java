package org.rasterdesk.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.parse.LayerParseJob;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.parse.SideFileRasters;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.PendingUpload;
import org.rasterdesk.source.SourceFileStore;
import org.rasterdesk.source.StoredFile;
import org.rasterdesk.tiling.GdalRaster;

/**
 * A mosaic one of whose files is georeferenced only by its side files (a plain TIFF with a world file and a .prj):
 * each file is kept in the database with its side files, as a layer's raster is, so that a re-parse from the
 * database after the local files are gone, a worker's parse and an addition's make the tiles of the first parse.
 * The other file, a GeoTIFF without side files, is kept as it is, as every mosaic's files were before.
 */
@Tag("slow")
class MosaicSideFilesTest {

    @TempDir
    static Path work;
    /** Two overlapping pieces of the cropland raster, both GeoTIFFs: what the side files must stand for. */
    private static Path a;
    private static Path georeferencedB;
    /** A third piece, for an addition. */
    private static Path c;

    private final DataSource dataSource = TestDatabase.shared().dataSource();
    private final MosaicFiles mosaics = new MosaicFiles(dataSource);
    private final WorkerProcesses workers = new WorkerProcesses();

    @BeforeAll
    static void cutFiles() throws Exception {
        Path source = ParsedFile.data("real/openlandmap_cropland_10km_2016.tif");
        Path originals = Files.createDirectories(work.resolve("originals"));
        a = GdalRaster.cut(source, originals.resolve("a.tif"), 2040, 400, 300, 200);
        georeferencedB = GdalRaster.cut(source, originals.resolve("b.tif"), 2150, 450, 300, 200);
        c = GdalRaster.cut(source, originals.resolve("c.tif"), 2300, 550, 200, 150);
    }

    @AfterEach
    void stopWorkers() throws Exception {
        workers.close();
    }

    @Test
    void aFileGeoreferencedBySideFilesIsStoredWithThemAndParsesAgainFromTheDatabaseAlone() throws Exception {
        Map<String, String> reference = referenceTiles();
        Path given = Files.createDirectories(work.resolve("parsed-locally"));
        List<Path> files = List.of(copy(a, given), plainWithSideFiles(given));

        // The first parse reads the files where they lie while they are stored.
        PendingUpload upload = mosaics.begin(template("side files, parsed and stored"), files, false);
        ParseResult first = new LayerParseJob(dataSource).run(upload, ParseOptions.defaults(), ParseListener.NONE,
                () -> false);
        assertTrue(first.finished(), first.message());
        int layer = upload.layer().id();
        Map<String, String> tiles = StoredTiles.md5s(dataSource, layer);
        assertTrue(tiles.size() > 50, "tiles: " + tiles.size());
        assertEquals(reference.keySet(), tiles.keySet(), "the world file and the .prj place b as its GeoTIFF did");
        LayerMetadata meta = new LayerMetadataRepository(dataSource).find(layer).orElseThrow();

        // a is kept as it is (as mosaics' files always were), b zipped with its side files as a layer's raster is.
        MosaicFiles.Mosaic mosaic = mosaics.find(layer).orElseThrow();
        assertEquals(List.of("a.tif", "b.tif.zip"), mosaic.files().stream().map(StoredFile::name).toList());
        assertEquals(List.of("a.tif", "b.tif"), mosaic.files().stream().map(StoredFile::rasterName).toList());
        assertStoredPartHolds(layer, 2, List.of(given.resolve("b.tif"), given.resolve("b.prj"),
                given.resolve("b.tfw")));

        // Without the local files, from the database alone: the same tiles and metadata.
        deleteTree(given);
        ParseResult again = new LayerParseJob(dataSource).run(layer, ParseOptions.defaults(), ParseListener.NONE,
                () -> false);
        assertTrue(again.finished(), again.message());
        assertEquals(tiles, StoredTiles.md5s(dataSource, layer), "z/x/y and bytes of every tile");
        assertSameGrid(meta, new LayerMetadataRepository(dataSource).find(layer).orElseThrow());
        String log = new ParseStatusRepository(dataSource).find(layer).orElseThrow().log();
        assertFalse(log.contains("b.tif.zip"), "the log names the raster, not how it is kept: " + log);
    }

    /**
     * A mosaic queued to a worker, its local files deleted before the worker starts: the worker has only the stored
     * files, and makes the tiles a local parse of the files made.
     */
    @Test
    void aWorkerParsesTheStoredFilesWithTheirSideFiles() throws Exception {
        Path given = Files.createDirectories(work.resolve("for-a-worker"));
        List<Path> files = List.of(copy(a, given), plainWithSideFiles(given));
        RasterLayer local = mosaics.create(template("side files, local"), files, false, false);
        ParseResult reference = new LayerParseJob(dataSource).run(local.id(), files, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(reference.finished(), reference.message());
        Map<String, String> expected = StoredTiles.md5s(dataSource, local.id());
        assertEquals(referenceTiles().keySet(), expected.keySet());

        List<String> args = new ArrayList<>(List.of("parse", "--db", WorkerProcesses.url(), "--queue", "--yes",
                "--block-tiles", "16", "--max-zoom", "7", "--datatype", "ca", "--nodata", "255",
                "--no-store-reprojected", "--name", "side files on a worker"));
        files.forEach(f -> args.add(f.toString()));
        String out = WorkerProcesses.run(args.toArray(String[]::new));
        Matcher created = Pattern.compile("Created (?:mosaic )?layer (\\d+)").matcher(out);
        assertTrue(created.find(), out);
        int queued = Integer.parseInt(created.group(1));
        deleteTree(given);

        workers.start("mosaic-side-files");
        LayerParseStatus status = awaitFinished(queued);
        assertEquals(expected, StoredTiles.md5s(dataSource, queued), "z/x/y and bytes of every tile: "
                + status.log());
        assertTrue(status.log().contains("(b.tif, "), status.log());
    }

    /** A file added to a mosaic is staged with its side files too: a re-parse from the database makes its tiles. */
    @Test
    void anAddedFileIsStoredWithItsSideFiles() throws Exception {
        Path given = Files.createDirectories(work.resolve("added"));
        RasterLayer layer = mosaics.create(template("side files, added"), List.of(copy(a, given), copy(c, given)),
                false, false);
        assertTrue(new LayerParseJob(dataSource).run(layer.id(), ParseOptions.defaults(), ParseListener.NONE,
                () -> false).finished());
        Path b = plainWithSideFiles(given);
        ParseResult added = new LayerParseJob(dataSource).add(layer.id(), List.of(b.toString()),
                ParseOptions.defaults(), ParseListener.NONE, () -> false);
        assertTrue(added.finished(), added.message());
        Map<String, String> tiles = StoredTiles.md5s(dataSource, layer.id());
        assertEquals(List.of("a.tif", "c.tif", "b.tif.zip"), mosaics.find(layer.id()).orElseThrow().files().stream()
                .map(StoredFile::name).toList());
        assertStoredPartHolds(layer.id(), 3, List.of(b, given.resolve("b.prj"), given.resolve("b.tfw")));

        deleteTree(given);
        ParseResult again = new LayerParseJob(dataSource).run(layer.id(), ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(again.finished(), again.message());
        assertEquals(tiles, StoredTiles.md5s(dataSource, layer.id()));
    }

    /** The tiles of the mosaic of the two GeoTIFFs, georeferenced inside. */
    private Map<String, String> referenceTiles() throws Exception {
        List<Path> files = List.of(a, georeferencedB);
        RasterLayer layer = mosaics.create(template("side files, reference"), files, false, false);
        ParseResult result = new LayerParseJob(dataSource).run(layer.id(), files, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(result.finished(), result.message());
        return StoredTiles.md5s(dataSource, layer.id());
    }

    /**
     * b as a TIFF without georeferencing, placed by a world file (b.tfw) and its CRS in an ESRI .prj; its nodata,
     * which only GDAL's .aux.xml would keep, is the layer's.
     */
    private static Path plainWithSideFiles(Path dir) throws Exception {
        Path tif = dir.resolve("b.tif");
        GdalRaster.run("gdal_translate", "-q", "-co", "PROFILE=BASELINE", "-co", "TFW=YES",
                georeferencedB.toString(), tif.toString());
        Files.delete(dir.resolve("b.tif.aux.xml"));
        Files.writeString(dir.resolve("b.prj"),
                GdalRaster.run("gdalsrsinfo", "-o", "wkt_esri", georeferencedB.toString()).trim());
        String info = GdalRaster.run("gdalinfo", tif.toString());
        assertTrue(info.contains("b.tfw"), info);
        Path bare = dir.resolve("bare.tif");
        Files.copy(tif, bare);
        assertFalse(GdalRaster.run("gdalinfo", bare.toString()).contains("Origin"),
                "the TIFF alone has no georeferencing");
        Files.delete(bare);
        return tif;
    }

    private static Path copy(Path file, Path dir) throws Exception {
        return Files.copy(file, dir.resolve(file.getFileName()));
    }

    private RasterLayer template(String name) {
        return RasterLayer.create(name).withDatatype(DataType.CATEGORICAL).withNodata("255").withMaxZoom(7)
                .withStoreReprojected(false);
    }

    /** The stored part is the zip of the raster (kept as it is) and then its side files (deflated), each whole. */
    private void assertStoredPartHolds(int layerId, int position, List<Path> files) throws Exception {
        Path zip = work.resolve("part-" + layerId + "-" + position + ".zip");
        SourceFileStore.mosaicPart(dataSource, position).copyTo(layerId, zip, FetchListener.NONE, () -> false);
        SideFileRasters.assertZipHolds(zip, files);
    }

    private static void assertSameGrid(LayerMetadata expected, LayerMetadata actual) {
        assertEquals(expected.srid(), actual.srid());
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertEquals(expected.upperLeftX(), actual.upperLeftX(), 0);
        assertEquals(expected.upperLeftY(), actual.upperLeftY(), 0);
        assertEquals(expected.scaleX(), actual.scaleX(), 0);
        assertEquals(expected.scaleY(), actual.scaleY(), 0);
    }

    private LayerParseStatus awaitFinished(int layerId) throws Exception {
        ParseStatusRepository statuses = new ParseStatusRepository(dataSource);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        LayerParseStatus status = statuses.find(layerId).orElseThrow();
        while (status.status() != ParseStatus.FINISHED) {
            assertTrue(status.status() != ParseStatus.FAILED, status.log());
            assertTrue(System.nanoTime() < deadline, "the parse did not finish in time: " + status.log());
            workers.assertAlive();
            Thread.sleep(200);
            status = statuses.find(layerId).orElseThrow();
        }
        return status;
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
