/**
 * Legends: the legend editor window (the database's legends, the form of one legend, its entries and continuous
 * ramp, each checked as typed, saved in one transaction) and the legend panel the map shows beside its tiles.
 *
 * <p>May use {@code ui.common} and the engine; the shell and {@code ui.map} (for the legend panel) use it.
 */
package org.rasterdesk.ui.legend;
