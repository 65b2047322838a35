/**
 * The About box: RasterDesk's version, the Java and JavaFX it runs on, the database's PostgreSQL and PostGIS
 * versions, and the licences of what it bundles.
 *
 * <p>May use {@code ui.common}, the database and the system package; only the shell uses it.
 */
package org.rasterdesk.ui.about;
