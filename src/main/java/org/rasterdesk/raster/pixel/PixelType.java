package org.rasterdesk.raster.pixel;

/** Sample types of raster bands, with their PostGIS raster pixel type codes and value ranges. */
public enum PixelType {
    BYTE(4, 1, false, false, 0, 255, "8BUI"),
    INT8(3, 1, true, false, -128, 127, "8BSI"),
    UINT16(6, 2, false, false, 0, 65535, "16BUI"),
    INT16(5, 2, true, false, -32768, 32767, "16BSI"),
    UINT32(8, 4, false, false, 0, 4294967295.0, "32BUI"),
    INT32(7, 4, true, false, Integer.MIN_VALUE, Integer.MAX_VALUE, "32BSI"),
    FLOAT32(10, 4, true, true, -Float.MAX_VALUE, Float.MAX_VALUE, "32BF"),
    FLOAT64(11, 8, true, true, -Double.MAX_VALUE, Double.MAX_VALUE, "64BF");

    private final int postgisCode;
    private final int bytes;
    private final boolean signed;
    private final boolean floatingPoint;
    private final double min;
    private final double max;
    private final String postgisName;

    PixelType(int postgisCode, int bytes, boolean signed, boolean floatingPoint, double min, double max,
              String postgisName) {
        this.postgisCode = postgisCode;
        this.bytes = bytes;
        this.signed = signed;
        this.floatingPoint = floatingPoint;
        this.min = min;
        this.max = max;
        this.postgisName = postgisName;
    }

    /** The pixel type code of PostGIS raster WKB (e.g. 4 for 8BUI, 10 for 32BF). */
    public int postgisCode() {
        return postgisCode;
    }

    /** The name PostGIS uses in ST_BandPixelType (e.g. "8BUI"). */
    public String postgisName() {
        return postgisName;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isSigned() {
        return signed;
    }

    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Whether a value can be stored in this type without loss (NaN only in floating point types). */
    public boolean canHold(double value) {
        if (Double.isNaN(value)) {
            return floatingPoint;
        }
        if (floatingPoint) {
            return this == FLOAT64 || Double.isInfinite(value) || Math.abs(value) <= Float.MAX_VALUE;
        }
        return value == Math.rint(value) && value >= min && value <= max;
    }

    public static PixelType fromPostgisCode(int code) {
        for (PixelType type : values()) {
            if (type.postgisCode == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unsupported PostGIS pixel type code " + code);
    }

    /** The type PostGIS names so in ST_BandPixelType ("8BUI", "32BF"). */
    public static PixelType fromPostgisName(String name) {
        for (PixelType type : values()) {
            if (type.postgisName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unsupported PostGIS pixel type " + name);
    }

    /** The name GDAL gives the type ("Byte", "Int16", "Float32"). */
    public String gdalName() {
        return switch (this) {
            case BYTE -> "Byte";
            case INT8 -> "Int8";
            case UINT16 -> "UInt16";
            case INT16 -> "Int16";
            case UINT32 -> "UInt32";
            case INT32 -> "Int32";
            case FLOAT32 -> "Float32";
            case FLOAT64 -> "Float64";
        };
    }
}
