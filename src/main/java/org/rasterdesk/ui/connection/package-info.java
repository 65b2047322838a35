/**
 * The connection dialog: which PostGIS the window works on (the embedded default, or another server given by its
 * fields, a connection string or a service name, resolved as psql does), tried in the background; the recently
 * used databases (without passwords) and a password kept, when the user asks, in the desktop's keyring only.
 *
 * <p>May use {@code ui.common} and the engine's {@code db}; only the shell opens the dialog.
 */
package org.rasterdesk.ui.connection;
