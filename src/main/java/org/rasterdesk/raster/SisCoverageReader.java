package org.rasterdesk.raster;

import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.sis.coverage.SampleDimension;
import org.apache.sis.coverage.grid.GridCoverage;
import org.apache.sis.coverage.grid.GridExtent;
import org.apache.sis.coverage.grid.GridGeometry;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.operation.transform.LinearTransform;
import org.apache.sis.storage.Aggregate;
import org.apache.sis.storage.DataStore;
import org.apache.sis.storage.DataStoreException;
import org.apache.sis.storage.DataStores;
import org.apache.sis.storage.GridCoverageResource;
import org.apache.sis.storage.Resource;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.apache.sis.coverage.grid.PixelInCell;
import org.opengis.referencing.operation.Matrix;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * A raster read through one of Apache SIS's data stores — ESRI ASCII grids, images with a world file (PNG, JPEG,
 * GIF, BMP and what else Image I/O decodes), NetCDF with CF coordinates — as GDAL presents it: the stored sample
 * values (not SIS's converted ones), the first 2D slice of a cube, the stores' fill values as nodata.
 * These stores decode the image as a whole, so the first window read decodes it once and keeps it; a raster whose
 * samples would take more than a quarter of the heap is refused before that.
 */
final class SisCoverageReader implements RasterReader {

    private final DataStore store;
    private final GridCoverageResource resource;
    private final RasterInfo info;
    private final int[] sliceLow;
    private final int xDim;
    private final int yDim;
    private final boolean converted;
    /** Whether the stored rows run south to north, which GDAL (and so this reader) turns north up. */
    private final boolean flipped;
    private Raster decoded;

    private SisCoverageReader(DataStore store, GridCoverageResource resource, RasterInfo info, int[] sliceLow,
                              int xDim, int yDim, boolean converted, boolean flipped) {
        this.store = store;
        this.resource = resource;
        this.info = info;
        this.sliceLow = sliceLow;
        this.xDim = xDim;
        this.yDim = yDim;
        this.converted = converted;
        this.flipped = flipped;
    }

    /**
     * @param format the format's name, for messages ("ESRI ASCII grid")
     * @param crsOverride the CRS from a side file (.prj) when the store found none, or null
     * @param converted whether to read the store's converted values (the ASCII grid store packs its text values
     *                  into integers) rather than the stored ones (NetCDF's, as GDAL reads them)
     * @param nodataOverride the nodata value the file declares where the store reports NaN instead, or null
     */
    static SisCoverageReader open(Path file, String format, CrsResolver.Resolved crsOverride, boolean converted,
                                  Double nodataOverride) throws IOException {
        String name = String.valueOf(file.getFileName());
        DataStore store;
        try {
            store = DataStores.open(file);
        } catch (DataStoreException | RuntimeException | OutOfMemoryError e) {
            throw new IOException(name + " cannot be read as " + format + ": " + oneLine(e), e);
        }
        try {
            GridCoverageResource resource = firstImage(store);
            if (resource == null) {
                throw new IOException(name + " holds no raster");
            }
            GridGeometry grid = resource.getGridGeometry();
            GridExtent extent = grid.getExtent();
            int[] dims = extent.getSubspaceDimensions(2);
            int xDim = dims[0];
            int yDim = dims[1];
            long width = extent.getSize(xDim);
            long height = extent.getSize(yDim);
            List<SampleDimension> samples = resource.getSampleDimensions();
            int bands = samples.size();
            if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE
                    || width * height * bands * Double.BYTES > Runtime.getRuntime().maxMemory() / 4) {
                throw new IOException(name + " is " + width + " × " + height + " pixels × " + bands + " band(s), too "
                        + "large to read as " + format + " in the memory Java was given; convert it to a tiled "
                        + "GeoTIFF (gdal_translate -co TILED=YES)");
            }
            GeoTransform gt = geoTransform(grid, xDim, yDim, name);
            boolean flipped = gt.scaleY() > 0 && gt.skewX() == 0 && gt.skewY() == 0;
            if (flipped) {
                gt = new GeoTransform(gt.originX(), gt.scaleX(), 0, gt.originY() + height * gt.scaleY(), 0,
                        -gt.scaleY());
            }
            CrsResolver.Resolved crs = crs(grid, crsOverride);
            List<Double> nodata = new ArrayList<>();
            Double aux = SideFiles.auxNodata(file);
            for (SampleDimension s : samples) {
                Double own = nodata(s, converted);
                // GDAL keeps the nodata of formats that cannot hold one (PNG, JPEG) in the .aux.xml.
                nodata.add(nodataOverride != null ? nodataOverride : own != null ? own : aux);
            }
            int[] low = new int[extent.getDimension()];
            for (int d = 0; d < low.length; d++) {
                low[d] = (int) extent.getLow(d);
            }
            PixelType type = pixelType(resource, low, converted, name);
            RasterInfo info = new RasterInfo((int) width, (int) height, bands, type, gt, crs.crs(), crs.srid(),
                    crs.wkt(), nodata, (int) width, (int) height);
            return new SisCoverageReader(store, resource, info, low, xDim, yDim, converted, flipped);
        } catch (DataStoreException | RuntimeException | OutOfMemoryError e) {
            // SIS's stores size their arrays from the file's header; a damaged one must fail as damage.
            close(store);
            throw new IOException(name + " cannot be read as " + format + ": " + oneLine(e), e);
        } catch (IOException e) {
            close(store);
            throw e;
        }
    }

    private static void close(DataStore store) {
        try {
            store.close();
        } catch (DataStoreException ignored) {
            // the failure being reported matters more
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static GridCoverageResource firstImage(Resource resource) throws DataStoreException {
        if (resource instanceof GridCoverageResource image) {
            return image;
        }
        if (resource instanceof Aggregate aggregate) {
            for (Resource child : aggregate.components()) {
                GridCoverageResource image = firstImage(child);
                if (image != null) {
                    return image;
                }
            }
        }
        return null;
    }

    /** GDAL's geotransform from the grid's corner-based affine map of the two image dimensions. */
    private static GeoTransform geoTransform(GridGeometry grid, int xDim, int yDim, String name) throws IOException {
        if (!grid.isDefined(GridGeometry.GRID_TO_CRS)) {
            throw new IOException(name + " has no georeferencing (no world file, or no coordinate variables)");
        }
        if (!(grid.getGridToCRS(PixelInCell.CELL_CORNER) instanceof LinearTransform linear)) {
            throw new IOException(name + " is not on a regular grid of its coordinate reference system as it is "
                    + "read here (uneven coordinates, or a projected NetCDF grid), which RasterDesk cannot warp; "
                    + "convert it to GeoTIFF with gdal_translate first");
        }
        Matrix m = linear.getMatrix();
        int last = m.getNumCol() - 1;
        // The CRS's first two axes are the horizontal ones; GDAL's geotransform maps to easting, then northing.
        int rowX = 0;
        int rowY = 1;
        if (grid.isDefined(GridGeometry.CRS)) {
            var first = grid.getCoordinateReferenceSystem().getCoordinateSystem().getAxis(0).getDirection();
            if (first == org.opengis.referencing.cs.AxisDirection.NORTH
                    || first == org.opengis.referencing.cs.AxisDirection.SOUTH) {
                rowX = 1;
                rowY = 0;
            }
        }
        return new GeoTransform(m.getElement(rowX, last), m.getElement(rowX, xDim), m.getElement(rowX, yDim),
                m.getElement(rowY, last), m.getElement(rowY, xDim), m.getElement(rowY, yDim));
    }

    private static CrsResolver.Resolved crs(GridGeometry grid, CrsResolver.Resolved override) {
        if (grid.isDefined(GridGeometry.CRS)) {
            CoordinateReferenceSystem crs = grid.getCoordinateReferenceSystem();
            CoordinateReferenceSystem horizontal = CRS.getHorizontalComponent(crs);
            return CrsResolver.of(horizontal != null ? horizontal : crs);
        }
        return override != null ? override : new CrsResolver.Resolved(null, null, null);
    }

    /** The stored value a band marks no data with: its fill value (NetCDF) or NODATA_value (ASCII grid). */
    private static Double nodata(SampleDimension s, boolean converted) {
        SampleDimension stored = s.forConvertedValues(converted);
        if (!stored.getNoDataValues().isEmpty()) {
            return stored.getNoDataValues().iterator().next().doubleValue();
        }
        return stored.getBackground().map(Number::doubleValue).orElse(null);
    }

    private static PixelType pixelType(GridCoverageResource resource, int[] low, boolean converted, String name)
            throws DataStoreException, IOException {
        // The data type of the stored samples, from a one-pixel read (stores decode lazily or cheaply for it).
        long[] lo = new long[low.length];
        long[] hi = new long[low.length];
        for (int d = 0; d < low.length; d++) {
            lo[d] = low[d];
            hi[d] = low[d];
        }
        GridCoverage coverage = resource.read(null).forConvertedValues(converted);
        RenderedImage image = coverage.render(new GridExtent(null, lo, hi, true));
        int type = image.getSampleModel().getDataType();
        return switch (type) {
            case DataBuffer.TYPE_BYTE -> PixelType.BYTE;
            case DataBuffer.TYPE_USHORT -> PixelType.UINT16;
            case DataBuffer.TYPE_SHORT -> PixelType.INT16;
            case DataBuffer.TYPE_INT -> PixelType.INT32;
            case DataBuffer.TYPE_FLOAT -> PixelType.FLOAT32;
            case DataBuffer.TYPE_DOUBLE -> PixelType.FLOAT64;
            default -> throw new IOException(name + " has samples of a type RasterDesk does not read (" + type + ")");
        };
    }

    @Override
    public RasterInfo info() {
        return info;
    }

    @Override
    public double[][] read(int x, int y, int width, int height) throws IOException {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x > info.width() - width || y > info.height() - height) {
            throw new IllegalArgumentException("window " + x + "," + y + " " + width + "×" + height
                    + " is not inside the raster of " + info.width() + "×" + info.height());
        }
        Raster all = decoded();
        double[][] out = new double[info.bandCount()][width * height];
        Rectangle window = new Rectangle(all.getMinX() + x, all.getMinY() + y, width, height);
        double[] row = new double[width];
        for (int b = 0; b < out.length; b++) {
            for (int r = 0; r < height; r++) {
                int stored = flipped ? all.getMinY() + info.height() - 1 - (y + r) : window.y + r;
                all.getSamples(window.x, stored, width, 1, b, row);
                System.arraycopy(row, 0, out[b], r * width, width);
            }
            Double nd = info.nodata(b);
            if (nd != null && info.pixelType() == PixelType.FLOAT32 && (double) (float) (double) nd != nd) {
                // A double fill value the float samples hold rounded: the contract is the declared value.
                float stored = (float) (double) nd;
                double[] band = out[b];
                for (int i = 0; i < band.length; i++) {
                    if (band[i] == stored) {
                        band[i] = nd;
                    }
                }
            }
        }
        return out;
    }

    /** The whole first slice, decoded once: these stores decode images as a whole anyway. */
    private Raster decoded() throws IOException {
        if (decoded == null) {
            try {
                GridCoverage coverage = resource.read(null).forConvertedValues(converted);
                long[] lo = new long[sliceLow.length];
                long[] hi = new long[sliceLow.length];
                GridExtent extent = coverage.getGridGeometry().getExtent();
                for (int d = 0; d < lo.length; d++) {
                    lo[d] = d == xDim || d == yDim ? extent.getLow(d) : sliceLow[d];
                    hi[d] = d == xDim || d == yDim ? extent.getHigh(d) : sliceLow[d];
                }
                RenderedImage image = coverage.render(new GridExtent(null, lo, hi, true));
                decoded = image.getData();
            } catch (DataStoreException | RuntimeException | OutOfMemoryError e) {
                throw new IOException("The " + info.width() + "×" + info.height() + " raster cannot be decoded: "
                        + oneLine(e), e);
            }
        }
        return decoded;
    }

    @Override
    public void close() throws IOException {
        decoded = null;
        try {
            store.close();
        } catch (DataStoreException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
