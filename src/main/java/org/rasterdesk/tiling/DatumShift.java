package org.rasterdesk.tiling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.sis.metadata.iso.extent.DefaultGeographicBoundingBox;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.CommonCRS;
import org.apache.sis.referencing.IdentifiedObjects;
import org.apache.sis.referencing.operation.transform.MathTransforms;
import org.opengis.geometry.Envelope;
import org.opengis.metadata.extent.GeographicBoundingBox;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.referencing.operation.ConcatenatedOperation;
import org.opengis.referencing.operation.CoordinateOperation;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.Transformation;
import org.opengis.util.FactoryException;
import org.rasterdesk.raster.RasterInfo;

/**
 * The datum shift between a raster's CRS and WGS 84 (web mercator's datum), chosen as GDAL and PROJ choose it:
 * among the transformations the EPSG database has for the pair, the most accurate one whose area of use covers the
 * raster's extent and whose grid, if it needs one, is installed. gdalwarp hands PROJ the raster's extent as the area
 * of interest and PROJ takes the first of its ranked candidates; without an area, Apache SIS ranks over the CRSs'
 * whole domains and picks another (for NAD27 in Kansas: NAD27 to WGS 84 (3), 20 m, where PROJ takes (6), 7 m).
 * Grids (NTv2, NADCON) are read from $SIS_DATA/DatumChanges, which the launcher points at PROJ's grid folder.
 */
final class DatumShift {

    /** The raster's extent in its own geographic CRS, or null when it cannot be computed. */
    private final GeographicBoundingBox areaOfInterest;

    private String description;

    private DatumShift(GeographicBoundingBox areaOfInterest) {
        this.areaOfInterest = areaOfInterest;
    }

    /** The area of interest of a raster: its corners and edges in the geographic CRS of its own datum. */
    static DatumShift of(RasterInfo info, CoordinateReferenceSystem crs) {
        return new DatumShift(areaOf(info, crs));
    }

    /** The raster's extent in its own geographic CRS, or null when it cannot be computed. */
    GeographicBoundingBox areaOfInterest() {
        return areaOfInterest;
    }

    /** The raster's edges (16 points each) in its own datum's longitudes and latitudes; null if none lands. */
    static GeographicBoundingBox areaOf(RasterInfo info, CoordinateReferenceSystem crs) {
        try {
            // The raster's own datum: a conversion, no datum shift, so no area is needed to choose it.
            MathTransform toLonLat = CRS.findOperation(crs, geographic(crs), null).getMathTransform();
            var g = info.geoTransform();
            int steps = 16;
            double west = Double.POSITIVE_INFINITY;
            double east = Double.NEGATIVE_INFINITY;
            double south = Double.POSITIVE_INFINITY;
            double north = Double.NEGATIVE_INFINITY;
            double[] p = new double[2];
            for (int i = 0; i <= steps; i++) {
                for (int j = 0; j <= steps; j++) {
                    if (i != 0 && i != steps && j != 0 && j != steps) {
                        continue;
                    }
                    double col = info.width() * (double) i / steps;
                    double row = info.height() * (double) j / steps;
                    p[0] = g.x(col, row);
                    p[1] = g.y(col, row);
                    try {
                        toLonLat.transform(p, 0, p, 0, 1);
                    } catch (org.opengis.referencing.operation.TransformException outside) {
                        continue;
                    }
                    if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                        west = Math.min(west, p[0]);
                        east = Math.max(east, p[0]);
                        south = Math.min(south, p[1]);
                        north = Math.max(north, p[1]);
                    }
                }
            }
            if (!(west <= east) || !(south <= north)) {
                return null;
            }
            if (east - west >= 360) {
                west = -180;
                east = 180;
            } else {
                double shift = 360 * Math.floor((west + 180) / 360);
                west -= shift;
                east -= shift;
                if (east > 180) {
                    east -= 360;  // across the antimeridian: west > east, as ISO 19115 allows
                }
            }
            return new DefaultGeographicBoundingBox(west, east, Math.max(-90, south), Math.min(90, north));
        } catch (FactoryException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The transform from {@code source} to {@code target} as PROJ applies it over the raster's area: the
     * transformations between their datums whose areas of use meet the raster's (with their grids installed, if
     * they need one), each point shifted by the one {@link ShiftByArea} chooses for it; a single one directly.
     */
    MathTransform transform(CoordinateReferenceSystem source, CoordinateReferenceSystem target)
            throws FactoryException {
        // The datums' own CRSs as the EPSG database has them, so that the transformations keep their codes.
        GeographicCRS sourceDatum = base(source);
        GeographicCRS targetDatum = base(target);
        List<CoordinateOperation> shifts = List.of();
        if (areaOfInterest != null) {
            try {
                shifts = CRS.findOperations(sourceDatum, targetDatum, areaOfInterest).stream()
                        .filter(op -> transformation(op) != null && meetsArea(op) && instantiable(op)).toList();
            } catch (FactoryException e) {
                // One candidate of the EPSG database has a method Apache SIS lacks (e.g. "Norway Offshore
                // Interpolation"): the single best one for the area is what is left.
                shifts = List.of();
            }
        }
        if (shifts.size() <= 1) {
            CoordinateOperation operation = CRS.findOperation(source, target, areaOfInterest);
            description = describe(operation);
            return operation.getMathTransform();
        }
        MathTransform toSourceDatum = CRS.findOperation(source, sourceDatum, null).getMathTransform();
        MathTransform fromTargetDatum = CRS.findOperation(targetDatum, target, null).getMathTransform();
        // Areas of use are longitudes and latitudes: in the source's and the target's coordinates, PROJ's test.
        MathTransform sourceArea = CRS.findOperation(geographic(source), source, null).getMathTransform();
        MathTransform targetArea = CRS.findOperation(geographic(target), target, null).getMathTransform();
        List<ShiftByArea.Candidate> candidates = new ArrayList<>();
        for (CoordinateOperation shift : shifts) {
            GeographicBoundingBox area = CRS.getGeographicBoundingBox(shift);
            candidates.add(new ShiftByArea.Candidate(
                    MathTransforms.concatenate(toSourceDatum, shift.getMathTransform(), fromTargetDatum),
                    envelope(area, sourceArea), envelope(area, targetArea), accuracy(shift),
                    pseudoArea(area), offshore(shift)));
        }
        ShiftByArea chooser;
        try {
            chooser = ShiftByArea.of(candidates);
        } catch (org.opengis.referencing.operation.TransformException e) {
            throw new FactoryException("A datum shift cannot be inverted: " + e.getMessage(), e);
        }
        // The log names the shifts the raster's points use, not every one whose area touches it.
        java.util.SortedSet<Integer> used = usedOver(chooser, sourceArea);
        StringBuilder text = new StringBuilder();
        for (int i : used) {
            text.append(text.length() == 0 ? "" : "; ").append(describe(shifts.get(i)));
        }
        description = used.size() == 1 ? text.toString()
                : text + " (each point by the most accurate whose area of use holds it, as PROJ does)";
        return chooser;
    }

    /** The candidates chosen on a 17 × 17 grid of points over the area of interest. */
    private java.util.SortedSet<Integer> usedOver(ShiftByArea chooser, MathTransform fromLonLat) {
        java.util.SortedSet<Integer> used = new java.util.TreeSet<>();
        double west = areaOfInterest.getWestBoundLongitude();
        double east = areaOfInterest.getEastBoundLongitude();
        double width = east >= west ? east - west : east + 360 - west;
        double[] p = new double[2];
        for (int i = 0; i <= 16; i++) {
            for (int j = 0; j <= 16; j++) {
                p[0] = west + width * i / 16;
                p[1] = areaOfInterest.getSouthBoundLatitude() + (areaOfInterest.getNorthBoundLatitude()
                        - areaOfInterest.getSouthBoundLatitude()) * j / 16;
                try {
                    fromLonLat.transform(p, 0, p, 0, 1);
                } catch (org.opengis.referencing.operation.TransformException outside) {
                    continue;
                }
                used.add(chooser.choose(p[0], p[1]));
            }
        }
        if (used.isEmpty()) {
            used.add(0);
        }
        return used;
    }

    /**
     * The datum shift of the last {@link #transform}, for the parse log: the transformation's name, EPSG code and
     * accuracy (all of them, when the raster's area needs several); null when there is none (the source is on
     * WGS 84).
     */
    String description() {
        return description;
    }

    /** The geographic CRS of a CRS's own datum, longitude first in degrees. */
    private static GeographicCRS geographic(CoordinateReferenceSystem crs) {
        return org.apache.sis.referencing.crs.DefaultGeographicCRS.castOrCopy(base(crs))
                .forConvention(org.apache.sis.referencing.cs.AxesConvention.RIGHT_HANDED);
    }

    /** The geographic CRS of a CRS's own datum. */
    private static GeographicCRS base(CoordinateReferenceSystem crs) {
        var own = CRS.getHorizontalComponent(crs);
        GeographicCRS base = CommonCRS.WGS84.geographic();
        if (own instanceof org.opengis.referencing.crs.ProjectedCRS projected) {
            base = projected.getBaseCRS();
        } else if (own instanceof GeographicCRS g) {
            base = g;
        }
        return base;
    }

    private boolean meetsArea(CoordinateOperation shift) {
        GeographicBoundingBox area = CRS.getGeographicBoundingBox(shift);
        if (area == null) {
            return true;
        }
        boolean latitudes = area.getSouthBoundLatitude() <= areaOfInterest.getNorthBoundLatitude()
                && areaOfInterest.getSouthBoundLatitude() <= area.getNorthBoundLatitude();
        return latitudes && (overlaps(area.getWestBoundLongitude(), area.getEastBoundLongitude(),
                areaOfInterest.getWestBoundLongitude(), areaOfInterest.getEastBoundLongitude()));
    }

    /** Whether two longitude ranges meet, either of them possibly across the antimeridian (west > east). */
    private static boolean overlaps(double west1, double east1, double west2, double east2) {
        double[][] a = west1 <= east1 ? new double[][] {{west1, east1}} : new double[][] {{west1, 180}, {-180, east1}};
        double[][] b = west2 <= east2 ? new double[][] {{west2, east2}} : new double[][] {{west2, 180}, {-180, east2}};
        for (double[] x : a) {
            for (double[] y : b) {
                if (x[0] <= y[1] && y[0] <= x[1]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** False for a shift whose grid is not installed: PROJ skips those too. */
    private static boolean instantiable(CoordinateOperation shift) {
        try {
            return shift.getMathTransform() != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The area of use in a CRS's coordinates (as PROJ tests points against it); null for the whole world. */
    private static Envelope envelope(GeographicBoundingBox area, MathTransform fromLonLat) {
        if (area == null) {
            return null;
        }
        var lonLat = new org.apache.sis.geometry.GeneralEnvelope(2);
        lonLat.setRange(0, area.getWestBoundLongitude(), area.getEastBoundLongitude());
        lonLat.setRange(1, area.getSouthBoundLatitude(), area.getNorthBoundLatitude());
        try {
            return org.apache.sis.geometry.Envelopes.transform(fromLonLat, lonLat);
        } catch (org.opengis.referencing.operation.TransformException | RuntimeException e) {
            return null;
        }
    }

    private static double accuracy(CoordinateOperation shift) {
        double accuracy = CRS.getLinearAccuracy(shift);
        return Double.isFinite(accuracy) && accuracy > 0 ? accuracy : -1;
    }

    private static double pseudoArea(GeographicBoundingBox area) {
        if (area == null) {
            return Double.POSITIVE_INFINITY;
        }
        double width = area.getEastBoundLongitude() - area.getWestBoundLongitude();
        return (width < 0 ? width + 360 : width) * (area.getNorthBoundLatitude() - area.getSouthBoundLatitude());
    }

    /** An area of use that is only offshore: PROJ prefers any other that holds the point. */
    @SuppressWarnings("deprecation")
    private static boolean offshore(CoordinateOperation shift) {
        var domain = shift.getDomainOfValidity();
        var text = domain == null ? null : domain.getDescription();
        return text != null && text.toString().contains("- offshore");
    }

    /**
     * What the operation does to the datum, for the parse log: the transformation's name, EPSG code and accuracy;
     * null when there is no datum shift (the source is on WGS 84).
     */
    static String describe(CoordinateOperation operation) {
        Transformation shift = transformation(operation);
        if (shift == null) {
            return null;
        }
        double accuracy = CRS.getLinearAccuracy(operation);
        String code = IdentifiedObjects.getIdentifierOrName(shift);
        String name = shift.getName().getCode();
        String accuracyText = Double.isFinite(accuracy) && accuracy > 0
                ? String.format(Locale.ROOT, "accuracy %s m", number(accuracy)) : "accuracy unknown";
        return name + (code.equals(name) ? "" : " (" + code + ")") + ", " + accuracyText;
    }

    private static Transformation transformation(CoordinateOperation operation) {
        if (operation instanceof Transformation t) {
            return t;
        }
        if (operation instanceof ConcatenatedOperation c) {
            for (CoordinateOperation step : c.getOperations()) {
                Transformation t = transformation(step);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
