/**
 * The map in the middle of the window: a slippy map of the layers' tiles in PostGIS, drawn as {@code render}
 * draws them, with its tool bar, the floating layer and legend panels and the pointer's readout.
 *
 * <p>May use {@code ui.legend} (the legend panel), {@code ui.common} and the engine; only the shell uses it.
 */
package org.rasterdesk.ui.map;
