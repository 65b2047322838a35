package org.rasterdesk.raster.tiff;

/**
 * How much a reader may allocate for what a file declares, judged against the memory Java was given: a size read
 * from a damaged or hostile file must fail with a sentence, never with an {@link OutOfMemoryError}.
 */
public final class MemoryLimits {

    /** Memory one decoded sample may cost on its way through a block decoder: stored, raw and float copies. */
    private static final int BYTES_PER_SAMPLE_DECODED = 16;

    private MemoryLimits() {
    }

    /**
     * The most samples one block (strip or tile) may hold: its decoding may take a quarter of the heap. With 1 GB
     * that is 16 M samples (a 4096 × 4096 tile), far above what any writer uses for tiles (256 or 512).
     */
    public static long maxBlockSamples() {
        return Runtime.getRuntime().maxMemory() / 4 / BYTES_PER_SAMPLE_DECODED;
    }
}
