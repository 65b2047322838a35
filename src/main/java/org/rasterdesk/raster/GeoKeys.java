package org.rasterdesk.raster;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.rasterdesk.raster.tiff.Ifd;

/** The GeoTIFF key directory (tag 34735 and its double and ASCII parameter tags) as key → value. */
final class GeoKeys {

    static final int MODEL_TYPE = 1024;
    static final int RASTER_TYPE = 1025;
    static final int GEOGRAPHIC_TYPE = 2048;
    static final int PROJECTED_TYPE = 3072;
    static final int USER_DEFINED = 32767;
    static final int RASTER_PIXEL_IS_POINT = 2;

    private final Map<Integer, Object> values = new HashMap<>();

    private GeoKeys() {
    }

    /** The keys of the image, empty when the file has no key directory. */
    static GeoKeys read(Ifd ifd) throws IOException {
        GeoKeys keys = new GeoKeys();
        long[] dir = ifd.longs(34735);
        if (dir == null || dir.length < 4) {
            return keys;
        }
        double[] doubles = ifd.doubles(34736);
        String ascii = ifd.string(34737);
        int n = (int) Math.min(dir[3], (dir.length - 4) / 4);
        for (int i = 0; i < n; i++) {
            int key = (int) dir[4 + i * 4];
            int location = (int) dir[5 + i * 4];
            int count = (int) dir[6 + i * 4];
            int offset = (int) dir[7 + i * 4];
            if (location == 0) {
                keys.values.put(key, (int) offset);
            } else if (location == 34736 && doubles != null && offset + count <= doubles.length && count > 0) {
                keys.values.put(key, doubles[offset]);
            } else if (location == 34737 && ascii != null && offset + count <= ascii.length() + 1) {
                keys.values.put(key, ascii.substring(offset, Math.min(ascii.length(), offset + count)));
            }
        }
        return keys;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    int integer(int key, int defaultValue) {
        return values.get(key) instanceof Integer i ? i : defaultValue;
    }

    /** The EPSG code of the image's CRS when the keys name one (not user-defined), else 0. */
    int epsgCode() {
        int model = integer(MODEL_TYPE, 0);
        int projected = integer(PROJECTED_TYPE, 0);
        int geographic = integer(GEOGRAPHIC_TYPE, 0);
        if (model == 1 || (model == 0 && projected != 0)) {
            return isCode(projected) ? projected : 0;
        }
        if (model == 2) {
            return isCode(geographic) ? geographic : 0;
        }
        return 0;
    }

    private static boolean isCode(int code) {
        return code > 0 && code < USER_DEFINED;
    }
}
