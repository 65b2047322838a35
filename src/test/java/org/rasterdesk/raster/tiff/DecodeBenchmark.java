package org.rasterdesk.raster.tiff;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Decodes every block of a TIFF on one thread, step by step as {@link BlockDecoder} does, and prints the CPU time of
 * each step (read, decompress, predictor, samples) and of the whole decode, e.g.
 * {@code java -cp ... org.rasterdesk.raster.tiff.DecodeBenchmark lisbon_dem_utm29n_8000.tif 6}.
 */
public final class DecodeBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DecodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (TiffInput input = new TiffInput(file)) {
            TiffLayout layout = new TiffLayout(TiffStructure.firstImage(input), input);
            int blocks = layout.offsets.length;
            int bands = layout.planar ? 1 : layout.samplesPerPixel;
            int bytes = Math.max(1, layout.sampleType.storedBits() / 8);
            double samples = (double) layout.width * layout.height * layout.samplesPerPixel;
            for (int r = 0; r < repeats; r++) {
                long read = 0;
                long inflate = 0;
                long predict = 0;
                long convert = 0;
                long fused = 0;
                Block reuse = null;
                for (int i = 0; i < blocks; i++) {
                    int rows = layout.storedRows((i % (layout.blocksAcross * layout.blocksDown)) / layout.blocksAcross);
                    byte[] raw = new byte[Math.toIntExact(layout.storedBytes(layout.blockWidth, rows, bands))];
                    long t0 = THREADS.getCurrentThreadCpuTime();
                    ByteBuffer src = input.read(layout.offsets[i], (int) layout.byteCounts[i]);
                    long t1 = THREADS.getCurrentThreadCpuTime();
                    TiffCodecs.decompress(layout, src.array(), raw, layout.blockWidth, rows, bands, input.order());
                    long t2 = THREADS.getCurrentThreadCpuTime();
                    java.nio.ByteOrder order = input.order();
                    if (layout.predictor == 3 && bands == 1 && bytes == 4) {
                        byte[] copy = raw.clone();
                        float[] floats = new float[layout.blockWidth * rows];
                        long f = THREADS.getCurrentThreadCpuTime();
                        Predictors.floatingPointFloats(copy, rows, layout.blockWidth, floats);
                        fused += THREADS.getCurrentThreadCpuTime() - f;
                    }
                    if (layout.predictor == 2) {
                        Predictors.horizontal(raw, rows, layout.blockWidth * bands, bands, bytes, order);
                    } else if (layout.predictor == 3) {
                        Predictors.floatingPoint(raw, rows, layout.blockWidth * bands, bands, bytes);
                        order = java.nio.ByteOrder.BIG_ENDIAN;
                    }
                    long t3 = THREADS.getCurrentThreadCpuTime();
                    reuse = SampleConverter.toBlock(raw, layout.blockWidth, rows, bands, layout.pixelType, order,
                            reuse);
                    long t4 = THREADS.getCurrentThreadCpuTime();
                    read += t1 - t0;
                    inflate += t2 - t1;
                    predict += t3 - t2;
                    convert += t4 - t3;
                }
                BlockDecoder decoder = new BlockDecoder(input, layout, 0);
                long t = THREADS.getCurrentThreadCpuTime();
                Block last = null;
                for (int i = 0; i < blocks; i++) {
                    last = decoder.decode(i, last);
                }
                long whole = THREADS.getCurrentThreadCpuTime() - t;
                System.out.printf("%s: read %.3f s, decompress %.3f s, predictor %.3f s, samples %.3f s (in one: %.3f s); "
                        + "BlockDecoder %.3f s = %.2f ns/sample%n", file.getFileName(), read / 1e9, inflate / 1e9,
                        predict / 1e9, convert / 1e9, fused / 1e9, whole / 1e9, whole / samples);
            }
        }
    }
}
