/**
 * The pixel types of raster bands, with their PostGIS and GDAL names.
 *
 * <p>Uses only the JDK. Its own package so that the format decoders ({@code raster.tiff}), the readers above them
 * and everything that writes tiles share one type without a package cycle.
 */
package org.rasterdesk.raster.pixel;
