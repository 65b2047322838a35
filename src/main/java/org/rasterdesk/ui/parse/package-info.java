/**
 * Parses seen from the window: the queue that runs them a few at a time in the background, the live log pane
 * under the layer list and map, and the status cell that shows a parse's phase, rate and time left.
 *
 * <p>May use {@code ui.common} and the engine; the shell and {@code ui.layers} use it.
 */
package org.rasterdesk.ui.parse;
