/**
 * The world's coastlines and country borders from Natural Earth (public domain), shipped with the program so that
 * a map has a base under its layers with no network: the 1:110m and 1:50m Admin 0 boundaries as TopoJSON (the
 * world-atlas package, see NOTICE.txt beside the resources), decoded here into lines of longitude/latitude.
 * No JavaFX: the tile server's web map and the desktop map draw the same lines.
 */
package org.rasterdesk.basemap;
