package org.rasterdesk.raster;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rasterdesk.raster.tiff.BlockDecoder;
import org.rasterdesk.raster.tiff.Block;

/**
 * The few most recently decoded blocks, bounded in bytes, so that neighbouring windows do not decode the same
 * strip or tile twice while memory stays the same whatever the raster's size.
 */
final class BlockCache {

    private final BlockDecoder decoder;
    private final long maxBytes;
    private final LinkedHashMap<Integer, Block> blocks = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    BlockCache(BlockDecoder decoder, long maxBytes) {
        this.decoder = decoder;
        this.maxBytes = maxBytes;
    }

    Block get(int index) throws IOException {
        Block block = blocks.get(index);
        if (block == null) {
            block = decoder.decode(index);
            long size = sizeOf(block);
            Iterator<Map.Entry<Integer, Block>> it = blocks.entrySet().iterator();
            while (bytes + size > maxBytes && it.hasNext()) {
                bytes -= sizeOf(it.next().getValue());
                it.remove();
            }
            blocks.put(index, block);
            bytes += size;
        }
        return block;
    }

    private static long sizeOf(Block block) {
        return block.bytes();
    }

    void clear() {
        blocks.clear();
        bytes = 0;
    }
}
