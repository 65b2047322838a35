package org.rasterdesk.tiling;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * Builds the lower zoom levels from the tiles of the top level as they stream in. Tiles of the top zoom are
 * accepted in row-major order (north to south, west to east; gaps are fine); a parent tile is complete once
 * the input has moved past its two rows of children, and is then handed to the sink and reduced into its own
 * parent, down to the min zoom. Memory stays bounded by one row of parent tiles per level. Empty tiles (all
 * nodata) are not handed to the sink but counted per zoom.
 */
public final class PyramidBuilder {

    private final int topZoom;
    private final int minZoom;
    private final PyramidReducer reducer;
    private final PixelType pixelType;
    private final double[] nodata;
    private final TileSink sink;
    private final Level[] levels;
    private final long[] emitted;
    private final long[] empty;
    /** Bands of parents already handed on, to fill again (see {@link #recycling()}); empty unless recycling. */
    private final ArrayDeque<TileSamples[]> spare = new ArrayDeque<>();
    private boolean recycling;
    private int lastX = -1;
    private int lastY = -1;
    private boolean finished;

    /**
     * @param topZoom the zoom of the accepted tiles, which are passed on to the sink too
     * @param minZoom the lowest zoom to build (0 for a full pyramid; topZoom for none)
     */
    public PyramidBuilder(int topZoom, int minZoom, Reduction reduction, PixelType pixelType, double[] nodata,
                          TileSink sink) {
        if (minZoom < 0 || minZoom > topZoom) {
            throw new IllegalArgumentException("need 0 <= minZoom <= topZoom, got " + minZoom + ", " + topZoom);
        }
        this.topZoom = topZoom;
        this.minZoom = minZoom;
        this.reducer = new PyramidReducer(reduction, pixelType, nodata);
        this.pixelType = pixelType;
        this.nodata = nodata.clone();
        this.sink = sink;
        this.levels = new Level[topZoom - minZoom];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new Level(topZoom - 1 - i);
        }
        this.emitted = new long[topZoom + 1];
        this.empty = new long[topZoom + 1];
    }

    /**
     * Lets the builder fill the bands of a lower zoom's tile again once the sink has returned from it, so the sink
     * must keep no reference to such a tile (it encodes it at once). A new parent per tile was 0.27 GB of the Lisbon
     * benchmark parse's allocation; each lives only until its row is reduced, so a few are reused all along.
     */
    public PyramidBuilder recycling() {
        this.recycling = true;
        return this;
    }

    /** Accepts the next tile of the top zoom; tiles must come in row-major order. */
    public void accept(TileData tile) {
        TileKey key = tile.key();
        if (finished) {
            throw new IllegalStateException("the pyramid is finished");
        }
        if (key.z() != topZoom) {
            throw new IllegalArgumentException("expected a tile of zoom " + topZoom + ", got " + key);
        }
        if (key.y() < lastY || (key.y() == lastY && key.x() <= lastX)) {
            throw new IllegalArgumentException("tiles must come in row-major order: " + key + " after "
                    + topZoom + "/" + lastX + "/" + lastY);
        }
        lastX = key.x();
        lastY = key.y();
        pass(tile.isEmpty() ? null : tile, key);
    }

    /** Emits the parents still pending at every level. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        for (Level level : levels) {
            level.flush();
        }
    }

    /** Tiles handed to the sink at a zoom. */
    public long emittedCount(int z) {
        return emitted[z];
    }

    /** Tiles left out at a zoom because all their pixels were nodata. */
    public long emptyCount(int z) {
        return empty[z];
    }

    /** Emits a tile of any level (null data: empty) and feeds it to the level below. */
    private void pass(TileData data, TileKey key) {
        if (data == null) {
            empty[key.z()]++;
        } else {
            emitted[key.z()]++;
            sink.accept(data);
        }
        int index = topZoom - key.z();
        if (index < levels.length) {
            levels[index].accept(key, data);
        }
    }

    /** The parents of one zoom level being filled: one row of them at a time. */
    private final class Level {
        private final int z;
        private int row = -1;
        /** Parents of the current row by x; a null value is a parent whose children so far were all empty. */
        private final Map<Integer, TileSamples[]> parents = new TreeMap<>();

        Level(int z) {
            this.z = z;
        }

        void accept(TileKey child, TileData data) {
            int parentRow = child.y() >> 1;
            if (parentRow != row) {
                flush();
                row = parentRow;
            }
            int parentX = child.x() >> 1;
            TileSamples[] bands = parents.get(parentX);
            if (data != null) {
                if (bands == null) {
                    bands = emptyParent();
                    parents.put(parentX, bands);
                }
                reducer.reduceInto(data, bands);
            } else if (!parents.containsKey(parentX)) {
                parents.put(parentX, null);
            }
        }

        void flush() {
            for (Map.Entry<Integer, TileSamples[]> entry : parents.entrySet()) {
                TileKey key = new TileKey(z, entry.getKey(), row);
                TileSamples[] bands = entry.getValue();
                TileData tile = bands == null ? null : new TileData(key, pixelType, nodata.clone(), bands);
                pass(tile != null && tile.isEmpty() ? null : tile, key);
                if (recycling && bands != null && spare.size() < MAX_SPARE) {
                    // Handed to the sink and reduced into its own parent: nothing reads these bands any more.
                    spare.push(bands);
                }
            }
            parents.clear();
        }
    }

    /** Parents' bands kept for reuse at most: more than a row of parents at any level of a large raster. */
    private static final int MAX_SPARE = 64;

    /** The bands of a parent full of nodata: recycled ones when there are some. */
    private TileSamples[] emptyParent() {
        TileSamples[] bands = spare.poll();
        if (bands == null) {
            return reducer.emptyParent();
        }
        for (int b = 0; b < bands.length; b++) {
            bands[b].fill(nodata[b]);
        }
        return bands;
    }
}
