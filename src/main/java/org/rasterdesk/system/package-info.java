/**
 * RasterDesk's place on this system: its version, the user's data and configuration folders (XDG on Linux) and
 * the debug log file.
 *
 * <p>Uses only the JDK; every other package may use it.
 */
package org.rasterdesk.system;
