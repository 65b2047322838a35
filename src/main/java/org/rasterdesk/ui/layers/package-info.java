/**
 * The layer list at the left of the window, and how layers get into it: files and URLs dropped, chosen or pasted
 * become layers (checked first, then parsed), and the commands on the selected layer (add, re-parse, cancel).
 *
 * <p>May use {@code ui.parse} (each row shows its parse), {@code ui.common} and the engine; the shell and the
 * inspector use it.
 */
package org.rasterdesk.ui.layers;
