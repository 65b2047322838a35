package org.rasterdesk.tiling;

/**
 * The max zoom chosen for a raster, and why.
 *
 * @param sourcePixelSize the source pixel size measured in EPSG:3857 metres (NaN when the zoom was given)
 * @param zoomPixelSize   the pixel size of tiles at the chosen zoom, in EPSG:3857 metres
 */
public record ZoomChoice(int zoom, double sourcePixelSize, double zoomPixelSize, String explanation) {
}
