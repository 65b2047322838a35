/**
 * The entry point: {@link org.rasterdesk.Launcher} opens the window without arguments, else runs a headless
 * command. It may use every package; none uses it.
 */
package org.rasterdesk;
