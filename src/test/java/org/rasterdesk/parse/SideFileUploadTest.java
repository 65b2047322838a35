package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.LayerUploads;
import org.rasterdesk.source.PendingUpload;
import org.rasterdesk.source.SourceFileStore;
import org.rasterdesk.source.StoredFile;
import org.rasterdesk.tiling.GdalRaster;

/**
 * A raster with side files is parsed from the disk while the zip of it and its side files is stored, as a plain
 * raster is while its bytes are: the zip is the one that was stored before the parse, the tiles are those the side
 * files georeference, and a failed store fails the parse.
 */
@Tag("slow")
class SideFileUploadTest {

    private static final String MD5 = "md5(ST_AsBinary(rast))";

    private final ParsedLayers parsed = new ParsedLayers();
    private final SourceFileStore store = new SourceFileStore(parsed.dataSource);

    @TempDir
    Path tmp;

    /**
     * A plain TIFF whose georeferencing is in a world file and whose CRS is in a .prj or in GDAL's .aux.xml: without
     * them it has no place on the earth, with them it makes the original GeoTIFF's layer, tile for tile.
     */
    @ParameterizedTest
    @ValueSource(strings = {"prj", "aux.xml"})
    void theZipOfARasterAndItsSideFilesIsStoredWhileTheParseReadsThem(String crsFile) throws Exception {
        Path original = ParsedLayers.data("real/opengeos_dsm.tif");
        Path tif = plainTiffWithSideFiles(original, crsFile);
        List<Path> sideFiles = SideFileRasters.sideFilesOf(tif);
        assertEquals(crsFile.equals("prj") ? List.of("dsm.prj", "dsm.tfw") : List.of("dsm.tfw", "dsm.tif.aux.xml"),
                sideFiles.stream().map(p -> p.getFileName().toString()).toList());

        PendingUpload upload = new LayerUploads(parsed.dataSource).begin(template("side files while parsed"), tif);
        assertEquals(List.of(tif), upload.files(), "the parse reads the raster where it lies");
        ParseResult result = new LayerParseJob(parsed.dataSource).run(upload, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(result.finished(), result.message());
        int layer = upload.layer().id();

        // The stored upload: the zip of the raster, then its side files, each whole.
        assertTrue(parsed.layers.find(layer).orElseThrow().rasterfile().endsWith("dsm.tif.zip"));
        StoredFile stored = store.find(layer).orElseThrow();
        assertEquals("dsm.tif.zip", stored.name());
        Path zip = tmp.resolve("stored.zip");
        store.copyTo(layer, zip, FetchListener.NONE, () -> false);
        assertEquals(Files.size(zip), stored.size());
        assertEquals(sha256(zip), stored.sha256());
        List<Path> expected = new ArrayList<>(List.of(tif));
        expected.addAll(sideFiles);
        SideFileRasters.assertZipHolds(zip, expected);

        // The side files were used: the original GeoTIFF's georeferencing and CRS, and its tiles.
        RasterLayer reference = parsed.layers.create(template("side files, reference"));
        assertTrue(parsed.parse(reference, original).finished());
        LayerMetadata meta = new LayerMetadataRepository(parsed.dataSource).find(layer).orElseThrow();
        LayerMetadata expectedMeta = new LayerMetadataRepository(parsed.dataSource).find(reference.id())
                .orElseThrow();
        if (crsFile.equals("aux.xml")) {
            // GDAL's WKT names its EPSG code; an ESRI .prj names none.
            assertEquals(26918, meta.srid());
        }
        assertEquals(expectedMeta.srsWkt() != null, meta.srsWkt() != null);
        assertEquals(expectedMeta.upperLeftX(), meta.upperLeftX(), 1e-6);
        assertEquals(expectedMeta.upperLeftY(), meta.upperLeftY(), 1e-6);
        assertEquals(expectedMeta.scaleX(), meta.scaleX(), 1e-9);
        assertEquals(expectedMeta.scaleY(), meta.scaleY(), 1e-9);
        Map<String, String> tiles = ParsedLayers.tileColumn(parsed.dataSource, layer, MD5);
        assertFalse(tiles.isEmpty());
        Map<String, String> referenceTiles = ParsedLayers.tileColumn(parsed.dataSource, reference.id(), MD5);
        if (crsFile.equals("aux.xml")) {
            assertEquals(referenceTiles, tiles);
        } else {
            // The ESRI WKT of NAD83 / UTM 18N is not identified as EPSG:26918 (no SRID): the same tiles, their
            // pixels not bit for bit the same, as before this upload ran during the parse.
            assertEquals(referenceTiles.keySet(), tiles.keySet());
        }

        // The same tiles as the upload stored before the parse, which then read the file from the disk.
        RasterLayer before = new LayerUploads(parsed.dataSource).create(template("side files stored first"), tif,
                false);
        assertTrue(new LayerParseJob(parsed.dataSource).run(before.id(), tif, ParseOptions.defaults(),
                ParseListener.NONE, () -> false).finished());
        assertEquals(tiles, ParsedLayers.tileColumn(parsed.dataSource, before.id(), MD5));
        assertEquals(new LayerMetadataRepository(parsed.dataSource).find(before.id()).orElseThrow().srid(),
                meta.srid());
        Path zipBefore = tmp.resolve("stored-before.zip");
        store.copyTo(before.id(), zipBefore, FetchListener.NONE, () -> false);
        assertEquals(entries(zipBefore), entries(zip), "the same zip, made before the parse or during it");
        assertEquals(Files.size(zipBefore), Files.size(zip));

        // A re-parse from the stored zip (as a worker parses) unpacks the same side files: the same tiles.
        ParseResult again = new LayerParseJob(parsed.dataSource).run(layer, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(again.finished(), again.message());
        assertEquals(tiles, ParsedLayers.tileColumn(parsed.dataSource, layer, MD5));
    }

    /**
     * The raster goes into the zip as it is (stored, not deflated again), its side files deflated, so that any zip
     * reader, GDAL's /vsizip/ included, finds each file whole.
     */
    @Test
    void theRasterIsKeptInTheZipAsItIsAndItsSideFilesDeflated() throws Exception {
        Path tif = plainTiffWithSideFiles(ParsedLayers.data("real/opengeos_dsm.tif"), "prj");
        List<Path> files = new ArrayList<>(List.of(tif));
        files.addAll(SideFileRasters.sideFilesOf(tif));
        RasterLayer layer = new LayerUploads(parsed.dataSource).create(template("side files, zip"), tif, false);
        Path stored = tmp.resolve("stored.zip");
        store.copyTo(layer.id(), stored, FetchListener.NONE, () -> false);
        SideFileRasters.assertZipHolds(stored, files);
        try (ZipFile z = new ZipFile(stored.toFile())) {
            ZipEntry raster = z.getEntry("dsm.tif");
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(Files.readAllBytes(tif));
            assertEquals(crc.getValue(), raster.getCrc());
            assertEquals(Files.size(tif), raster.getCompressedSize());
        }
        String info = GdalRaster.run("gdalinfo", "/vsizip/" + stored + "/dsm.tif");
        assertTrue(info.contains("Size is"), info);
    }

    /**
     * The store fails while the parse reads the files (a side file is gone by the time the zip comes to it): the
     * parse fails as a failed store failed it before, and leaves neither tiles nor a stored file.
     */
    @Test
    void aFailedStoreOfTheZipFailsTheParse() throws Exception {
        Path tif = plainTiffWithSideFiles(ParsedLayers.data("real/opengeos_dsm.tif"), "prj");
        Path statistics = Files.writeString(tmp.resolve("dsm.tif.aux.xml"), "<PAMDataset><PAMRasterBand band=\"1\">"
                + "<Metadata><MDI key=\"STATISTICS_MEAN\">1</MDI></Metadata></PAMRasterBand></PAMDataset>\n");
        PendingUpload upload = new LayerUploads(parsed.dataSource).begin(template("side file gone"), tif);
        Files.delete(statistics);
        ParseResult result = new LayerParseJob(parsed.dataSource).run(upload, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertEquals(ParseStatus.FAILED, result.status());
        assertTrue(result.message().contains("Storing the file in the database failed"), result.message());
        int layer = upload.layer().id();
        assertFalse(store.find(layer).isPresent());
        assertEquals(Map.of(), ParsedLayers.tileColumn(parsed.dataSource, layer, MD5));
    }

    private RasterLayer template(String name) {
        return RasterLayer.create(name).withDatatype(DataType.CONTINUOUS).withNodata("-9999")
                .withStoreReprojected(false);
    }

    private Path plainTiffWithSideFiles(Path original, String crsFile) throws Exception {
        return SideFileRasters.plainTiff(original, tmp, "dsm", crsFile.equals("prj") ? SideFileRasters.CrsFile.PRJ
                : SideFileRasters.CrsFile.AUX_XML);
    }

    /** Name, method, CRC, size and compressed size of each entry, in order. */
    private static List<String> entries(Path zip) throws Exception {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> out = new ArrayList<>();
            for (ZipEntry e : Collections.list(z.entries())) {
                out.add(e.getName() + " " + e.getMethod() + " " + e.getCrc() + " " + e.getSize() + " "
                        + e.getCompressedSize());
            }
            return out;
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
