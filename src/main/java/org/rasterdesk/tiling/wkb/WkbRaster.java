package org.rasterdesk.tiling.wkb;

import java.util.List;
import java.util.Objects;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/**
 * A PostGIS raster as its WKB carries it: georeference (affine transform, SRID), size and in-database bands.
 *
 * <p>PostGIS's ipX/ipY are the transform's origin, its skewX/skewY are GDAL's row/column rotation terms
 * ({@code x = ipX + col * scaleX + row * skewX}), exactly {@link GeoTransform}'s coefficients.
 */
public record WkbRaster(GeoTransform geoTransform, int srid, int width, int height, List<WkbBand> bands) {

    public WkbRaster {
        Objects.requireNonNull(geoTransform, "geoTransform");
        if (width < 0 || width > 65535 || height < 0 || height > 65535) {
            throw new IllegalArgumentException("raster size out of the WKB range: " + width + "×" + height);
        }
        bands = List.copyOf(bands);
        if (bands.size() > 65535) {
            throw new IllegalArgumentException("too many bands: " + bands.size());
        }
        for (WkbBand band : bands) {
            if (band.samples().length != width * height) {
                throw new IllegalArgumentException("band has " + band.samples().length + " samples, expected "
                        + width * height);
            }
        }
    }

    public int bandCount() {
        return bands.size();
    }

    public WkbBand band(int index) {
        return bands.get(index);
    }

    /** The raster of a tile: EPSG:3857, 256×256, aligned on the tile's bounds. */
    public static WkbRaster ofTile(TileData tile) {
        GeoTransform transform = WebMercatorTiles.transform(tile.key());
        WkbBand[] bands = new WkbBand[tile.bandCount()];
        for (int b = 0; b < bands.length; b++) {
            bands[b] = new WkbBand(tile.pixelType(), nodataOf(tile, b), tile.bands()[b]);
        }
        return new WkbRaster(transform, WebMercatorTiles.SRID, TileData.SIZE, TileData.SIZE, List.of(bands));
    }

    /**
     * In TileData a NaN nodata of an integer band cannot be a real value: it means the band has no nodata.
     */
    static Double nodataOf(TileData tile, int band) {
        return nodataOf(tile.pixelType(), tile.nodata() == null ? Double.NaN : tile.nodata()[band]);
    }

    private static Double nodataOf(PixelType type, double value) {
        if (Double.isNaN(value) && !type.isFloatingPoint()) {
            return null;
        }
        return value;
    }

    /**
     * This raster as the tile whose bounds it covers, found from its georeference.
     *
     * @throws IllegalStateException when the raster is not a 256×256 EPSG:3857 tile of the XYZ grid, or its bands
     *                               differ in pixel type (TileData holds one type)
     */
    public TileData toTileData() {
        return toTileData(WebMercatorTiles.keyOf(this));
    }

    /** This raster as the samples of the given tile; the georeference is not checked. */
    public TileData toTileData(TileKey key) {
        if (width != TileData.SIZE || height != TileData.SIZE) {
            throw new IllegalStateException("not a tile: " + width + "×" + height + " pixels");
        }
        if (bands.isEmpty()) {
            throw new IllegalStateException("a tile needs at least one band");
        }
        PixelType type = bands.get(0).pixelType();
        double[] nodata = new double[bands.size()];
        double[][] samples = new double[bands.size()][];
        for (int b = 0; b < nodata.length; b++) {
            WkbBand band = bands.get(b);
            if (band.pixelType() != type) {
                throw new IllegalStateException("bands differ in pixel type: " + type + " and " + band.pixelType());
            }
            nodata[b] = band.hasNodata() ? band.nodata() : Double.NaN;
            samples[b] = band.samples();
        }
        return new TileData(key, type, nodata, samples);
    }
}
