package org.rasterdesk.raster.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Positional reads of a TIFF file that fail with a clear message when the file ends too early. */
public final class TiffInput implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final long length;
    private ByteOrder order = ByteOrder.BIG_ENDIAN;
    private boolean bigTiff;

    public TiffInput(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.length = channel.size();
    }

    public Path file() {
        return file;
    }

    public long length() {
        return length;
    }

    public ByteOrder order() {
        return order;
    }

    void order(ByteOrder order) {
        this.order = order;
    }

    boolean bigTiff() {
        return bigTiff;
    }

    void bigTiff(boolean bigTiff) {
        this.bigTiff = bigTiff;
    }

    /** Reads exactly {@code count} bytes at {@code position}, in the file's byte order. */
    public ByteBuffer read(long position, int count) throws IOException {
        if (position < 0 || count < 0 || position > length || count > length - position) {
            throw new IOException(file.getFileName() + " is truncated or damaged: " + count + " bytes at offset "
                    + position + " lie beyond its end (" + length + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.allocate(count).order(order);
        long pos = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, pos);
            if (n < 0) {
                throw new IOException(file.getFileName() + " ended unexpectedly at offset " + pos);
            }
            pos += n;
        }
        return buffer.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
