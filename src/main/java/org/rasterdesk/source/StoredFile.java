package org.rasterdesk.source;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A layer's uploaded file as kept by RasterDesk: its bytes in the database, or only its path on a shared disk.
 *
 * @param sha256 hex digest of the bytes; null for a file kept by path
 * @param path   the shared file when only its path is kept, otherwise null
 */
public record StoredFile(int rasterLayerId, String name, long size, String sha256, Path path, Instant created) {

    /** True when the bytes are in the database, false when only the path is kept. */
    public boolean inDatabase() {
        return path == null;
    }

    /**
     * The name of the raster kept: {@link #name()}, less the ".zip" of a raster kept zipped with its side files (a
     * mosaic's file is named so in its parse's log and its list of files).
     */
    public String rasterName() {
        return SideFileZip.rasterName(name);
    }
}
