/**
 * What every part of the window shares: the executor for work off the FX thread, the one-sentence wording of an
 * error, the style sheet, the application's icon.
 *
 * <p>May use JavaFX and the JDK only; every other {@code ui} package may use it.
 */
package org.rasterdesk.ui.common;
