package org.rasterdesk.layer;

/** The steps of a layer's parse, with django-raster's status codes and texts. */
public enum ParseStatus {
    UNPARSED(0, "Layer not yet parsed"),
    DOWNLOADING_FILE(1, "Downloading file"),
    REPROJECTING_RASTER(2, "Reprojecting"),
    CREATING_TILES(3, "Creating tiles"),
    DROPPING_EMPTY_TILES(4, "Dropping empty tiles"),
    FINISHED(5, "Finished parsing"),
    FAILED(6, "Failed parsing");

    private final int code;
    private final String displayText;

    ParseStatus(int code, String displayText) {
        this.code = code;
        this.displayText = displayText;
    }

    /** The value stored in raster_rasterlayerparsestatus.status. */
    public int code() {
        return code;
    }

    /** The text django-raster shows for this status. */
    public String displayText() {
        return displayText;
    }

    /** Whether the parse is under way (neither waiting to start nor ended). */
    public boolean isInProgress() {
        return this != UNPARSED && this != FINISHED && this != FAILED;
    }

    public static ParseStatus fromCode(int code) {
        for (ParseStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown parse status code: " + code);
    }

    @Override
    public String toString() {
        return displayText;
    }
}
