package org.rasterdesk.raster.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The header of a classic or BigTIFF file and its first image directory (the full-resolution image). */
public final class TiffStructure {

    private TiffStructure() {
    }

    /** Reads the header and the first IFD, failing with one sentence when the file is not a TIFF. */
    public static Ifd firstImage(TiffInput input) throws IOException {
        String name = String.valueOf(input.file().getFileName());
        if (input.length() < 8) {
            throw new IOException(name + " is not a TIFF file: it is only " + input.length() + " bytes long");
        }
        ByteBuffer head = input.read(0, 8);
        byte b0 = head.get(0);
        byte b1 = head.get(1);
        if (b0 == 'I' && b1 == 'I') {
            input.order(ByteOrder.LITTLE_ENDIAN);
        } else if (b0 == 'M' && b1 == 'M') {
            input.order(ByteOrder.BIG_ENDIAN);
        } else {
            throw new IOException(name + " is not a TIFF file (no TIFF signature)");
        }
        head = input.read(0, 8);
        int magic = Short.toUnsignedInt(head.getShort(2));
        long ifdOffset;
        boolean bigTiff;
        if (magic == 42) {
            bigTiff = false;
            ifdOffset = Integer.toUnsignedLong(head.getInt(4));
        } else if (magic == 43) {
            bigTiff = true;
            ByteBuffer big = input.read(0, 16);
            if (big.getShort(4) != 8) {
                throw new IOException(name + " is a damaged BigTIFF file (offset size is not 8)");
            }
            ifdOffset = big.getLong(8);
        } else {
            throw new IOException(name + " is not a TIFF file (version " + magic + ")");
        }
        if (ifdOffset < 8 || ifdOffset >= input.length()) {
            throw new IOException(name + " is truncated or damaged: its first image directory is missing");
        }
        Ifd first = Ifd.read(input, ifdOffset, bigTiff);
        input.bigTiff(bigTiff);
        return first;
    }

    /** The most image directories looked through for a mask: a COG has one per overview and mask level. */
    private static final int MAX_DIRECTORIES = 64;
    private static final int NEW_SUBFILE_TYPE = 254;
    private static final int REDUCED = 1;
    private static final int MASK = 4;

    /**
     * The full-resolution transparency mask of the image {@code first} (GDAL's internal mask: a later directory of
     * subfile type "mask", the image's size), or null. A damaged chain of directories just means no mask.
     */
    public static Ifd internalMask(TiffInput input, Ifd first, long width, long height) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        long next = first.nextIfdOffset();
        try {
            for (int i = 0; i < MAX_DIRECTORIES && next >= 8 && next < input.length() && seen.add(next); i++) {
                Ifd ifd = Ifd.read(input, next, input.bigTiff());
                long type = ifd.longValue(NEW_SUBFILE_TYPE, 0);
                if ((type & MASK) != 0 && (type & REDUCED) == 0 && ifd.longValue(256, -1) == width
                        && ifd.longValue(257, -1) == height) {
                    return ifd;
                }
                next = ifd.nextIfdOffset();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
