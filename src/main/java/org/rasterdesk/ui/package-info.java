/**
 * The application shell: {@link org.rasterdesk.ui.RasterDeskApp} starts JavaFX, opens the database in the
 * background and owns the executors; {@link org.rasterdesk.ui.MainWindow} lays out the window's parts (layer list,
 * map, inspector, parse log, status bar) and wires them together; {@link org.rasterdesk.ui.WindowLayout} remembers
 * the window's size and dividers.
 *
 * <p>May use every part of the window ({@code ui.*}) and the engine. Nothing uses the shell but the launcher.
 */
package org.rasterdesk.ui;
