package org.rasterdesk.legend;

/** Operators and functions of one argument. */
enum UnaryOperation {
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
            return Double.isNaN(v) ? v : ExpressionNode.truth(!ExpressionNode.isTrue(v));
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
