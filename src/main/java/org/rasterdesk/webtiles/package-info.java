/**
 * Base map tiles from the web: an XYZ tile source (OpenStreetMap's standard tiles, or any URL template a user
 * enters), fetched over HTTP with a real User-Agent and kept in a bounded disk cache that honours the server's
 * expiry (Cache-Control, Expires) and revalidates (ETag, Last-Modified), as OpenStreetMap's tile usage policy asks.
 * Only tiles a map shows are asked for: no bulk download. When the network is gone, cached tiles (even expired)
 * are served and the source says it is offline. No JavaFX: the desktop map decodes the images itself.
 */
package org.rasterdesk.webtiles;
