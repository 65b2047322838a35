package org.rasterdesk.tiling;

import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;

/**
 * Transforms interleaved 2D points in place; a point that cannot be transformed (outside the projection's
 * domain) becomes (NaN, NaN) instead of failing the whole batch.
 */
final class PointTransform {

    private final MathTransform transform;
    private long exactPoints;

    PointTransform(MathTransform transform) {
        this.transform = transform;
    }

    void transform(double[] xy, int count) {
        exactPoints += count;
        double[] source = xy.clone();
        try {
            transform.transform(source, 0, xy, 0, count);
        } catch (TransformException batchFailed) {
            // What the batch wrote after a failure is undefined, so redo the points one by one.
            System.arraycopy(source, 0, xy, 0, 2 * count);
            transformOneByOne(xy, count);
        }
    }

    private void transformOneByOne(double[] xy, int count) {
        double[] point = new double[2];
        for (int i = 0; i < count; i++) {
            point[0] = xy[2 * i];
            point[1] = xy[2 * i + 1];
            try {
                transform.transform(point, 0, point, 0, 1);
                xy[2 * i] = point[0];
                xy[2 * i + 1] = point[1];
            } catch (TransformException outsideDomain) {
                xy[2 * i] = Double.NaN;
                xy[2 * i + 1] = Double.NaN;
            }
        }
    }

    /** How many points were transformed exactly so far, to measure the approximation's savings. */
    long exactPoints() {
        return exactPoints;
    }
}
