package org.rasterdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.ParsedFile;

/**
 * {@code rasterdesk parse FILE} goes through the same source handling as every other way in (a local zip is
 * unpacked), and a file it cannot read leaves no layer behind.
 */
@Tag("slow")
class ParseCommandTest {

    private static final DataSource DATA_SOURCE = TestDatabase.shared().dataSource();

    @TempDir
    Path tmp;

    /** django-raster's own test file is a zip, raster.tif.zip; a local path of it must parse like its upload. */
    @Test
    void aLocalZipParsesLikeItsUpload() throws Exception {
        Path zip = tmp.resolve("raster.tif.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("raster.tif"));
            Files.copy(ParsedFile.data("real/django_raster_test.tif"), out);
            out.closeEntry();
        }
        assertEquals(0, run("parse", "--name", "zipped by path", "--datatype", "ca", "--no-store-reprojected",
                zip.toString()));
        RasterLayer layer = find("zipped by path").get(0);
        assertEquals(ParseStatus.FINISHED, new ParseStatusRepository(DATA_SOURCE).status(layer.id()));
        assertEquals(4, new TileRepository(DATA_SOURCE).keys(layer.id(), 11).size());
        // The same layer parsed again from its stored upload (the zip's bytes) makes the same tiles.
        assertEquals(0, run("parse", "--layer", String.valueOf(layer.id())));
        assertEquals(4, new TileRepository(DATA_SOURCE).keys(layer.id(), 11).size());
    }

    /**
     * An image georeferenced by side files: its upload keeps them (as a zip of them all), so that parsing the layer
     * again from its stored upload makes the same tiles as the first parse from the files on disk.
     */
    @Test
    void anImageWithAWorldFileKeepsItsSideFilesInItsUpload() throws Exception {
        Path png = tmp.resolve("scene.png");
        org.rasterdesk.tiling.GdalRaster.run("gdal_translate", "-q", "-of", "PNG", "-co", "WORLDFILE=YES",
                ParsedFile.data("real/RGB.byte.tif").toString(), png.toString());
        Files.move(tmp.resolve("scene.wld"), tmp.resolve("scene.pgw"));
        Files.writeString(tmp.resolve("scene.prj"), org.rasterdesk.tiling.GdalRaster.run("gdalsrsinfo", "-o",
                "wkt_esri", ParsedFile.data("real/RGB.byte.tif").toString()).trim());
        assertEquals(0, run("parse", "--name", "png with world file", "--no-store-reprojected",
                png.toString()));
        RasterLayer layer = find("png with world file").get(0);
        assertTrue(layer.rasterfile().endsWith("scene.png.zip"), layer.rasterfile());
        TileRepository tiles = new TileRepository(DATA_SOURCE);
        List<org.rasterdesk.tiling.TileKey> first = tiles.keys(layer.id(), 9);
        assertEquals(14, first.size());
        assertEquals(0, run("parse", "--layer", String.valueOf(layer.id())));
        assertEquals(first, tiles.keys(layer.id(), 9));
    }

    @Test
    void aFileThatIsNoRasterMakesNoLayer() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.tif"), "not pixels\n");
        assertEquals(1, run("parse", "--name", "not a raster", text.toString()));
        assertEquals(List.of(), find("not a raster"));
    }

    /** A header that reads and blocks that do not: the parse fails after the layer was made, which then goes. */
    @Test
    void aFileDamagedPastItsHeaderLeavesNoLayer() throws Exception {
        Path whole = tmp.resolve("whole.tif");
        Files.copy(ParsedFile.data("real/opengeos_dsm.tif"), whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(tmp.resolve("cut.tif"), Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(1, run("parse", "--name", "cut in half", cut.toString()));
        assertEquals(List.of(), find("cut in half"));
    }

    /** Several files make one mosaic layer; files that cannot make one layer are refused in one sentence. */
    @Test
    void severalFilesMakeOneMosaicLayer() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("scenes"));
        Path florida = ParsedFile.data("real/django_raster_test.tif");
        Files.copy(florida, folder.resolve("a-florida.tif"));
        // The same place in another CRS at a coarser resolution.
        org.rasterdesk.tiling.GdalRaster.run("gdalwarp", "-q", "-t_srs", "EPSG:4326", "-tr", "0.003", "0.003",
                florida.toString(), folder.resolve("b-coarse.tif").toString());
        assertEquals(0, run("parse", "--name", "mosaic of a folder", "--datatype", "ca", "--no-pyramid",
                folder.toString()));
        RasterLayer layer = find("mosaic of a folder").get(0);
        assertEquals(ParseStatus.FINISHED, new ParseStatusRepository(DATA_SOURCE).status(layer.id()));
        String log = new ParseStatusRepository(DATA_SOURCE).find(layer.id()).orElseThrow().log();
        assertTrue(log.contains("file 2 of 2, b-coarse.tif") && log.contains("max zoom follows the finest, "
                + "a-florida.tif"), log);
        assertEquals(4, new TileRepository(DATA_SOURCE).keys(layer.id(), 11).size());

        assertEquals(1, run("parse", "--name", "mixed types", ParsedFile.data("real/LisbonElevation.tif").toString(),
                ParsedFile.data("real/django_raster_test.tif").toString()));
    }

    /** A zip of several rasters and a list of URLs make the same mosaic as the files themselves, tile for tile. */
    @Test
    void aZipOfRastersAndAListOfUrlsMakeTheMosaicOfTheirFiles() throws Exception {
        Path whole = ParsedFile.data("real/django_raster_test.tif");
        Path west = tmp.resolve("west.tif");
        Path east = tmp.resolve("east.tif");
        org.rasterdesk.tiling.GdalRaster.run("gdal_translate", "-q", "-srcwin", "0", "0", "100", "174",
                whole.toString(), west.toString());
        org.rasterdesk.tiling.GdalRaster.run("gdal_translate", "-q", "-srcwin", "60", "0", "103", "174",
                whole.toString(), east.toString());
        assertEquals(0, run("parse", "--name", "mosaic of files", "--datatype", "ca", west.toString(),
                east.toString()));
        Path zip = tmp.resolve("scenes.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path p : List.of(west, east)) {
                out.putNextEntry(new ZipEntry("scenes/" + (p == west ? "1-" : "2-") + p.getFileName()));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        assertEquals(0, run("parse", "--name", "mosaic of a zip", "--datatype", "ca", zip.toString()));
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = Files.readAllBytes(tmp.resolve(exchange.getRequestURI().getPath().substring(1)));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            assertEquals(0, run("parse", "--name", "mosaic of urls", "--datatype", "ca", base + "west.tif",
                    base + "east.tif"));
            // One URL of a zip of several rasters gives them all, as the local zip does.
            assertEquals(0, run("parse", "--name", "mosaic of a zip's url", "--datatype", "ca",
                    base + "scenes.zip"));
        } finally {
            server.stop(0);
        }
        java.util.Map<String, String> reference = tiles(find("mosaic of files").get(0).id());
        assertTrue(reference.size() > 10, reference.toString());
        assertEquals(reference, tiles(find("mosaic of a zip").get(0).id()), "the zip's mosaic");
        assertEquals(reference, tiles(find("mosaic of urls").get(0).id()), "the URLs' mosaic");
        assertEquals(reference, tiles(find("mosaic of a zip's url").get(0).id()), "the mosaic of a zip's URL");
        String log = new ParseStatusRepository(DATA_SOURCE).find(find("mosaic of urls").get(0).id()).orElseThrow()
                .log();
        assertTrue(log.contains("file 2 of 2, east.tif"), log);
    }

    /** Files added to a mosaic layer make the tiles of a mosaic made of all the files at once. */
    @Test
    void filesAddedToAMosaicMakeTheMosaicOfAllTheFiles() throws Exception {
        Path whole = ParsedFile.data("real/django_raster_test.tif");
        Path west = tmp.resolve("add-west.tif");
        Path middle = tmp.resolve("add-middle.tif");
        Path east = tmp.resolve("add-east.tif");
        org.rasterdesk.tiling.GdalRaster.run("gdal_translate", "-q", "-srcwin", "0", "0", "90", "174",
                whole.toString(), west.toString());
        org.rasterdesk.tiling.GdalRaster.run("gdal_translate", "-q", "-srcwin", "40", "20", "70", "120",
                whole.toString(), middle.toString());
        org.rasterdesk.tiling.GdalRaster.run("gdal_translate", "-q", "-srcwin", "100", "0", "63", "174",
                whole.toString(), east.toString());
        assertEquals(0, run("parse", "--name", "all at once", "--datatype", "ca", west.toString(),
                middle.toString(), east.toString()));
        assertEquals(0, run("parse", "--name", "grown", "--datatype", "ca", west.toString(), middle.toString()));
        int grown = find("grown").get(0).id();
        assertEquals(0, run("parse", "--layer", Integer.toString(grown), "--add", east.toString()));
        assertEquals(tiles(find("all at once").get(0).id()), tiles(grown));
        String log = new ParseStatusRepository(DATA_SOURCE).find(grown).orElseThrow().log();
        assertTrue(log.contains("Added 1 file: "), log);

        // --add needs the layer to add to, and makes none.
        assertEquals(1, run("parse", "--add", east.toString(), "--name", "no layer", west.toString()));
        assertEquals(List.of(), find("no layer"));
    }

    private static java.util.Map<String, String> tiles(int layerId) throws Exception {
        java.util.Map<String, String> tiles = new java.util.TreeMap<>();
        try (java.sql.Connection c = DATA_SOURCE.getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT tilez, tilex, tiley, "
                     + "md5(ST_AsBinary(rast)) FROM raster_rastertile WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tiles.put(rs.getInt(1) + "/" + rs.getInt(2) + "/" + rs.getInt(3), rs.getString(4));
                }
            }
        }
        return tiles;
    }

    private static List<RasterLayer> find(String name) {
        return new RasterLayerRepository(DATA_SOURCE).findAll().stream().filter(l -> l.name().equals(name)).toList();
    }

    private static int run(String... args) {
        String[] withDb = new String[args.length + 2];
        withDb[0] = args[0];
        withDb[1] = "--db";
        withDb[2] = connectionString();
        System.arraycopy(args, 1, withDb, 3, args.length - 1);
        java.io.PrintStream out = System.out;
        try {
            // The parse log is long; keep the test output readable.
            System.setOut(new java.io.PrintStream(OutputStream.nullOutputStream()));
            return RasterDeskCommand.run(withDb);
        } finally {
            System.setOut(out);
        }
    }

    private static String connectionString() {
        ConnectionSettings s = TestDatabase.shared().settings();
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*").matcher(s.jdbcUrl());
        assertTrue(m.matches(), s.jdbcUrl());
        return "host=" + m.group(1) + " port=" + m.group(2) + " dbname=" + m.group(3) + " user=" + s.user()
                + (s.password() == null ? "" : " password=" + s.password());
    }
}
