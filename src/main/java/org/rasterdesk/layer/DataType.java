package org.rasterdesk.layer;

/** The kind of values a raster layer holds, with django-raster's two-letter database codes. */
public enum DataType {
    CONTINUOUS("co", "Continuous"),
    CATEGORICAL("ca", "Categorical"),
    MASK("ma", "Mask"),
    RANK_ORDERED("ro", "Rank Ordered");

    private final String code;
    private final String displayName;

    DataType(String code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** The value stored in raster_rasterlayer.datatype. */
    public String code() {
        return code;
    }

    /** The label django-raster shows for this type. */
    public String displayName() {
        return displayName;
    }

    /** Whether values are classes rather than measurements (django-raster's {@code discrete}). */
    public boolean isDiscrete() {
        return this != CONTINUOUS;
    }

    public static DataType fromCode(String code) {
        for (DataType type : values()) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown raster layer datatype code: " + code);
    }

    @Override
    public String toString() {
        return displayName;
    }
}
