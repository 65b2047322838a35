package org.rasterdesk.tiling;

import java.util.List;
import org.apache.sis.referencing.operation.transform.AbstractMathTransform2D;
import org.apache.sis.referencing.operation.transform.MathTransforms;
import org.apache.sis.util.ComparisonMode;
import org.opengis.geometry.Envelope;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.MathTransform2D;
import org.opengis.referencing.operation.Matrix;
import org.opengis.referencing.operation.TransformException;

/**
 * Several datum shifts for one raster, each point transformed by the one PROJ would use for it: among the
 * candidates whose area of use (as an envelope in the coordinates transformed) holds the point, the most accurate;
 * at equal accuracy the smaller area; an offshore area only when nothing else holds the point; and where none holds
 * it, the first candidate. The inverse chooses the same way by the areas in the target's coordinates.
 */
final class ShiftByArea extends AbstractMathTransform2D {

    /** One candidate: its whole transform, its area of use in source and target coordinates, its accuracy. */
    record Candidate(MathTransform transform, Envelope source, Envelope target, double accuracy, double pseudoArea,
                     boolean offshore) {
    }

    private final List<Candidate> candidates;
    private final boolean forward;
    private ShiftByArea inverse;

    private ShiftByArea(List<Candidate> candidates, boolean forward) {
        this.candidates = candidates;
        this.forward = forward;
    }

    /** The transform choosing among the candidates, with its inverse (which must exist for every candidate). */
    static ShiftByArea of(List<Candidate> candidates) throws TransformException {
        List<Candidate> inverses = new java.util.ArrayList<>();
        for (Candidate c : candidates) {
            inverses.add(new Candidate(c.transform().inverse(), c.source(), c.target(), c.accuracy(),
                    c.pseudoArea(), c.offshore()));
        }
        ShiftByArea there = new ShiftByArea(List.copyOf(candidates), true);
        ShiftByArea back = new ShiftByArea(List.copyOf(inverses), false);
        there.inverse = back;
        back.inverse = there;
        return there;
    }

    /** The index of the candidate PROJ would use for the point (x, y). */
    int choose(double x, double y) {
        int best = -1;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            Envelope area = forward ? c.source() : c.target();
            if (area != null && !(x >= area.getMinimum(0) && x <= area.getMaximum(0)
                    && y >= area.getMinimum(1) && y <= area.getMaximum(1))) {
                continue;
            }
            if (best < 0) {
                best = i;
                continue;
            }
            Candidate b = candidates.get(best);
            boolean better = !(b.accuracy() >= 0) || (c.accuracy() >= 0 && (c.accuracy() < b.accuracy()
                    || (c.accuracy() == b.accuracy() && c.pseudoArea() < b.pseudoArea())));
            if (better && !c.offshore()) {
                best = i;
            }
        }
        return best < 0 ? 0 : best;
    }

    @Override
    public Matrix transform(double[] srcPts, int srcOff, double[] dstPts, int dstOff, boolean derivate)
            throws TransformException {
        MathTransform chosen = candidates.get(choose(srcPts[srcOff], srcPts[srcOff + 1])).transform();
        if (derivate) {
            return MathTransforms.derivativeAndTransform(chosen, srcPts, srcOff, dstPts, dstOff);
        }
        if (dstPts != null) {
            chosen.transform(srcPts, srcOff, dstPts, dstOff, 1);
        }
        return null;
    }

    @Override
    public MathTransform2D inverse() {
        return inverse;
    }

    /** Only itself: two choosers are never interchangeable, and must not be simplified away as each other's inverse. */
    @Override
    public boolean equals(Object object, ComparisonMode mode) {
        return object == this;
    }

    @Override
    protected int computeHashCode() {
        return System.identityHashCode(this);
    }
}
