package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.tiling.GdalRaster;

/**
 * Global grids in longitudes 0…360 (climate models write them so) and rasters across ±180° land on both sides of
 * the world, as gdalwarp puts them (it wraps a geographic source around its own centre longitude, and PROJ brings
 * projected longitudes back into ±180°). The files are cut from the real OpenLandMap global grid.
 */
@Tag("slow")
class AntimeridianTest {

    @TempDir
    Path work;

    /**
     * A GDAL virtual raster of two column ranges of a global -180…180° grid side by side, the second to the right of
     * the first, with its origin at {@code originLon}.
     */
    private Path stitched(String name, Path global, int width, int height, double pixel, double top,
                          int firstOff, int firstSize, int secondOff, int secondSize, double originLon)
            throws Exception {
        String source = "<SourceFilename relativeToVRT=\"0\">" + global + "</SourceFilename><SourceBand>1</SourceBand>";
        String xml = String.format(Locale.ROOT, """
                <VRTDataset rasterXSize="%d" rasterYSize="%d">
                  <SRS>EPSG:4326</SRS>
                  <GeoTransform>%.10f, %.15f, 0, %.10f, 0, %.15f</GeoTransform>
                  <VRTRasterBand dataType="Byte" band="1">
                    <NoDataValue>255</NoDataValue>
                    <SimpleSource>%s<SrcRect xOff="%d" yOff="0" xSize="%d" ySize="%d"/>
                      <DstRect xOff="0" yOff="0" xSize="%d" ySize="%d"/></SimpleSource>
                    <SimpleSource>%s<SrcRect xOff="%d" yOff="0" xSize="%d" ySize="%d"/>
                      <DstRect xOff="%d" yOff="0" xSize="%d" ySize="%d"/></SimpleSource>
                  </VRTRasterBand>
                </VRTDataset>
                """, firstSize + secondSize, height, originLon, pixel, top, -pixelHeight(global),
                source, firstOff, firstSize, height, firstSize, height,
                source, secondOff, secondSize, height, firstSize, secondSize, height);
        Path vrt = Files.writeString(work.resolve(name + ".vrt"), xml);
        Path tif = work.resolve(name + ".tif");
        GdalRaster.run("gdal_translate", "-q", "-co", "TILED=YES", vrt.toString(), tif.toString());
        return tif;
    }

    private static double pixelHeight(Path global) throws Exception {
        String info = GdalRaster.run("gdalinfo", global.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Pixel Size = \\(([-0-9.e]+),([-0-9.e]+)\\)")
                .matcher(info);
        assertTrue(m.find(), info);
        return -Double.parseDouble(m.group(2));
    }

    private static void assertParity(GdalParity.Result parity) {
        assertTrue(parity.sameTiles(), parity.ours() + " vs " + parity.gdal());
        assertTrue(parity.share() >= 99.9, parity.name() + ": identical " + parity.share() + " %");
        assertTrue(parity.lost() * 10_000 <= parity.dataPixels(), parity.lost() + " lost");
    }

    /** A global grid in 0…360°: its western half (180…360°) lands west of Greenwich. */
    @Test
    void aGlobalGridInZeroTo360LandsOnBothHalvesOfTheWorld() throws Exception {
        Path global = work.resolve("global.tif");
        GdalRaster.run("gdal_translate", "-q", "-outsize", "720", "0",
                GdalRaster.data("real/openlandmap_cropland_10km_2016.tif").toString(), global.toString());
        Path shifted = stitched("zero_to_360", global, 720, 299, 0.5, 87.37, 360, 360, 0, 360, 0);
        GdalParity.Result parity = GdalParity.compare("global grid 0-360", shifted, work);
        assertParity(parity);
        assertTrue(parity.ours().stream().anyMatch(k -> k.contains("/0/")), "tiles west of the antimeridian");
    }

    /** A raster from 170°E to 190°E (170°W) in EPSG:4326: the part past 180° is in the western tiles. */
    @Test
    void aGeographicRasterAcrossTheAntimeridianHasTilesOnBothSides() throws Exception {
        Path global = GdalRaster.data("real/openlandmap_cropland_10km_2016.tif");
        // 1/12° pixels: 170…180° are columns 4200…4319, 180…190° (-180…-170°) columns 0…119.
        Path across = stitched("across_4326", global, 240, 1792, 1.0 / 12, 87.37, 4200, 120, 0, 120, 170);
        GdalParity.Result parity = GdalParity.compare("EPSG:4326 170E-170W", across, work);
        assertParity(parity);
    }

    /** A UTM zone 60 raster reaching past 180°: PROJ's longitudes wrap, so do ours. */
    @Test
    void aProjectedRasterAcrossTheAntimeridianHasTilesOnBothSides() throws Exception {
        Path global = GdalRaster.data("real/openlandmap_cropland_10km_2016.tif");
        Path across = stitched("across_src", global, 240, 1792, 1.0 / 12, 87.37, 4200, 120, 0, 120, 170);
        Path utm = work.resolve("across_utm60.tif");
        // Chukotka: 60°N-70°N, about 172°E to 171°W in UTM zone 60 north.
        GdalRaster.run("gdalwarp", "-q", "-t_srs", "EPSG:32660", "-te", "250000", "6700000", "1000000",
                "7800000", "-tr", "5000", "5000", "-r", "near", across.toString(), utm.toString());
        GdalParity.Result parity = GdalParity.compare("UTM 60N across 180", utm, work);
        assertParity(parity);
    }
}
