package org.rasterdesk.raster.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * Reads one strip or tile from the file and turns it into samples: decompress, undo the predictor, convert
 * to doubles. The decoded size is always the block's declared size, whatever the compressed stream holds.
 */
public final class BlockDecoder {

    private final TiffInput input;
    private final TiffLayout layout;
    private final int bytesPerSample;
    private final int bandsPerBlock;
    private final double sparseFill;
    /** One array a thread, whatever file it decodes: a long-lived thread keeps one block's bytes at most. */
    private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();
    /** Larger blocks (a whole image in one strip, say) get an array of their own, not kept by the thread. */
    private static final int MAX_SCRATCH_BYTES = 4 << 20;

    /** @param sparseFill the value of pixels in blocks the file does not store (GDAL: nodata, else 0) */
    public BlockDecoder(TiffInput input, TiffLayout layout, double sparseFill) {
        this.sparseFill = sparseFill;
        this.input = input;
        this.layout = layout;
        // Bytes a sample takes after decompression (before unpacking bits or widening half floats).
        this.bytesPerSample = Math.max(1, layout.sampleType.storedBits() / 8);
        this.bandsPerBlock = layout.planar ? 1 : layout.samplesPerPixel;
    }

    /** Decodes block {@code index} (in TIFF order: plane, then block row, then block column). */
    public Block decode(int index) throws IOException {
        return decode(index, null);
    }

    /**
     * As {@link #decode(int)}, into the sample arrays of {@code reuse} where they have the block's size: a block the
     * caller is done with and that no one else reads (not one of a cache), or null.
     */
    public Block decode(int index, Block reuse) throws IOException {
        int blockRow = (index % (layout.blocksAcross * layout.blocksDown)) / layout.blocksAcross;
        int width = layout.blockWidth;
        int rows = layout.storedRows(blockRow);
        int rowSamples = width * bandsPerBlock;
        long offset = layout.offsets[index];
        long count = layout.byteCounts[index];
        int rawBytes = Math.toIntExact(layout.storedBytes(width, rows, bandsPerBlock));
        // A block the file stores is decoded into this thread's array of last time where decompression fills every
        // byte or fails; the samples are copied out of it below. Other blocks start from zeros.
        byte[] raw = count > 0 && offset > 0 && rawBytes <= MAX_SCRATCH_BYTES
                && TiffCodecs.countsWrittenBytes(layout.compression) ? scratch(rawBytes) : new byte[rawBytes];
        ByteOrder order = input.order();
        if (count > 0 && offset > 0) {
            // No codec we read expands data by more than half (LZW's 12-bit codes for 8-bit input are the worst),
            // so a larger byte count is damage, and must not make us allocate it.
            if (count > 2L * raw.length + (1 << 20)) {
                throw new IOException(layout.name() + " is damaged: block " + index + " declares " + count
                        + " bytes of data for " + raw.length + " bytes of pixels");
            }
            ByteBuffer src = input.read(offset, (int) count);
            byte[] data = src.hasArray() && src.arrayOffset() == 0 && src.position() == 0
                    && src.remaining() == src.array().length ? src.array() : copyOf(src);
            decompress(data, raw, width, rows, index, order);
            if (layout.predictor == 3 && bandsPerBlock == 1 && layout.pixelType == PixelType.FLOAT32
                    && bytesPerSample == Float.BYTES) {
                float[][] out = SampleConverter.floats(reuse, 1, width * rows);
                Predictors.floatingPointFloats(raw, rows, width, out[0]);
                return new Block(width, rows, out, null);
            }
            if (layout.predictor == 2) {
                Predictors.horizontal(raw, rows, rowSamples, bandsPerBlock, bytesPerSample, order);
            } else if (layout.predictor == 3) {
                Predictors.floatingPoint(raw, rows, rowSamples, bandsPerBlock, bytesPerSample);
                order = ByteOrder.BIG_ENDIAN;
            }
        }
        TiffSampleType type = layout.sampleType;
        if (type.packed()) {
            raw = SampleConverter.unpack(raw, rowSamples, rows, type.storedBits(), layout.pixelType);
            order = ByteOrder.BIG_ENDIAN;
        } else if (type.half()) {
            raw = SampleConverter.halfToFloat(raw, order);
            order = ByteOrder.BIG_ENDIAN;
        }
        Block block = SampleConverter.toBlock(raw, width, rows, bandsPerBlock, layout.pixelType, order, reuse);
        if (count <= 0 || offset <= 0) {
            block.fill(sparseFill);
        }
        return block;
    }

    private static byte[] copyOf(ByteBuffer src) {
        byte[] data = new byte[src.remaining()];
        src.get(data);
        return data;
    }

    /**
     * The calling thread's array for decompressed blocks, of exactly {@code size} bytes (codecs and predictors take
     * the array's length as the block's). A parse decodes every block of the file once or twice on a few threads:
     * a new array per block was a quarter of the Lisbon benchmark parse's allocation, and young collections came
     * as often as the allocation filled the young generation.
     */
    private static byte[] scratch(int size) {
        byte[] kept = SCRATCH.get();
        if (kept == null || kept.length != size) {
            kept = new byte[size];
            SCRATCH.set(kept);
        }
        return kept;
    }

    private void decompress(byte[] data, byte[] raw, int width, int rows, int index, ByteOrder order)
            throws IOException {
        int n;
        try {
            n = TiffCodecs.decompress(layout, data, raw, width, rows, bandsPerBlock, order);
        } catch (IOException e) {
            throw new IOException(layout.name() + " is damaged: block " + index + " cannot be decoded: "
                    + e.getMessage(), e);
        }
        if (n < raw.length) {
            throw new IOException(layout.name() + " is damaged: block " + index + " holds " + n
                    + " bytes of pixels where " + raw.length + " were expected");
        }
    }
}
