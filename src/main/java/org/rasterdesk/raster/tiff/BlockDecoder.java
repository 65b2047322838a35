package org.rasterdesk.raster.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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
        int blockRow = (index % (layout.blocksAcross * layout.blocksDown)) / layout.blocksAcross;
        int width = layout.blockWidth;
        int rows = layout.storedRows(blockRow);
        int rowSamples = width * bandsPerBlock;
        byte[] raw = new byte[Math.toIntExact(layout.storedBytes(width, rows, bandsPerBlock))];
        long offset = layout.offsets[index];
        long count = layout.byteCounts[index];
        ByteOrder order = input.order();
        if (count > 0 && offset > 0) {
            // No codec we read expands data by more than half (LZW's 12-bit codes for 8-bit input are the worst),
            // so a larger byte count is damage, and must not make us allocate it.
            if (count > 2L * raw.length + (1 << 20)) {
                throw new IOException(layout.name() + " is damaged: block " + index + " declares " + count
                        + " bytes of data for " + raw.length + " bytes of pixels");
            }
            ByteBuffer src = input.read(offset, (int) count);
            byte[] data = new byte[src.remaining()];
            src.get(data);
            decompress(data, raw, width, rows, index, order);
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
        Block block = SampleConverter.toBlock(raw, width, rows, bandsPerBlock, layout.pixelType, order);
        if (count <= 0 || offset <= 0) {
            block.fill(sparseFill);
        }
        return block;
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
