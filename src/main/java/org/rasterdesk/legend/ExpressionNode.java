package org.rasterdesk.legend;

/**
 * One node of a compiled formula. No data travels as NaN: every operator propagates it, as numpy's masked arrays
 * propagate their mask, except the NULL tests.
 */
abstract class ExpressionNode {

    /** Pixels are evaluated in runs of this many, one operator at a time: tight loops the JIT compiles well. */
    static final int CHUNK = 1024;

    /** The scratch buffers and tile aggregates of one evaluation. */
    static final class Frame {
        final double[][] scratch;
        final double[] aggregates;

        Frame(int scratchCount, double[] aggregates) {
            this.scratch = new double[scratchCount][CHUNK];
            this.aggregates = aggregates;
        }
    }

    /**
     * Writes the values for the pixels {@code off .. off+len)} to {@code out[0 .. len)}; len is at most
     * {@link #CHUNK}. {@code in[v]} holds the values of variable v (x alone in a legend formula).
     */
    abstract void eval(double[][] in, int off, int len, double[] out, Frame frame);

    /** Whether the value depends neither on x nor on the tile (then it folds to a constant). */
    abstract boolean isConstant();

    /** The value of a constant node. */
    final double constantValue() {
        double[] out = new double[1];
        eval(new double[0][], 0, 1, out, new Frame(0, new double[0]));
        return out[0];
    }

    static double truth(boolean b) {
        return b ? 1 : 0;
    }

    static boolean isTrue(double v) {
        return v != 0;
    }

    static final class Constant extends ExpressionNode {
        final double value;

        Constant(double value) {
            this.value = value;
        }

        @Override
        void eval(double[][] in, int off, int len, double[] out, Frame frame) {
            java.util.Arrays.fill(out, 0, len, value);
        }

        @Override
        boolean isConstant() {
            return true;
        }
    }

    static final class Variable extends ExpressionNode {
        final int index;

        Variable(int index) {
            this.index = index;
        }

        @Override
        void eval(double[][] in, int off, int len, double[] out, Frame frame) {
            System.arraycopy(in[index], off, out, 0, len);
        }

        @Override
        boolean isConstant() {
            return false;
        }
    }

    /** The NULL keyword: only valid as an operand of == or !=, which the parser turns into {@link NullTest}. */
    static final class Null extends ExpressionNode {
        final int position;

        Null(int position) {
            this.position = position;
        }

        @Override
        void eval(double[][] in, int off, int len, double[] out, Frame frame) {
            throw new IllegalStateException("NULL outside a comparison");
        }

        @Override
        boolean isConstant() {
            return false;
        }
    }

    /** {@code a == NULL} (or {@code a != NULL} when negated): whether a is no data. Never no data itself. */
    static final class NullTest extends ExpressionNode {
        final ExpressionNode operand;
        final boolean negated;

        NullTest(ExpressionNode operand, boolean negated) {
            this.operand = operand;
            this.negated = negated;
        }

        @Override
        void eval(double[][] in, int off, int len, double[] out, Frame frame) {
            operand.eval(in, off, len, out, frame);
            for (int i = 0; i < len; i++) {
                out[i] = truth(Double.isNaN(out[i]) != negated);
            }
        }

        @Override
        boolean isConstant() {
            return operand.isConstant();
        }
    }

    static final class Unary extends ExpressionNode {
        final UnaryOperation op;
        final ExpressionNode operand;

        Unary(UnaryOperation op, ExpressionNode operand) {
            this.op = op;
            this.operand = operand;
        }

        @Override
        void eval(double[][] in, int off, int len, double[] out, Frame frame) {
            operand.eval(in, off, len, out, frame);
            switch (op) {
                case NEGATE -> {
                    for (int i = 0; i < len; i++) {
                        out[i] = -out[i];
                    }
                }
                case PLUS -> {
                }
                default -> {
                    for (int i = 0; i < len; i++) {
                        out[i] = op.apply(out[i]);
                    }
                }
            }
        }

        @Override
        boolean isConstant() {
            return operand.isConstant();
        }
    }

    static final class Binary extends ExpressionNode {
        final BinaryOperation op;
        final ExpressionNode left;
        final ExpressionNode right;
        /** The frame's scratch buffer for the right operand; unused when the right operand is a constant. */
        final int slot;

        Binary(BinaryOperation op, ExpressionNode left, ExpressionNode right, int slot) {
            this.op = op;
            this.left = left;
            this.right = right;
            this.slot = slot;
        }

        @Override
        void eval(double[][] in, int off, int len, double[] out, Frame frame) {
            left.eval(in, off, len, out, frame);
            if (right instanceof Constant c) {
                op.applyConstant(out, c.value, len);
            } else {
                double[] r = frame.scratch[slot];
                right.eval(in, off, len, r, frame);
                op.apply(out, r, len);
            }
        }

        @Override
        boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }
    }

    /** A function of the whole tile (min, max, mean, median, std, sum); its value is computed before the pixels. */
    static final class Aggregate extends ExpressionNode {
        final AggregateFunction function;
        final ExpressionNode operand;
        final int slot;

        Aggregate(AggregateFunction function, ExpressionNode operand, int slot) {
            this.function = function;
            this.operand = operand;
            this.slot = slot;
        }

        @Override
        void eval(double[][] in, int off, int len, double[] out, Frame frame) {
            java.util.Arrays.fill(out, 0, len, frame.aggregates[slot]);
        }

        @Override
        boolean isConstant() {
            return false;
        }
    }
}
