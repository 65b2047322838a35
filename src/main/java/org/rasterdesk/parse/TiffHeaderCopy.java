package org.rasterdesk.parse;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rasterdesk.source.SourceFileStore;

/**
 * A copy of a stored TIFF's header for reading its metadata without copying the file out of the database: a sparse
 * file of the TIFF's size holding only the bytes its directories take (the header, every directory of the chain and
 * the values they point to: offsets, geokeys, colour maps), the pixel data left as holes. The readers read nothing
 * else to open a raster, so a pre-flight reads a few kilobytes of a file of gigabytes.
 */
final class TiffHeaderCopy {

    /** Directories followed at most (image, mask, overviews): as many as the GeoTIFF reader looks at. */
    private static final int MAX_DIRECTORIES = 64;
    /** Bytes of one value array read at most, so that a damaged count cannot make the copy the whole file. */
    private static final long MAX_VALUE_BYTES = 64L << 20;

    private TiffHeaderCopy() {
    }

    /**
     * Writes the header's bytes of the stored file into {@code target}, at their offsets.
     *
     * @return the bytes read from the database, or -1 when the file is no TIFF (nothing is written then)
     */
    static long copy(SourceFileStore.StoredBytes bytes, Path target) throws IOException {
        long size = bytes.size();
        byte[] head = bytes.read(0, 16);
        if (head.length < 8 || !(head[0] == 'I' && head[1] == 'I' || head[0] == 'M' && head[1] == 'M')) {
            return -1;
        }
        ByteOrder order = head[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer h = ByteBuffer.wrap(head).order(order);
        int magic = h.getShort(2) & 0xFFFF;
        boolean big = magic == 43;
        if (magic != 42 && !(big && head.length == 16)) {
            return -1;
        }
        List<long[]> ranges = new ArrayList<>();
        ranges.add(new long[] {0, head.length});
        long ifd = big ? h.getLong(8) : h.getInt(4) & 0xFFFFFFFFL;
        int countBytes = big ? 8 : 2;
        int entryBytes = big ? 20 : 12;
        int valueBytes = big ? 8 : 4;
        for (int d = 0; d < MAX_DIRECTORIES && ifd > 0 && ifd + countBytes <= size; d++) {
            ByteBuffer countBuffer = ByteBuffer.wrap(bytes.read(ifd, countBytes)).order(order);
            long entries = big ? countBuffer.getLong(0) : countBuffer.getShort(0) & 0xFFFF;
            long length = countBytes + entries * entryBytes + valueBytes;
            if (entries <= 0 || entries > 10_000 || ifd + length > size) {
                break;
            }
            ByteBuffer dir = ByteBuffer.wrap(bytes.read(ifd, (int) length)).order(order);
            ranges.add(new long[] {ifd, length});
            for (int e = 0; e < entries; e++) {
                int at = countBytes + e * entryBytes;
                int type = dir.getShort(at + 2) & 0xFFFF;
                long count = big ? dir.getLong(at + 4) : dir.getInt(at + 4) & 0xFFFFFFFFL;
                long valueSize = count * typeSize(type);
                if (valueSize > valueBytes && valueSize <= MAX_VALUE_BYTES) {
                    long offset = big ? dir.getLong(at + 12) : dir.getInt(at + 8) & 0xFFFFFFFFL;
                    if (offset >= 0 && offset + valueSize <= size) {
                        ranges.add(new long[] {offset, valueSize});
                    }
                }
            }
            ifd = big ? dir.getLong((int) length - 8) : dir.getInt((int) length - 4) & 0xFFFFFFFFL;
        }
        long total = 0;
        try (RandomAccessFile out = new RandomAccessFile(target.toFile(), "rw")) {
            out.setLength(size);
            for (long[] range : ranges) {
                for (long done = 0; done < range[1]; ) {
                    int chunk = (int) Math.min(1 << 20, range[1] - done);
                    byte[] part = bytes.read(range[0] + done, chunk);
                    out.seek(range[0] + done);
                    out.write(part);
                    total += part.length;
                    done += chunk;
                    if (part.length < chunk) {
                        break;
                    }
                }
            }
        }
        return total;
    }

    /** Bytes per value of a TIFF field type; 1 for types this does not know (their values are read as bytes). */
    private static int typeSize(int type) {
        return switch (type) {
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 1;
        };
    }
}
