package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.raster.GeoTiffReader;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.source.LayerUploads;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.SourceFileStore;
import org.rasterdesk.source.StoredZip;
import org.rasterdesk.tiling.GdalRaster;

/**
 * The pre-flight of files kept in the database reads their headers alone, not the files: a copy of a real GeoTIFF's
 * directories (a few kilobytes of the file's megabytes) opens with the same metadata as the file, and the form's
 * pre-flight of a stored mosaic is the one of its files on disk.
 */
class StoredHeaderPreflightTest {

    private static final List<String> REAL = List.of("LisbonElevation.tif", "RGB.byte.tif",
            "dom1_32_356_5699_1_nw_2020.tif", "openlandmap_cropland_10km_2016.tif", "gpm_1d.20240617.tif",
            "opengeos_dsm.tif", "django_raster_test.tif");

    @TempDir
    Path work;
    private final DataSource dataSource = TestDatabase.shared().dataSource();

    @Test
    void aStoredGeoTiffsHeaderAloneOpensWithTheFilesMetadata() throws Exception {
        for (String name : REAL) {
            Path file = ParsedFile.data("real/" + name);
            RasterLayer layer = new LayerUploads(dataSource).create(RasterLayer.create("header " + name), file, false);
            Path copy = work.resolve(name);
            // A raster with side files beside it (GDAL's .aux.xml of its statistics, say) is kept zipped with them.
            long read = new SourceFileStore(dataSource).read(layer.id(), bytes -> {
                Optional<StoredZip> zip = StoredZip.of(bytes);
                return TiffHeaderCopy.copy(zip.isPresent() ? zip.get().raster() : bytes, copy);
            });
            long size = Files.size(file);
            System.out.println(name + ": " + read + " of " + size + " bytes read");
            assertTrue(read > 0, name);
            if (size > 200_000) {
                assertTrue(read < size / 20, name + ": " + read + " bytes read of " + size);
            }
            try (GeoTiffReader original = GeoTiffReader.open(file); GeoTiffReader header = GeoTiffReader.open(copy)) {
                RasterInfo a = original.info();
                RasterInfo b = header.info();
                assertEquals(List.of(a.width(), a.height(), a.bandCount(), a.pixelType(), a.geoTransform(),
                                String.valueOf(a.srid()), String.valueOf(a.srsWkt()), a.nodata(), a.blockWidth(),
                                a.blockHeight()),
                        List.of(b.width(), b.height(), b.bandCount(), b.pixelType(), b.geoTransform(),
                                String.valueOf(b.srid()), String.valueOf(b.srsWkt()), b.nodata(), b.blockWidth(),
                                b.blockHeight()), name);
            }
        }
    }

    @Test
    void aStoredMosaicsPreflightIsTheOneOfItsFiles() throws Exception {
        List<Path> files = List.of(ParsedFile.data("real/LisbonElevation.tif"),
                ParsedFile.data("real/opengeos_dsm.tif"));
        assertPreflightOfHeadersAlone(files);
    }

    /**
     * Files kept zipped with their side files: each raster's header is read where it lies in its zip, its side
     * files beside it, and the pre-flight is the one of the files on disk, whose georeferencing (a world file) and
     * CRS (an ESRI .prj, GDAL's .aux.xml) only their side files give.
     */
    @Test
    void aStoredMosaicOfFilesWithSideFilesIsReadByItsHeadersAndSideFiles() throws Exception {
        Path source = ParsedFile.data("real/openlandmap_cropland_10km_2016.tif");
        Path worldFile = Files.createDirectories(work.resolve("world-file"));
        Path b = worldFile.resolve("b.tif");
        GdalRaster.run("gdal_translate", "-q", "-srcwin", "2150", "450", "300", "200", "-co", "PROFILE=BASELINE",
                "-co", "TFW=YES", source.toString(), b.toString());
        Files.delete(worldFile.resolve("b.tif.aux.xml"));
        Files.writeString(worldFile.resolve("b.prj"),
                GdalRaster.run("gdalsrsinfo", "-o", "wkt_esri", source.toString()).trim());
        Path aux = Files.createDirectories(work.resolve("aux"));
        Path c = aux.resolve("c.tif");
        GdalRaster.run("gdal_translate", "-q", "-srcwin", "2300", "550", "200", "150", "-co", "PROFILE=BASELINE",
                "-co", "TFW=YES", source.toString(), c.toString());
        assertTrue(Files.readString(aux.resolve("c.tif.aux.xml")).contains("<SRS"), "GDAL keeps the CRS there");
        assertPreflightOfHeadersAlone(List.of(ParsedFile.data("real/LisbonElevation.tif"), b, c));
    }

    /** The form's pre-flight of the files kept as a mosaic reads each one's header alone, and is theirs on disk. */
    private void assertPreflightOfHeadersAlone(List<Path> files) throws Exception {
        RasterLayer layer = new MosaicFiles(dataSource).create(RasterLayer.create("stored mosaic header"), files,
                false, false);
        // What the pre-flight read, as it logs it: the headers alone, not the files as a fallback.
        List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(FilePreflight.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                said.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Level level = log.getLevel();
        log.setLevel(java.util.logging.Level.FINE);
        log.addHandler(handler);
        QueuePreflight.Header header;
        try {
            header = new QueuePreflight(dataSource).header(layer.id(), layer.rasterfile(), null, List.of());
        } finally {
            log.removeHandler(handler);
            log.setLevel(level);
        }
        assertEquals(files.size(), said.stream().filter(m -> m.contains("for its header")).count(),
                said.toString());
        assertTrue(said.stream().noneMatch(m -> m.contains("do not read alone")), said.toString());
        assertNotNull(header.file(), String.valueOf(header.unavailable()));
        ParseRates rates = ParseRates.measured(dataSource);
        assertEquals(FilePreflight.read(files, null).preflight(null, true, true, rates).lines(),
                header.file().preflight(null, true, true, rates).lines());
        assertEquals(FilePreflight.read(files, null).preflight(18, true, true, rates).lines(),
                header.file().preflight(18, true, true, rates).lines());
    }
}
