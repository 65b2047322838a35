package org.rasterdesk.raster;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sis.referencing.CRS;

/**
 * Opens Apache SIS's EPSG database in the background at start: its first lookup takes seconds, which would
 * otherwise fall on the first parse or the first map view.
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
                CRS.findOperation(CRS.forCode("EPSG:4326"), CRS.forCode("EPSG:3857"), null);
            } catch (Exception e) {
                Logger.getLogger(ReferencingWarmUp.class.getName()).log(Level.INFO, "EPSG warm-up failed", e);
            }
        }, "epsg-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }
}
