package org.rasterdesk.raster.tiff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * GDAL's transparency masks of a GeoTIFF: a mask image inside the file (GDAL_TIFF_INTERNAL_MASK) or in a
 * {@code .msk} file beside it, one for all bands (per dataset) or one per band; 0 hides a pixel.
 */
public final class TiffMasks {

    private TiffMasks() {
    }

    /** The {@code .msk} file beside the raster, opened, or null when there is none. */
    public static TiffInput externalFile(Path raster) throws IOException {
        Path name = raster.getFileName();
        if (name == null) {
            return null;
        }
        for (String suffix : new String[] {".msk", ".MSK"}) {
            Path msk = raster.resolveSibling(name + suffix);
            if (Files.isRegularFile(msk)) {
                return new TiffInput(msk);
            }
        }
        return null;
    }

    /** The mask's layout, checked to cover the image pixel for pixel. */
    public static TiffLayout layout(Ifd ifd, TiffInput input, TiffLayout image) throws IOException {
        TiffLayout mask = new TiffLayout(ifd, input);
        if (mask.width() != image.width() || mask.height() != image.height()
                || mask.pixelType() != PixelType.BYTE
                || (mask.samplesPerPixel() != 1 && mask.samplesPerPixel() != image.samplesPerPixel())) {
            throw new IOException(input.file().getFileName() + " has a mask that does not fit its image ("
                    + mask.width() + " × " + mask.height() + ", " + mask.samplesPerPixel() + " band(s) of "
                    + mask.pixelType() + ")");
        }
        return mask;
    }
}
