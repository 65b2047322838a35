package org.rasterdesk.legend;

/**
 * One node of a compiled formula. No data travels as NaN: every operator propagates it, as numpy's masked arrays
 * propagate their mask, except the NULL tests.
 */
abstract class ExpressionNode {

    /** The value at a pixel of value x; aggregates holds the tile-wide results of the aggregate functions. */
    abstract double eval(double x, double[] aggregates);

    /** Whether the value depends on x or on the tile (otherwise it folds to a constant). */
    abstract boolean isConstant();

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
        double eval(double x, double[] aggregates) {
            return value;
        }

        @Override
        boolean isConstant() {
            return true;
        }
    }

    static final class Variable extends ExpressionNode {
        @Override
        double eval(double x, double[] aggregates) {
            return x;
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
        double eval(double x, double[] aggregates) {
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
        double eval(double x, double[] aggregates) {
            return truth(Double.isNaN(operand.eval(x, aggregates)) != negated);
        }

        @Override
        boolean isConstant() {
            return operand.isConstant();
        }
    }

    static final class Unary extends ExpressionNode {
        final UnaryOperator op;
        final ExpressionNode operand;

        Unary(UnaryOperator op, ExpressionNode operand) {
            this.op = op;
            this.operand = operand;
        }

        @Override
        double eval(double x, double[] aggregates) {
            return op.apply(operand.eval(x, aggregates));
        }

        @Override
        boolean isConstant() {
            return operand.isConstant();
        }
    }

    static final class Binary extends ExpressionNode {
        final BinaryOperator op;
        final ExpressionNode left;
        final ExpressionNode right;

        Binary(BinaryOperator op, ExpressionNode left, ExpressionNode right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double x, double[] aggregates) {
            return op.apply(left.eval(x, aggregates), right.eval(x, aggregates));
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
        double eval(double x, double[] aggregates) {
            return aggregates[slot];
        }

        @Override
        boolean isConstant() {
            return false;
        }
    }

    /** Operators and functions of one argument. */
    enum UnaryOperator {
        NEGATE {
            @Override
            double apply(double v) {
                return -v;
            }
        },
        PLUS {
            @Override
            double apply(double v) {
                return v;
            }
        },
        NOT {
            @Override
            double apply(double v) {
                return Double.isNaN(v) ? v : truth(!isTrue(v));
            }
        },
        SIN {
            @Override
            double apply(double v) {
                return Math.sin(v);
            }
        },
        COS {
            @Override
            double apply(double v) {
                return Math.cos(v);
            }
        },
        TAN {
            @Override
            double apply(double v) {
                return Math.tan(v);
            }
        },
        LOG {
            @Override
            double apply(double v) {
                return Math.log(v);
            }
        },
        EXP {
            @Override
            double apply(double v) {
                return Math.exp(v);
            }
        },
        ABS {
            @Override
            double apply(double v) {
                return Math.abs(v);
            }
        },
        SQRT {
            @Override
            double apply(double v) {
                return Math.sqrt(v);
            }
        },
        /** numpy.int_: truncation toward zero. */
        INT {
            @Override
            double apply(double v) {
                return Double.isNaN(v) || Double.isInfinite(v) ? v : (double) (long) v;
            }
        },
        /** numpy.round: halves go to the even neighbour. */
        ROUND {
            @Override
            double apply(double v) {
                return Math.rint(v);
            }
        },
        SIGN {
            @Override
            double apply(double v) {
                return Math.signum(v);
            }
        };

        abstract double apply(double v);
    }

    /** Operators of two operands, and the element-wise two-argument min and max. */
    enum BinaryOperator {
        ADD {
            @Override
            double apply(double a, double b) {
                return a + b;
            }
        },
        SUBTRACT {
            @Override
            double apply(double a, double b) {
                return a - b;
            }
        },
        MULTIPLY {
            @Override
            double apply(double a, double b) {
                return a * b;
            }
        },
        DIVIDE {
            @Override
            double apply(double a, double b) {
                return a / b;
            }
        },
        POWER {
            @Override
            double apply(double a, double b) {
                return Math.pow(a, b);
            }
        },
        EQUAL {
            @Override
            double apply(double a, double b) {
                return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : truth(a == b);
            }
        },
        NOT_EQUAL {
            @Override
            double apply(double a, double b) {
                return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : truth(a != b);
            }
        },
        LESS {
            @Override
            double apply(double a, double b) {
                return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : truth(a < b);
            }
        },
        LESS_EQUAL {
            @Override
            double apply(double a, double b) {
                return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : truth(a <= b);
            }
        },
        GREATER {
            @Override
            double apply(double a, double b) {
                return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : truth(a > b);
            }
        },
        GREATER_EQUAL {
            @Override
            double apply(double a, double b) {
                return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : truth(a >= b);
            }
        },
        AND {
            @Override
            double apply(double a, double b) {
                return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : truth(isTrue(a) && isTrue(b));
            }
        },
        OR {
            @Override
            double apply(double a, double b) {
                return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : truth(isTrue(a) || isTrue(b));
            }
        },
        MINIMUM {
            @Override
            double apply(double a, double b) {
                return Math.min(a, b);
            }
        },
        MAXIMUM {
            @Override
            double apply(double a, double b) {
                return Math.max(a, b);
            }
        };

        abstract double apply(double a, double b);
    }
}
