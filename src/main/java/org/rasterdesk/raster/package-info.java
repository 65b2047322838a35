/**
 * Reading GeoTIFF rasters window by window, their metadata, and exact band statistics.
 *
 * <p>{@link org.rasterdesk.raster.GeoTiffReader} decodes strips and tiles itself (package {@code tiff}: IFD
 * parsing, LZW, DEFLATE, PackBits, predictors 2 and 3; JPEG through {@code javax.imageio}) and asks Apache SIS only
 * for the coordinate reference system. Measured reasons: SIS refuses the floating point predictor and reads
 * predictor 2 on floats wrongly, and on the same DEFLATE tiles it spent about 1.6 times our CPU time.
 * Memory stays flat: at most {@code GeoTiffReader.CACHE_BYTES} of decoded blocks plus the caller's window.
 */
package org.rasterdesk.raster;
