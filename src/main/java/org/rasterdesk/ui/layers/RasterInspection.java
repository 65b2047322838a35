package org.rasterdesk.ui.layers;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.BitSet;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.parse.RasterProbe;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.raster.RasterReader;

/**
 * Looks at a file given to the window (dropped or chosen) before a layer is made of it: whether it is a raster at
 * all, and which datatype its values suggest. Reads the header and a sample of rows only; runs off the FX thread.
 */
final class RasterInspection {

    /** Byte data with at most this many distinct values in the sample is taken for classes, not measurements. */
    static final int MAX_CATEGORIES = 32;
    /** Rows read for the sample, spread evenly over the raster. */
    private static final int SAMPLE_ROWS = 64;

    private RasterInspection() {
    }

    /**
     * A new, unstored layer for the file, named after it; fails with a sentence when the file is no raster. The file
     * is looked at through the same source handling and readers as a parse (a zip is unpacked the same way).
     */
    static RasterLayer layerFor(Path file) throws IOException {
        DataType datatype = RasterProbe.look(file, RasterInspection::guessDatatype);
        return RasterLayer.create(nameOf(file.getFileName().toString())).withDatatype(datatype)
                .withSourceUrl(file.toAbsolutePath().toUri().toString());
    }

    /** A new, unstored layer for a URL: continuous until its file can be looked at. */
    static RasterLayer layerFor(String url) throws IOException {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("\"" + url + "\" is not a URL");
        }
        if (uri.getScheme() == null || uri.getPath() == null) {
            throw new IOException("\"" + url + "\" is not a URL of a file");
        }
        String path = uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        String name = last.isEmpty() ? uri.getHost() : nameOf(last);
        return RasterLayer.create(name).withSourceUrl(uri.toString());
    }

    /** The file name without its raster extension, cut to the 100 characters of the name column. */
    static String nameOf(String fileName) {
        String extensions = "(?i)\\.(tiff?|gtiff|geotiff|png|jpe?g|gif|bmp|asc|jp2|j2k|nc4?|cdf|zip)$";
        String name = fileName.replaceFirst(extensions, "").replaceFirst(extensions, "");
        return name.length() > 100 ? name.substring(0, 100) : name;
    }

    /**
     * Categorical for Byte data with few distinct values (land cover classes, masks), else continuous. Mask and
     * rank ordered cannot be told from the values; the user changes the guess in the layer's form.
     */
    static DataType guessDatatype(RasterReader reader) throws IOException {
        RasterInfo info = reader.info();
        if (info.pixelType() != PixelType.BYTE) {
            return DataType.CONTINUOUS;
        }
        BitSet seen = new BitSet(256);
        int rows = Math.min(SAMPLE_ROWS, info.height());
        for (int i = 0; i < rows; i++) {
            int y = (int) ((long) i * info.height() / rows);
            for (double v : reader.read(0, y, info.width(), 1)[0]) {
                if (!info.isNodata(0, v)) {
                    seen.set((int) v);
                }
            }
            if (seen.cardinality() > MAX_CATEGORIES) {
                return DataType.CONTINUOUS;
            }
        }
        return DataType.CATEGORICAL;
    }
}
