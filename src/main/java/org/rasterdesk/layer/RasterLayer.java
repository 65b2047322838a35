package org.rasterdesk.layer;

import java.time.Instant;
import java.util.Objects;

/**
 * A raster layer as stored in raster_rasterlayer: one raster file or URL and the options of its parse.
 *
 * @param id               the primary key, null until the layer is stored
 * @param name             up to 100 characters, may be null
 * @param rasterfile       the Django file field: a path relative to Django's media root, or null
 * @param sourceUrl        http(s), file or {@code s3://BUCKET/KEY} URL; '' when unset; overrides the file
 * @param nodata           overrides the nodata value of all bands (text, as django-raster stores it), or null
 * @param srid             overrides the file's SRS, or null
 * @param maxZoom          the highest zoom level to build, or null to derive it from the pixel size
 * @param legendId         the layer's legend, or null
 * @param modified         when the row was last saved, null until stored
 */
public record RasterLayer(Integer id, String name, String description, DataType datatype, String rasterfile,
                          String sourceUrl, String nodata, Integer srid, Integer maxZoom, boolean buildPyramid,
                          boolean nextHigher, boolean storeReprojected, Integer legendId, Instant modified) {

    public RasterLayer {
        Objects.requireNonNull(datatype, "datatype");
        sourceUrl = sourceUrl == null ? "" : sourceUrl;
        checkLength("name", name, 100);
        checkLength("rasterfile", rasterfile, 100);
        checkLength("source_url", sourceUrl, 2500);
        checkLength("nodata", nodata, 100);
    }

    private static void checkLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " is longer than " + max + " characters");
        }
    }

    /** A new, unstored layer with django-raster's defaults: continuous, no source, all flags on. */
    public static RasterLayer create(String name) {
        return new RasterLayer(null, name, null, DataType.CONTINUOUS, null, "", null, null, null, true, true, true,
                null, null);
    }

    public boolean isStored() {
        return id != null;
    }

    /** Whether there is something to parse: a file or a URL. */
    public boolean hasSource() {
        return !sourceUrl.isEmpty() || (rasterfile != null && !rasterfile.isEmpty());
    }

    /**
     * Whether the two versions of a layer differ in what makes its tiles (django-raster's rule: file, URL,
     * nodata, max zoom, SRID, build pyramid, next higher), so that the tiles must be parsed again. Datatype, legend,
     * name and store reprojected do not count.
     */
    public boolean parseInputsDiffer(RasterLayer other) {
        return !Objects.equals(rasterfile == null ? "" : rasterfile,
                other.rasterfile == null ? "" : other.rasterfile)
                || !Objects.equals(nodata, other.nodata)
                || !Objects.equals(maxZoom, other.maxZoom)
                || !Objects.equals(srid, other.srid)
                || !sourceUrl.equals(other.sourceUrl)
                || buildPyramid != other.buildPyramid
                || nextHigher != other.nextHigher;
    }

    public RasterLayer withId(Integer value) {
        return new RasterLayer(value, name, description, datatype, rasterfile, sourceUrl, nodata, srid, maxZoom,
                buildPyramid, nextHigher, storeReprojected, legendId, modified);
    }

    public RasterLayer withName(String value) {
        return new RasterLayer(id, value, description, datatype, rasterfile, sourceUrl, nodata, srid, maxZoom,
                buildPyramid, nextHigher, storeReprojected, legendId, modified);
    }

    public RasterLayer withDescription(String value) {
        return new RasterLayer(id, name, value, datatype, rasterfile, sourceUrl, nodata, srid, maxZoom,
                buildPyramid, nextHigher, storeReprojected, legendId, modified);
    }

    public RasterLayer withDatatype(DataType value) {
        return new RasterLayer(id, name, description, value, rasterfile, sourceUrl, nodata, srid, maxZoom,
                buildPyramid, nextHigher, storeReprojected, legendId, modified);
    }

    public RasterLayer withRasterfile(String value) {
        return new RasterLayer(id, name, description, datatype, value, sourceUrl, nodata, srid, maxZoom,
                buildPyramid, nextHigher, storeReprojected, legendId, modified);
    }

    public RasterLayer withSourceUrl(String value) {
        return new RasterLayer(id, name, description, datatype, rasterfile, value, nodata, srid, maxZoom,
                buildPyramid, nextHigher, storeReprojected, legendId, modified);
    }

    public RasterLayer withNodata(String value) {
        return new RasterLayer(id, name, description, datatype, rasterfile, sourceUrl, value, srid, maxZoom,
                buildPyramid, nextHigher, storeReprojected, legendId, modified);
    }

    public RasterLayer withSrid(Integer value) {
        return new RasterLayer(id, name, description, datatype, rasterfile, sourceUrl, nodata, value, maxZoom,
                buildPyramid, nextHigher, storeReprojected, legendId, modified);
    }

    public RasterLayer withMaxZoom(Integer value) {
        return new RasterLayer(id, name, description, datatype, rasterfile, sourceUrl, nodata, srid, value,
                buildPyramid, nextHigher, storeReprojected, legendId, modified);
    }

    public RasterLayer withBuildPyramid(boolean value) {
        return new RasterLayer(id, name, description, datatype, rasterfile, sourceUrl, nodata, srid, maxZoom,
                value, nextHigher, storeReprojected, legendId, modified);
    }

    public RasterLayer withNextHigher(boolean value) {
        return new RasterLayer(id, name, description, datatype, rasterfile, sourceUrl, nodata, srid, maxZoom,
                buildPyramid, value, storeReprojected, legendId, modified);
    }

    public RasterLayer withStoreReprojected(boolean value) {
        return new RasterLayer(id, name, description, datatype, rasterfile, sourceUrl, nodata, srid, maxZoom,
                buildPyramid, nextHigher, value, legendId, modified);
    }

    public RasterLayer withLegendId(Integer value) {
        return new RasterLayer(id, name, description, datatype, rasterfile, sourceUrl, nodata, srid, maxZoom,
                buildPyramid, nextHigher, storeReprojected, value, modified);
    }

    public RasterLayer withModified(Instant value) {
        return new RasterLayer(id, name, description, datatype, rasterfile, sourceUrl, nodata, srid, maxZoom,
                buildPyramid, nextHigher, storeReprojected, legendId, value);
    }
}
