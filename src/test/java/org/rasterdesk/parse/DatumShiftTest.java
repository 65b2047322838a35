package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.tiling.GdalRaster;

/**
 * Rasters on other datums than WGS 84 land where GDAL puts them: each real file is warped by GDAL into a CRS of
 * NAD27, OSGB36, ED50 or DHDN over its own area (so its coordinates are GDAL's), parsed, and compared tile for tile
 * with gdalwarp back to web mercator. The parse log names the transformation used, with its accuracy.
 */
@Tag("slow")
class DatumShiftTest {

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NAD27 / UTM 18N (Bahamas)|real/RGB.byte.tif|EPSG:26718|300|NAD27 to WGS 84",
        "OSGB36 / British National Grid|real/openlandmap_cropland_10km_2016.tif|EPSG:27700|2000|OSGB36 to WGS 84",
        "ED50 / UTM 29N (Lisbon)|real/LisbonElevation.tif|EPSG:23029|30|ED50 to WGS 84",
        "DHDN / Gauss-Kruger zone 2 (NRW)|real/dom1_32_356_5699_1_nw_2020.tif|EPSG:31466|1|DHDN to WGS 84"})
    void landsWhereGdalPutsIt(String name, String source, String crs, String resolution, String shift)
            throws Exception {
        Path file = work.resolve(crs.replace(':', '_') + ".tif");
        String[] area = crs.equals("EPSG:27700")
                ? new String[] {"-te", "300000", "100000", "700000", "500000"} : new String[0];
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("gdalwarp", "-q", "-overwrite",
                "-t_srs", crs, "-tr", resolution, resolution, "-r", "near"));
        command.addAll(java.util.List.of(area));
        command.add(GdalRaster.data(source).toString());
        command.add(file.toString());
        GdalRaster.run(command.toArray(String[]::new));
        GdalParity.Result parity = GdalParity.compare(name, file, work);
        assertTrue(parity.sameTiles(), parity.ours() + " vs " + parity.gdal());
        assertTrue(parity.share() >= 99.9, name + ": identical " + parity.share() + " %");
        DataSource dataSource = TestDatabase.shared().dataSource();
        String log = new ParseStatusRepository(dataSource).find(parity.layerId()).orElseThrow().log();
        assertTrue(log.contains("Datum shift to WGS 84") && log.contains(shift) && log.contains("accuracy"), log);
        System.out.println(name + ": " + log.lines().filter(l -> l.contains("Datum shift")).findFirst().orElse(""));
    }
}
