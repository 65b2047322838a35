package org.rasterdesk.raster;

import org.rasterdesk.raster.pixel.PixelType;
import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * A layer's SRID and nodata, which win over the file's own (django-raster's rule): a reader that reports them as
 * the raster's and reads the file's samples unchanged.
 */
public final class RasterOverrides implements RasterReader {

    private final RasterReader source;
    private final RasterInfo info;

    private RasterOverrides(RasterReader source, RasterInfo info) {
        this.source = source;
        this.info = info;
    }

    /**
     * @param srid   the layer's SRID, or null to keep the file's CRS
     * @param nodata the layer's nodata for every band, or null to keep each band's own
     */
    public static RasterReader apply(RasterReader source, Integer srid, Double nodata) throws IOException {
        RasterInfo i = source.info();
        if (srid == null && nodata == null) {
            return source;
        }
        CrsResolver.Resolved crs = srid == null
                ? new CrsResolver.Resolved(i.crs(), i.srid(), i.srsWkt())
                : CrsResolver.forEpsg(srid);
        List<Double> bandNodata = nodata == null ? i.nodata() : Collections.nCopies(i.bandCount(), nodata);
        if (nodata != null && !i.pixelType().canHold(nodata)) {
            throw new IOException("The nodata value " + format(nodata) + " cannot occur in " + i.pixelType()
                    + " data (range " + format(i.pixelType().min()) + " to " + format(i.pixelType().max()) + ")");
        }
        RasterInfo changed = new RasterInfo(i.width(), i.height(), i.bandCount(), i.pixelType(), i.geoTransform(),
                crs.crs(), crs.srid(), crs.wkt(), bandNodata, i.blockWidth(), i.blockHeight());
        return new RasterOverrides(source, changed);
    }

    /**
     * The same raster reported with a wider pixel type, for tiles that need a nodata value the source's type has no
     * room for; the samples are read unchanged.
     */
    public static RasterReader withPixelType(RasterReader source, PixelType type) {
        RasterInfo i = source.info();
        if (type == i.pixelType()) {
            return source;
        }
        return new RasterOverrides(source, new RasterInfo(i.width(), i.height(), i.bandCount(), type,
                i.geoTransform(), i.crs(), i.srid(), i.srsWkt(), i.nodata(), i.blockWidth(), i.blockHeight()));
    }

    /**
     * Refuses a layer SRID that is no EPSG coordinate reference system and a nodata text that is no number,
     * before a layer is made with them.
     *
     * @throws IOException with one sentence saying what is wrong
     */
    public static void check(Integer srid, String nodata) throws IOException {
        if (nodata != null && !nodata.isBlank()) {
            try {
                Double.parseDouble(nodata.trim());
            } catch (NumberFormatException e) {
                throw new IOException("The nodata value \"" + nodata + "\" is not a number");
            }
        }
        if (srid != null) {
            if (srid <= 0) {
                throw new IOException("The SRID must be a positive EPSG code, not " + srid);
            }
            CrsResolver.forEpsg(srid);
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public RasterInfo info() {
        return info;
    }

    @Override
    public double[][] read(int x, int y, int width, int height) throws IOException {
        return source.read(x, y, width, height);
    }

    @Override
    public double[][] read(int x, int y, int width, int height, double[][] into) throws IOException {
        return source.read(x, y, width, height, into);
    }

    @Override
    public boolean isThreadSafe() {
        return source.isThreadSafe();
    }

    @Override
    public java.util.Optional<RasterBlocks> blocks() {
        return source.blocks();
    }

    @Override
    public long decodeNanos() {
        return source.decodeNanos();
    }

    @Override
    public int[] palette() {
        return source.palette();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
