package org.rasterdesk.raster.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads one strip or tile from the file and turns it into samples: decompress, undo the predictor, convert
 * to doubles. The decoded size is always the block's declared size, whatever the compressed stream holds.
 */
public final class BlockDecoder {

    /** The samples of one block, per band of the block, each {@code width × rows} in row order. */
    public record Block(int width, int rows, double[][] samples) {
        long bytes() {
            return (long) samples.length * width * rows * 8;
        }
    }

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
        this.bytesPerSample = layout.pixelType.bytes();
        this.bandsPerBlock = layout.planar ? 1 : layout.samplesPerPixel;
    }

    /** Decodes block {@code index} (in TIFF order: plane, then block row, then block column). */
    public Block decode(int index) throws IOException {
        int blockRow = (index % (layout.blocksAcross * layout.blocksDown)) / layout.blocksAcross;
        int width = layout.blockWidth;
        int rows = layout.storedRows(blockRow);
        int rowSamples = width * bandsPerBlock;
        byte[] raw = new byte[Math.toIntExact((long) rowSamples * rows * bytesPerSample)];
        long offset = layout.offsets[index];
        long count = layout.byteCounts[index];
        ByteOrder order = input.order();
        if (count > 0 && offset > 0) {
            if (count > Integer.MAX_VALUE - 16) {
                throw new IOException(layout.name() + " is damaged: a block declares " + count + " bytes");
            }
            ByteBuffer src = input.read(offset, (int) count);
            byte[] data = new byte[src.remaining()];
            src.get(data);
            decompress(data, raw, width, rows, index);
            if (layout.predictor == 2) {
                Predictors.horizontal(raw, rows, rowSamples, bandsPerBlock, bytesPerSample, order);
            } else if (layout.predictor == 3) {
                Predictors.floatingPoint(raw, rows, rowSamples, bandsPerBlock, bytesPerSample);
                order = ByteOrder.BIG_ENDIAN;
            }
        }
        double[][] samples = toSamples(raw, width, rows, order);
        if (count <= 0 || offset <= 0) {
            for (double[] band : samples) {
                Arrays.fill(band, sparseFill);
            }
        }
        return new Block(width, rows, samples);
    }

    private void decompress(byte[] data, byte[] raw, int width, int rows, int index) throws IOException {
        int n;
        try {
            n = switch (layout.compression) {
                case TiffLayout.COMPRESSION_NONE -> {
                    int len = Math.min(data.length, raw.length);
                    System.arraycopy(data, 0, raw, 0, len);
                    yield len;
                }
                case TiffLayout.COMPRESSION_LZW -> Decompressors.lzw(data, raw);
                case TiffLayout.COMPRESSION_ADOBE_DEFLATE, TiffLayout.COMPRESSION_DEFLATE ->
                        Decompressors.inflate(data, raw);
                case TiffLayout.COMPRESSION_PACKBITS -> Decompressors.packBits(data, raw);
                case TiffLayout.COMPRESSION_JPEG -> {
                    JpegBlocks.decode(data, layout.jpegTables, width, rows, bandsPerBlock,
                            layout.photometric == 6, raw);
                    yield raw.length;
                }
                default -> throw new IOException("unsupported compression " + layout.compression);
            };
        } catch (IOException e) {
            throw new IOException(layout.name() + " is damaged: block " + index + " cannot be decoded: "
                    + e.getMessage(), e);
        }
        if (n < raw.length) {
            throw new IOException(layout.name() + " is damaged: block " + index + " holds " + n
                    + " bytes of pixels where " + raw.length + " were expected");
        }
    }

    private double[][] toSamples(byte[] raw, int width, int rows, ByteOrder order) {
        int pixels = width * rows;
        int bands = bandsPerBlock;
        double[][] out = new double[bands][pixels];
        ByteBuffer buf = ByteBuffer.wrap(raw).order(order);
        switch (layout.pixelType) {
            case BYTE -> {
                for (int i = 0, k = 0; i < pixels; i++) {
                    for (int b = 0; b < bands; b++) {
                        out[b][i] = raw[k++] & 0xFF;
                    }
                }
            }
            case INT8 -> {
                for (int i = 0, k = 0; i < pixels; i++) {
                    for (int b = 0; b < bands; b++) {
                        out[b][i] = raw[k++];
                    }
                }
            }
            case UINT16, INT16 -> {
                var sb = buf.asShortBuffer();
                boolean unsigned = layout.pixelType == org.rasterdesk.raster.PixelType.UINT16;
                for (int i = 0, k = 0; i < pixels; i++) {
                    for (int b = 0; b < bands; b++) {
                        short v = sb.get(k++);
                        out[b][i] = unsigned ? Short.toUnsignedInt(v) : v;
                    }
                }
            }
            case UINT32, INT32 -> {
                var ib = buf.asIntBuffer();
                boolean unsigned = layout.pixelType == org.rasterdesk.raster.PixelType.UINT32;
                for (int i = 0, k = 0; i < pixels; i++) {
                    for (int b = 0; b < bands; b++) {
                        int v = ib.get(k++);
                        out[b][i] = unsigned ? Integer.toUnsignedLong(v) : v;
                    }
                }
            }
            case FLOAT32 -> {
                var fb = buf.asFloatBuffer();
                for (int i = 0, k = 0; i < pixels; i++) {
                    for (int b = 0; b < bands; b++) {
                        out[b][i] = fb.get(k++);
                    }
                }
            }
            case FLOAT64 -> {
                var db = buf.asDoubleBuffer();
                for (int i = 0, k = 0; i < pixels; i++) {
                    for (int b = 0; b < bands; b++) {
                        out[b][i] = db.get(k++);
                    }
                }
            }
            default -> Arrays.fill(out[0], Double.NaN);
        }
        return out;
    }
}
