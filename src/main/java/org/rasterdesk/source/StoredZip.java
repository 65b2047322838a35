package org.rasterdesk.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;

/**
 * A raster kept zipped with its side files ({@link SideFileZip}), read in the database by ranges: the raster's bytes
 * where they lie in the zip (it goes in as it is), the side files whole. A header is then read without copying the
 * raster out, as it is for a raster kept alone.
 */
public final class StoredZip {

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_DIRECTORY = 0x06054b50;
    /** The end record and the longest comment it may be followed by. */
    private static final int END_SEARCH = 22 + 0xFFFF;

    private record Entry(String name, int method, long compressedSize, long size, long localHeader) {
    }

    private final SourceFileStore.StoredBytes bytes;
    private final Entry raster;
    private final List<Entry> sideFiles;

    private StoredZip(SourceFileStore.StoredBytes bytes, Entry raster, List<Entry> sideFiles) {
        this.bytes = bytes;
        this.raster = raster;
        this.sideFiles = sideFiles;
    }

    /**
     * The stored bytes as a raster zipped with its side files as {@link SideFileZip} writes it: the raster first, as
     * it is, then files that travel with it. Empty for any other file (a raster kept alone, a zip the user gave, a
     * zip too large for this reading, whose sizes sit in a ZIP64 record).
     */
    public static Optional<StoredZip> of(SourceFileStore.StoredBytes bytes) throws IOException {
        long size = bytes.size();
        if (size < 22 || le(bytes.read(0, 4)).getInt(0) != LOCAL_HEADER) {
            return Optional.empty();
        }
        int tailLength = (int) Math.min(size, END_SEARCH);
        ByteBuffer tail = le(bytes.read(size - tailLength, tailLength));
        int end = -1;
        for (int i = tail.limit() - 22; i >= 0; i--) {
            if (tail.getInt(i) == END_OF_DIRECTORY) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return Optional.empty();
        }
        int count = tail.getShort(end + 10) & 0xFFFF;
        long directorySize = tail.getInt(end + 12) & 0xFFFFFFFFL;
        long directoryOffset = tail.getInt(end + 16) & 0xFFFFFFFFL;
        if (count == 0xFFFF || directoryOffset == 0xFFFFFFFFL || directorySize > Integer.MAX_VALUE
                || directoryOffset + directorySize > size) {
            return Optional.empty();
        }
        ByteBuffer directory = le(bytes.read(directoryOffset, (int) directorySize));
        List<Entry> entries = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < count; i++) {
            if (at + 46 > directory.limit() || directory.getInt(at) != CENTRAL_HEADER) {
                return Optional.empty();
            }
            int nameLength = directory.getShort(at + 28) & 0xFFFF;
            int extraLength = directory.getShort(at + 30) & 0xFFFF;
            int commentLength = directory.getShort(at + 32) & 0xFFFF;
            if (at + 46 + nameLength > directory.limit()) {
                return Optional.empty();
            }
            byte[] name = new byte[nameLength];
            directory.get(at + 46, name);
            entries.add(new Entry(new String(name, StandardCharsets.UTF_8),
                    directory.getShort(at + 10) & 0xFFFF, directory.getInt(at + 20) & 0xFFFFFFFFL,
                    directory.getInt(at + 24) & 0xFFFFFFFFL, directory.getInt(at + 42) & 0xFFFFFFFFL));
            at += 46 + nameLength + extraLength + commentLength;
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Entry raster = entries.get(0);
        List<Entry> sideFiles = entries.subList(1, entries.size());
        if (raster.method() != ZipEntry.STORED || !RasterFileNames.isRaster(raster.name())
                || raster.size() == 0xFFFFFFFFL
                || !sideFiles.stream().allMatch(e -> RasterFileNames.travelsWith(raster.name(), e.name()))) {
            return Optional.empty();
        }
        return Optional.of(new StoredZip(bytes, raster, List.copyOf(sideFiles)));
    }

    /** The raster's name, safe for a local file. */
    public String rasterName() {
        return SafeFileName.of(raster.name());
    }

    /** The raster's bytes, read where they lie in the zip. */
    public SourceFileStore.StoredBytes raster() throws IOException {
        long start = dataOffset(raster);
        long size = raster.size();
        return new SourceFileStore.StoredBytes() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public byte[] read(long offset, int count) throws IOException {
                int n = (int) Math.max(0, Math.min(count, size - offset));
                return bytes.read(start + offset, n);
            }
        };
    }

    /**
     * Writes each side file whole into {@code folder}, under its own name, as unzipping the zip does.
     *
     * @return false, with nothing written, when a side file is larger than {@code maxBytes}
     */
    public boolean copySideFiles(Path folder, long maxBytes) throws IOException {
        for (Entry e : sideFiles) {
            if (e.size() > maxBytes || e.compressedSize() > maxBytes) {
                return false;
            }
        }
        for (Entry e : sideFiles) {
            byte[] stored = bytes.read(dataOffset(e), (int) e.compressedSize());
            Files.write(folder.resolve(SafeFileName.of(e.name())), e.method() == ZipEntry.STORED ? stored
                    : inflate(stored, e));
        }
        return true;
    }

    private long dataOffset(Entry e) throws IOException {
        ByteBuffer local = le(bytes.read(e.localHeader(), 30));
        if (local.limit() < 30 || local.getInt(0) != LOCAL_HEADER) {
            throw new IOException("The stored zip's entry " + e.name() + " has no local header where its directory "
                    + "says.");
        }
        return e.localHeader() + 30 + (local.getShort(26) & 0xFFFF) + (local.getShort(28) & 0xFFFF);
    }

    private static byte[] inflate(byte[] deflated, Entry e) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            byte[] out = new byte[(int) e.size()];
            int n = 0;
            while (n < out.length && !inflater.finished()) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != out.length) {
                throw new IOException("The stored zip's entry " + e.name() + " is damaged.");
            }
            return out;
        } catch (DataFormatException ex) {
            throw new IOException("The stored zip's entry " + e.name() + " is damaged: " + ex.getMessage(), ex);
        } finally {
            inflater.end();
        }
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
