package org.rasterdesk.basemap;

/** The Natural Earth scales shipped, each in its own resource. */
public enum OutlineScale {
    /** 1:110m, about 8,000 points: the whole world at small zooms. */
    SMALL("countries-110m.json"),
    /** 1:50m, about 80,000 points: a country or a region. */
    MEDIUM("countries-50m.json");

    /** The deepest web mercator zoom level at which the 1:110m lines still look right (a 1024-pixel world). */
    static final int SMALL_UP_TO_ZOOM = 2;

    private final String resource;

    OutlineScale(String resource) {
        this.resource = resource;
    }

    String resource() {
        return resource;
    }

    /** The scale to draw at a web mercator zoom level. */
    public static OutlineScale forZoom(int zoom) {
        return zoom <= SMALL_UP_TO_ZOOM ? SMALL : MEDIUM;
    }
}
