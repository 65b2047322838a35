package org.rasterdesk.raster;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads Apache SIS's referencing in the background at start (from the {@link ReferencingCache}, or else its EPSG
 * database): its first use takes seconds, which would otherwise fall on the first parse or the first map view.
 */
public final class ReferencingWarmUp {

    private static volatile Thread thread;

    private ReferencingWarmUp() {
    }

    public static synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(() -> {
            try {
                // Through the cache: the classes and objects a parse needs, without the database once cached.
                ReferencingCache.transform(ReferencingCache.epsg(4326), ReferencingCache.epsg(3857));
            } catch (Exception e) {
                Logger.getLogger(ReferencingWarmUp.class.getName()).log(Level.INFO, "EPSG warm-up failed", e);
            }
        }, "epsg-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }
}
