package org.rasterdesk.raster;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The nodata value GDAL reads from a PNG's transparent colour (its tRNS chunk): the grey level, each band's
 * component of the RGB colour, or the first fully transparent palette index.
 */
final class PngTransparency {

    private static final int MAX_CHUNKS = 64;

    private PngTransparency() {
    }

    /** Per band the nodata value, or null when the file is no PNG or has no transparent colour. */
    static List<Double> nodata(Path file, int bands) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            byte[] signature = in.readNBytes(8);
            if (signature.length < 8 || (signature[0] & 0xFF) != 0x89 || signature[1] != 'P') {
                return null;
            }
            int colorType = -1;
            for (int i = 0; i < MAX_CHUNKS; i++) {
                int length = in.readInt();
                String type = new String(in.readNBytes(4), java.nio.charset.StandardCharsets.ISO_8859_1);
                if (length < 0 || length > 1 << 20 || type.equals("IDAT") || type.equals("IEND")) {
                    return null;
                }
                byte[] data = in.readNBytes(length);
                in.readInt();  // CRC
                if (type.equals("IHDR") && data.length >= 10) {
                    colorType = data[9];
                } else if (type.equals("tRNS")) {
                    return fromChunk(colorType, data, bands);
                }
            }
        } catch (java.io.EOFException e) {
            return null;
        }
        return null;
    }

    private static List<Double> fromChunk(int colorType, byte[] data, int bands) {
        if (colorType == 0 && data.length >= 2) {
            return Collections.nCopies(bands, (double) u16(data, 0));
        }
        if (colorType == 2 && data.length >= 6 && bands >= 3) {
            List<Double> out = new ArrayList<>();
            for (int b = 0; b < bands; b++) {
                out.add(b < 3 ? (double) u16(data, 2 * b) : null);
            }
            return out;
        }
        if (colorType == 3) {
            for (int i = 0; i < data.length; i++) {
                if (data[i] == 0) {
                    return Collections.nCopies(bands, (double) i);
                }
            }
        }
        return null;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }
}
