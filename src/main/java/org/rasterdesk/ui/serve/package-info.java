/**
 * The tile server started from the window: start and stop it, its address (which opens the web map), and the
 * selected layer's XYZ URL ready for QGIS's "Add XYZ Layer" — the same server as {@code rasterdesk serve}.
 *
 * <p>May use {@code ui.common} and the engine; only the shell uses it.
 */
package org.rasterdesk.ui.serve;
