package org.rasterdesk.raster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small seed files of the formats beyond GeoTIFF, made by GDAL, for the fuzzer. */
final class OtherFormatSeeds {

    private OtherFormatSeeds() {
    }

    static void make(Path seeds) throws IOException {
        String rgb = "real/RGB.byte.tif";
        String dsm = "real/opengeos_dsm.tif";
        Gdal.translate(Gdal.data(rgb), seeds.resolve("world.png"), "-outsize", "64", "48", "-of", "PNG", "-co",
                "WORLDFILE=YES");
        Files.move(seeds.resolve("world.wld"), seeds.resolve("world.pgw"));
        Files.writeString(seeds.resolve("world.prj"), Gdal.run("gdalsrsinfo", "-o", "wkt_esri",
                Gdal.data(rgb).toString()).trim());
        Gdal.translate(Gdal.data(rgb), seeds.resolve("photo.jpg"), "-outsize", "64", "48", "-of", "JPEG", "-co",
                "WORLDFILE=YES");
        Files.move(seeds.resolve("photo.wld"), seeds.resolve("photo.jgw"));
        Files.copy(seeds.resolve("world.prj"), seeds.resolve("photo.prj"));
        Gdal.translate(Gdal.data(dsm), seeds.resolve("grid.asc"), "-outsize", "32", "24", "-of", "AAIGrid");
        Gdal.translate(Gdal.data("real/LisbonElevation.tif"), seeds.resolve("dem.nc"), "-outsize", "32", "24",
                "-of", "netCDF");
        Gdal.translate(Gdal.data(rgb), seeds.resolve("scene.jp2"), "-outsize", "64", "48", "-of", "JP2OpenJPEG",
                "-co", "REVERSIBLE=YES", "-co", "QUALITY=100");
        Gdal.translate(Gdal.data("real/gpm_1d.20240617.tif"), seeds.resolve("gml.jp2"), "-outsize", "64", "48",
                "-of", "JP2OpenJPEG", "-co", "GeoJP2=NO", "-co", "GMLJP2=YES");
    }
}
