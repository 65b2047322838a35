package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            long read = new SourceFileStore(dataSource).read(layer.id(), bytes -> TiffHeaderCopy.copy(bytes, copy));
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
            header = new QueuePreflight(dataSource).header(layer.id(), "rasters/LisbonElevation.tif", null,
                    List.of());
        } finally {
            log.removeHandler(handler);
            log.setLevel(level);
        }
        assertEquals(2, said.stream().filter(m -> m.contains("for its header")).count(), said.toString());
        assertTrue(said.stream().noneMatch(m -> m.contains("do not read alone")), said.toString());
        assertNotNull(header.file(), String.valueOf(header.unavailable()));
        ParseRates rates = ParseRates.measured(dataSource);
        assertEquals(FilePreflight.read(files, null).preflight(null, true, true, rates).lines(),
                header.file().preflight(null, true, true, rates).lines());
        assertEquals(FilePreflight.read(files, null).preflight(18, true, true, rates).lines(),
                header.file().preflight(18, true, true, rates).lines());
    }
}
