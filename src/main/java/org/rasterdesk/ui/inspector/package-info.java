/**
 * The inspector at the right of the window: the selected layer's form (name, description, datatype, SRID,
 * nodata, max zoom, legend, flags; saved with a re-parse when a parse-relevant field changed) and the details the
 * parse found (size, CRS, extent, band statistics and histogram).
 *
 * <p>May use {@code ui.layers} (it follows the list's selection), {@code ui.common} and the engine; only the
 * shell uses it.
 */
package org.rasterdesk.ui.inspector;
