package org.rasterdesk.parse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.sis.referencing.operation.matrix.Matrix3;
import org.apache.sis.referencing.operation.transform.MathTransforms;
import org.apache.sis.util.Utilities;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.HiddenSamples;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.raster.RasterReader;
import org.rasterdesk.tiling.SourceProjection;

/**
 * Which source pixels of a mosaic's files the files that win over them paint over, so that the layer's statistics
 * count each visible source pixel once.
 *
 * <p>Exactly: a sample of file i in band b counts when it is valid (not NaN, not the file's nodata) and no file
 * that wins over i (a later file in the list; an earlier one when the first wins) has a valid sample in band b in
 * the pixel that contains the centre of i's pixel. The statistics are then over the union of the files, each
 * place counted in the source grid of the file that wins there. For files of one grid this is exactly the pixels
 * of a gdalbuildvrt of the files in paint order; files of other grids are mapped centre to pixel through WGS 84
 * with the datum shift the tiles use.
 */
final class MosaicOverlaps implements HiddenSamples {

    /** Most samples of a winning file read at once; a window mapping to more is halved. */
    private static final long MAX_SAMPLES = 4L << 20;

    private final List<RasterReader> readers;
    private final boolean firstWins;
    /** transforms.get(i).get(j): pixel of file i to pixel of file j, for the files j that win over i, else null. */
    private final List<List<MathTransform>> transforms = new ArrayList<>();

    private MosaicOverlaps(List<RasterReader> readers, boolean firstWins) {
        this.readers = readers;
        this.firstWins = firstWins;
    }

    /** The overlaps of the files in the order they are listed; one file hides nothing. */
    static HiddenSamples of(List<RasterReader> readers, boolean firstWins) throws IOException {
        return hidingFrom(readers, firstWins, 0);
    }

    /**
     * What the files from {@code first} on (those added to a mosaic) hide of every file, the others' own overlaps
     * left out.
     */
    static HiddenSamples hidingFrom(List<RasterReader> readers, boolean firstWins, int first) throws IOException {
        if (readers.size() < 2 || first >= readers.size()) {
            return HiddenSamples.NONE;
        }
        MosaicOverlaps overlaps = new MosaicOverlaps(readers, firstWins);
        List<SourceProjection> projections = new ArrayList<>();
        for (RasterReader reader : readers) {
            projections.add(ParseRun.project(reader.info()));
        }
        for (int i = 0; i < readers.size(); i++) {
            List<MathTransform> row = new ArrayList<>();
            for (int j = 0; j < readers.size(); j++) {
                row.add(j >= first && overlaps.wins(j, i) ? transform(readers.get(i).info(), projections.get(i),
                        readers.get(j).info(), projections.get(j)) : null);
            }
            overlaps.transforms.add(row);
        }
        return overlaps;
    }

    private boolean wins(int j, int i) {
        return firstWins ? j < i : j > i;
    }

    /** Within one CRS the grids' own affine maps (exact), otherwise through WGS 84 as the tiles are placed. */
    private static MathTransform transform(RasterInfo from, SourceProjection fromProjection, RasterInfo to,
                                           SourceProjection toProjection) {
        if (Utilities.equalsIgnoreMetadata(fromProjection.crs(), toProjection.crs())) {
            return MathTransforms.concatenate(affine(from.geoTransform()), affine(to.geoTransform().inverse()));
        }
        return MathTransforms.concatenate(fromProjection.pixelToGeographic(), toProjection.geographicToPixel());
    }

    private static MathTransform affine(GeoTransform g) {
        return MathTransforms.linear(new Matrix3(g.scaleX(), g.skewX(), g.originX(), g.skewY(), g.scaleY(),
                g.originY(), 0, 0, 1));
    }

    @Override
    public boolean[][] hidden(int part, int x, int y, int width, int height) throws IOException {
        boolean[][] hidden = null;
        for (int j = 0; j < readers.size(); j++) {
            MathTransform toWinner = transforms.get(part).get(j);
            if (toWinner != null) {
                hidden = cover(hidden, toWinner, readers.get(j), x, y, width, height, 0, height);
            }
        }
        return hidden;
    }

    /**
     * Marks the samples of rows {@code fromRow} to {@code toRow} (exclusive) of the window that the winning file
     * {@code winner} has valid, reading the winner's pixels under those rows at once (halving the rows when they
     * cover too many).
     */
    private boolean[][] cover(boolean[][] hidden, MathTransform toWinner, RasterReader winner, int x, int y,
                              int width, int height, int fromRow, int toRow) throws IOException {
        RasterInfo info = winner.info();
        double[] border = border(x, y + fromRow, width, toRow - fromRow);
        double[] mapped = map(toWinner, border);
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < mapped.length; k += 2) {
            if (Double.isFinite(mapped[k]) && Double.isFinite(mapped[k + 1])) {
                minX = Math.min(minX, mapped[k]);
                maxX = Math.max(maxX, mapped[k]);
                minY = Math.min(minY, mapped[k + 1]);
                maxY = Math.max(maxY, mapped[k + 1]);
            }
        }
        // The window's edges bound it within a pixel for the smooth maps between CRSs of one place.
        int x0 = (int) Math.max(0, Math.floor(minX) - 1);
        int y0 = (int) Math.max(0, Math.floor(minY) - 1);
        int x1 = (int) Math.min(info.width(), Math.ceil(maxX) + 1);
        int y1 = (int) Math.min(info.height(), Math.ceil(maxY) + 1);
        if (!(minX <= maxX) || x0 >= x1 || y0 >= y1) {
            return hidden;
        }
        if ((long) (x1 - x0) * (y1 - y0) * info.bandCount() > MAX_SAMPLES && toRow - fromRow > 1) {
            int middle = (fromRow + toRow) / 2;
            hidden = cover(hidden, toWinner, winner, x, y, width, height, fromRow, middle);
            return cover(hidden, toWinner, winner, x, y, width, height, middle, toRow);
        }
        int w = x1 - x0;
        double[][] theirs = winner.read(x0, y0, w, y1 - y0);
        int bands = info.bandCount();
        double[] centres = new double[2 * width];
        for (int row = fromRow; row < toRow; row++) {
            for (int col = 0; col < width; col++) {
                centres[2 * col] = x + col + 0.5;
                centres[2 * col + 1] = y + row + 0.5;
            }
            double[] at = map(toWinner, centres);
            for (int col = 0; col < width; col++) {
                double cx = Math.floor(at[2 * col]);
                double cy = Math.floor(at[2 * col + 1]);
                if (!(cx >= x0 && cx < x1 && cy >= y0 && cy < y1)) {
                    continue;
                }
                int k = (int) (cy - y0) * w + (int) (cx - x0);
                for (int b = 0; b < bands; b++) {
                    if (!info.isNodata(b, theirs[b][k])) {
                        if (hidden == null) {
                            hidden = new boolean[bands][width * height];
                        }
                        hidden[b][row * width + col] = true;
                    }
                }
            }
        }
        return hidden;
    }

    /** Points along the window's four edges (its pixels' corners), as (column, row) pairs. */
    private static double[] border(int x, int y, int width, int height) {
        double[] points = new double[4 * (width + height + 2)];
        int k = 0;
        for (int col = 0; col <= width; col++) {
            points[k++] = x + col;
            points[k++] = y;
            points[k++] = x + col;
            points[k++] = y + height;
        }
        for (int row = 0; row <= height; row++) {
            points[k++] = x;
            points[k++] = y + row;
            points[k++] = x + width;
            points[k++] = y + row;
        }
        return points;
    }

    /** The points mapped; a point the map cannot take (far outside a projection's domain) becomes NaN. */
    private static double[] map(MathTransform transform, double[] points) {
        double[] out = new double[points.length];
        try {
            transform.transform(points, 0, out, 0, points.length / 2);
        } catch (TransformException e) {
            for (int k = 0; k < points.length; k += 2) {
                try {
                    transform.transform(points, k, out, k, 1);
                } catch (TransformException outside) {
                    out[k] = Double.NaN;
                    out[k + 1] = Double.NaN;
                }
            }
        }
        return out;
    }
}
