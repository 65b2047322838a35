package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.db.TileRows;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.LayerParseJob;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.parse.SideFileRasters;
import org.rasterdesk.parse.SideFileRasters.CrsFile;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.SourceFileStore;
import org.rasterdesk.source.StoredFile;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.ui.layers.LayerIntake;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A TIFF whose place on the earth is only in its side files, dropped on the window with them as a file manager drops
 * a selection: one layer, parsed where the side files put it, kept in the database as the zip of the raster and its
 * side files, its CRS shown as the side file names it; without a CRS the window and the log say so, and no tile is
 * made.
 */
@Tag("gui")
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
class SideFileDropWindowTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.withParsingThreads("side-file-drop-test");

    /**
     * The corners of opengeos_dsm.tif in WGS 84 (lon, lat), from {@code gdalinfo -json} of the GeoTIFF itself:
     * where the tiles of its side files must lie, told by its own georeferencing.
     */
    private static final double[][] DSM_CORNERS = {{-77.0559199, 38.8128639}, {-77.0557858, 38.8081989},
            {-77.0492711, 38.8083134}, {-77.0494048, 38.8129784}};

    private static Database database;

    private MainWindow window;
    private final List<LayerIntake.Outcome> outcomes = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.shared();
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database);
        window.intake().addOutcomeListener(outcomes::add);
        MainWindowFixture.show(stage, window, 1100, 700);
    }

    @ParameterizedTest
    @EnumSource(value = CrsFile.class, names = {"PRJ", "AUX_XML"})
    void aTiffDroppedWithItsSideFilesIsParsedWhereTheyPutItAndKeptWithThemInAZip(CrsFile crsFile, FxRobot robot)
            throws Exception {
        Path original = data("real/opengeos_dsm.tif");
        Path tif = SideFileRasters.plainTiff(original, tmp, "dsm", crsFile);
        List<Path> sideFiles = SideFileRasters.sideFilesOf(tif);
        assertEquals(crsFile == CrsFile.PRJ ? List.of("dsm.prj", "dsm.tfw") : List.of("dsm.tfw", "dsm.tif.aux.xml"),
                sideFiles.stream().map(p -> p.getFileName().toString()).toList());

        RasterLayer layer = dropAndAwaitLayer(robot, tif, sideFiles);
        assertEquals("rasters/dsm.tif.zip", layer.rasterfile(), "the side files are kept with the raster");
        LayerRows.awaitStatus(window, layer.id(), ParseStatus.FINISHED);

        // What the user sees in the list: a finished parse and the tiles it stored.
        long stored = new TileRepository(database.dataSource()).count(layer.id());
        LayerRows.showRow(robot, window, layer.id());
        assertEquals("Finished parsing", OnFx.read(() -> robot.from(LayerRows.rowOf(robot, layer.id()))
                .lookup(".table-cell.parse-finished").queryAs(TableCell.class).getText()));
        assertEquals(stored, OnFx.read(() -> LayerRows.shown(window, layer.id()).tileCount()));

        // What is stored: the zip of the raster, then its side files, each whole.
        StoredFile file = new SourceFileStore(database.dataSource()).find(layer.id()).orElseThrow();
        assertEquals("dsm.tif.zip", file.name());
        Path zip = tmp.resolve("stored.zip");
        new SourceFileStore(database.dataSource()).copyTo(layer.id(), zip, FetchListener.NONE, () -> false);
        List<Path> zipped = new ArrayList<>(List.of(tif));
        zipped.addAll(sideFiles);
        SideFileRasters.assertZipHolds(zip, zipped);

        // Where the tiles are: every level covers the raster's own corners, no more and no less, and the tiles are
        // those of the georeferenced GeoTIFF parsed by the engine.
        Map<String, String> tiles = TileRows.md5(database.dataSource(), layer.id());
        assertEquals(stored, tiles.size());
        assertEquals(tilesCovering(DSM_CORNERS, maxZoom(tiles)), tiles.keySet());
        Map<String, String> reference = referenceParse(original, layer);
        if (crsFile == CrsFile.AUX_XML) {
            assertEquals(reference, tiles, "GDAL's .aux.xml gives the GeoTIFF's own CRS and nodata");
        } else {
            // An ESRI .prj names no EPSG code and no nodata: the same tiles, their bytes not the same.
            assertEquals(reference.keySet(), tiles.keySet());
        }

        // What the inspector shows: the CRS the side file names, and the extent the world file gives.
        LayerRows.select(robot, window, layer.id());
        String crs = crsFile == CrsFile.AUX_XML ? "EPSG:26918 — NAD83 / UTM zone 18N"
                : "NAD_1983_UTM_Zone_18N (no EPSG code)";
        OnFx.waitUntil(() -> robot.lookup("#details-crs").tryQueryAs(Label.class)
                .map(l -> crs.equals(l.getText())).orElse(false));
        assertEquals(crsFile == CrsFile.AUX_XML ? Integer.valueOf(26918) : null,
                new LayerMetadataRepository(database.dataSource()).find(layer.id()).orElseThrow().srid());
        String extent = OnFx.read(() -> robot.lookup("#details-extent").queryAs(Label.class).getText());
        assertEquals("x 321,498 … 322,064,  y 4,297,500 … 4,298,018", extent);
    }

    /**
     * A world file places the pixels but names no CRS: the parse fails saying so and what to do, the row shows the
     * failure, no tile is made, and the layer keeps its zip, so that the SRID set in the form parses it.
     */
    @Test
    void aTiffDroppedWithAWorldFileAndNoCrsFailsSayingSoAndLeavesNoTiles(FxRobot robot) throws Exception {
        Path tif = SideFileRasters.plainTiff(data("real/opengeos_dsm.tif"), tmp, "dsm", CrsFile.NONE);
        List<Path> sideFiles = SideFileRasters.sideFilesOf(tif);
        assertEquals(List.of(tmp.resolve("dsm.tfw")), sideFiles);

        RasterLayer layer = dropAndAwaitLayer(robot, tif, sideFiles);
        LayerRows.awaitStatus(window, layer.id(), ParseStatus.FAILED);
        LayerRows.showRow(robot, window, layer.id());
        assertEquals("Failed parsing", OnFx.read(() -> robot.from(LayerRows.rowOf(robot, layer.id()))
                .lookup(".table-cell.parse-failed").queryAs(TableCell.class).getText()));
        assertEquals(0, new TileRepository(database.dataSource()).count(layer.id()));
        assertEquals(0, OnFx.read(() -> LayerRows.shown(window, layer.id()).tileCount()));

        String why = "The raster has no coordinate reference system; set the layer's SRID to the EPSG code of the "
                + "one it is in";
        String log = new ParseStatusRepository(database.dataSource()).find(layer.id()).orElseThrow().log();
        assertTrue(log.lines().anyMatch(l -> l.contains("Parsing failed: " + why)), log);
        LayerRows.select(robot, window, layer.id());
        OnFx.waitUntil(() -> robot.lookup(".parse-log .list-cell.log-error").<ListCell<?>>queryAll().stream()
                .anyMatch(c -> c.getText() != null && c.getText().contains("Parsing failed: " + why)));

        // The layer keeps its file whatever became of the parse: the raster and its world file.
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS,
                () -> new SourceFileStore(database.dataSource()).find(layer.id()).isPresent());
        Path zip = tmp.resolve("stored.zip");
        new SourceFileStore(database.dataSource()).copyTo(layer.id(), zip, FetchListener.NONE, () -> false);
        SideFileRasters.assertZipHolds(zip, List.of(tif, tmp.resolve("dsm.tfw")));

        // The SRID the message asks for, saved in the form, parses the stored zip where the world file puts it.
        OnFx.waitUntil(() -> window.inspector().snapshotProperty().get() != null
                && window.inspector().snapshotProperty().get().layer().id() == layer.id());
        TextField srid = OnFx.read(() -> robot.lookup("#layer-srid").queryAs(TextField.class));
        robot.interact(() -> srid.setText("26918"));
        // The SRID is looked up in the EPSG database in the background before the form takes it.
        OnFx.waitUntil(() -> window.inspector().form().validProperty().get()
                && window.inspector().form().dirtyProperty().get());
        robot.interact(() -> robot.lookup("#save-layer").queryButton().fire());
        LayerRows.awaitStatus(window, layer.id(), ParseStatus.FINISHED);
        Map<String, String> tiles = TileRows.md5(database.dataSource(), layer.id());
        assertFalse(tiles.isEmpty());
        assertEquals(tilesCovering(DSM_CORNERS, maxZoom(tiles)), tiles.keySet());
    }

    /** Drops the raster with its side files on the layer list: one layer, of the raster, made without a question. */
    private RasterLayer dropAndAwaitLayer(FxRobot robot, Path tif, List<Path> sideFiles) throws TimeoutException {
        List<Path> dropped = new ArrayList<>(sideFiles);
        dropped.add(tif);
        robot.interact(() -> FileDrops.drop(window.layerList().getView(), dropped));
        OnFx.waitUntil(() -> !outcomes.isEmpty());
        LayerIntake.Outcome outcome = outcomes.get(0);
        assertEquals(List.of(), outcome.refused());
        assertEquals(List.of("dsm"), outcome.created().stream().map(RasterLayer::name).toList(),
                "the side files are no layers of their own");
        assertTrue(robot.lookup("#several-files-question").tryQuery().isEmpty(), "nothing was asked");
        return outcome.created().get(0);
    }

    /** The tiles of the georeferenced GeoTIFF as the engine parses it, with the dropped layer's settings. */
    private static Map<String, String> referenceParse(Path original, RasterLayer dropped) throws Exception {
        RasterLayer reference = new RasterLayerRepository(database.dataSource()).create(
                RasterLayer.create("dsm, georeferenced").withDatatype(dropped.datatype())
                        .withSourceUrl(original.toUri().toString()));
        ParseResult result = new LayerParseJob(database.dataSource()).run(reference.id(), ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(result.finished(), result.message());
        return TileRows.md5(database.dataSource(), reference.id());
    }

    /**
     * The "z/x/y" of the tiles (XYZ, y = 0 at the north edge) that a box of WGS 84 corners touches at each zoom
     * from 0 to {@code maxZoom}.
     */
    private static Set<String> tilesCovering(double[][] corners, int maxZoom) {
        Set<String> tiles = new TreeSet<>();
        for (int z = 0; z <= maxZoom; z++) {
            double n = Math.pow(2, z);
            double minX = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (double[] c : corners) {
                double x = (c[0] + 180) / 360 * n;
                double y = (1 - Math.log(Math.tan(Math.toRadians(c[1])) + 1 / Math.cos(Math.toRadians(c[1])))
                        / Math.PI) / 2 * n;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
            for (int x = (int) Math.floor(minX); x <= (int) Math.floor(maxX); x++) {
                for (int y = (int) Math.floor(minY); y <= (int) Math.floor(maxY); y++) {
                    tiles.add(z + "/" + x + "/" + y);
                }
            }
        }
        return tiles;
    }

    private static int maxZoom(Map<String, String> tiles) {
        return tiles.keySet().stream().mapToInt(k -> Integer.parseInt(k.substring(0, k.indexOf('/')))).max()
                .orElseThrow();
    }

    /** "z/x/y" → md5 of the tile's raster, of every tile of the layer. */
    private static Path data(String name) {
        Path p = Path.of(System.getProperty("rasterdesk.test.data"), name);
        assertTrue(Files.isRegularFile(p), "missing test file " + p);
        return p;
    }
}
