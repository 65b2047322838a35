package org.rasterdesk.legend;

import java.util.List;

/**
 * A compiled legend formula in {@code x}, such as {@code (x > 3) & (x < 5)}, evaluated per pixel; or a raster
 * algebra formula over named inputs, such as {@code (a - b) / (a + b)}.
 * Booleans are the numbers 1 and 0 (any non-zero value counts as true); no data is NaN, both as input and as
 * result, and propagates through every operator except {@code == NULL} and {@code != NULL}.
 * The language and where it differs from django-raster are described in {@link ExpressionParser}.
 * Immutable and thread safe.
 */
public final class Expression {

    private static final int CHUNK = ExpressionNode.CHUNK;

    private final String source;
    private final List<String> variables;
    private final ExpressionNode root;
    /** Aggregates in evaluation order: an aggregate's operand only refers to aggregates before it. */
    private final List<ExpressionNode.Aggregate> aggregates;
    private final int scratchCount;

    Expression(String source, List<String> variables, ExpressionNode root, List<ExpressionNode.Aggregate> aggregates,
               int scratchCount) {
        this.source = source;
        this.variables = List.copyOf(variables);
        this.root = root;
        this.aggregates = List.copyOf(aggregates);
        this.scratchCount = scratchCount;
    }

    /** Parses and compiles a formula in x; see {@link ExpressionParser}. */
    public static Expression parse(String formula) {
        return ExpressionParser.parse(formula);
    }

    /** The formula as written. */
    public String source() {
        return source;
    }

    /** The names the formula may use for its inputs, in the order {@link #evaluate(double[][], double[])} takes. */
    public List<String> variables() {
        return variables;
    }

    /** Whether the formula uses min, max, mean, median, std or sum of one argument, which summarise the tile. */
    public boolean usesTileAggregates() {
        return !aggregates.isEmpty();
    }

    /** The value for one pixel value (NaN for no data), the aggregates taken over that value alone. */
    public double evaluate(double x) {
        double[] out = new double[1];
        evaluate(new double[] {x}, out);
        return out[0];
    }

    /** Whether the formula is true (non-zero and not no data) for one pixel value. */
    public boolean test(double x) {
        return isTrue(evaluate(x));
    }

    /**
     * Evaluates every pixel of a tile: {@code out[i]} is the value for {@code x[i]} (NaN in x is no data). The tile
     * aggregates are taken over the pixels whose operand is not NaN.
     */
    public void evaluate(double[] x, double[] out) {
        evaluate(new double[][] {x}, out);
    }

    /**
     * Evaluates every pixel of several inputs of the same length, one per {@link #variables() variable} in that
     * order (raster algebra over several layers); NaN in any input is no data.
     */
    public void evaluate(double[][] inputs, double[] out) {
        int length = checkInputs(inputs);
        if (out.length < length) {
            throw new IllegalArgumentException("output is shorter than input");
        }
        ExpressionNode.Frame frame = frame(inputs, length);
        double[] chunk = new double[CHUNK];
        for (int off = 0; off < length; off += CHUNK) {
            int len = Math.min(CHUNK, length - off);
            root.eval(inputs, off, len, chunk, frame);
            System.arraycopy(chunk, 0, out, off, len);
        }
    }

    /** Sets {@code matched[i]} where the formula is true for {@code x[i]}. */
    public void test(double[] x, boolean[] matched) {
        double[][] inputs = {x};
        checkInputs(inputs);
        ExpressionNode.Frame frame = frame(inputs, x.length);
        double[] chunk = new double[CHUNK];
        for (int off = 0; off < x.length; off += CHUNK) {
            int len = Math.min(CHUNK, x.length - off);
            root.eval(inputs, off, len, chunk, frame);
            for (int i = 0; i < len; i++) {
                matched[off + i] = isTrue(chunk[i]);
            }
        }
    }

    private int checkInputs(double[][] inputs) {
        if (inputs.length != variables.size()) {
            throw new IllegalArgumentException("the formula takes " + variables.size() + " inputs " + variables
                    + ", not " + inputs.length);
        }
        int length = inputs[0].length;
        for (double[] input : inputs) {
            if (input.length != length) {
                throw new IllegalArgumentException("inputs of different lengths");
            }
        }
        return length;
    }

    private static boolean isTrue(double v) {
        // NaN != 0 holds, so the NaN test is needed: no data never matches.
        return v != 0 && !Double.isNaN(v);
    }

    private ExpressionNode.Frame frame(double[][] inputs, int length) {
        double[] slots = new double[aggregates.size()];
        ExpressionNode.Frame frame = new ExpressionNode.Frame(scratchCount, slots);
        if (aggregates.isEmpty()) {
            return frame;
        }
        double[] values = new double[length];
        double[] chunk = new double[CHUNK];
        for (ExpressionNode.Aggregate aggregate : aggregates) {
            int n = 0;
            for (int off = 0; off < length; off += CHUNK) {
                int len = Math.min(CHUNK, length - off);
                aggregate.operand.eval(inputs, off, len, chunk, frame);
                for (int i = 0; i < len; i++) {
                    if (!Double.isNaN(chunk[i])) {
                        values[n++] = chunk[i];
                    }
                }
            }
            slots[aggregate.slot] = aggregate.function.reduce(values, n);
        }
        return frame;
    }

    @Override
    public String toString() {
        return source;
    }
}
