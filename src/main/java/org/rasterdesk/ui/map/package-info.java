/**
 * The map in the middle of the window: a slippy map of the layers' tiles in PostGIS, drawn as {@code render}
 * draws them (one band through a legend, or three as an RGB composite), over the world's outlines ({@code basemap})
 * or an online base map ({@code webtiles}), with its tool bar, the floating layer and legend panels and the
 * pointer's readout. It follows the work: a layer selected is framed when it is out of sight, a new one once its
 * tiles exist.
 *
 * <p>May use {@code ui.legend} (the legend panel), {@code ui.common} and the engine; only the shell uses it.
 */
package org.rasterdesk.ui.map;
