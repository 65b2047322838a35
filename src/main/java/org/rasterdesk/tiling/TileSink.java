package org.rasterdesk.tiling;

/** Receives finished tiles, e.g. to write them to the database. */
@FunctionalInterface
public interface TileSink {

    void accept(TileData tile);
}
