package org.rasterdesk.legend;

/** Operators of two operands, and the element-wise two-argument min and max. */
enum BinaryOperation {
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
            return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : ExpressionNode.truth(a == b);
        }
    },
    NOT_EQUAL {
        @Override
        double apply(double a, double b) {
            return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : ExpressionNode.truth(a != b);
        }
    },
    LESS {
        @Override
        double apply(double a, double b) {
            return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : ExpressionNode.truth(a < b);
        }
    },
    LESS_EQUAL {
        @Override
        double apply(double a, double b) {
            return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : ExpressionNode.truth(a <= b);
        }
    },
    GREATER {
        @Override
        double apply(double a, double b) {
            return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : ExpressionNode.truth(a > b);
        }
    },
    GREATER_EQUAL {
        @Override
        double apply(double a, double b) {
            return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : ExpressionNode.truth(a >= b);
        }
    },
    AND {
        @Override
        double apply(double a, double b) {
            return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : ExpressionNode.truth(ExpressionNode.isTrue(a) && ExpressionNode.isTrue(b));
        }
    },
    OR {
        @Override
        double apply(double a, double b) {
            return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : ExpressionNode.truth(ExpressionNode.isTrue(a) || ExpressionNode.isTrue(b));
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

    /** {@code a[i] = a[i] op b[i]}; the common operators as plain loops, which the JIT unrolls. */
    void apply(double[] a, double[] b, int len) {
        switch (this) {
            case ADD -> {
                for (int i = 0; i < len; i++) {
                    a[i] += b[i];
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < len; i++) {
                    a[i] -= b[i];
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < len; i++) {
                    a[i] *= b[i];
                }
            }
            case DIVIDE -> {
                for (int i = 0; i < len; i++) {
                    a[i] /= b[i];
                }
            }
            case AND -> {
                for (int i = 0; i < len; i++) {
                    double p = a[i];
                    double q = b[i];
                    a[i] = p != p || q != q ? Double.NaN : p != 0 && q != 0 ? 1 : 0;
                }
            }
            case OR -> {
                for (int i = 0; i < len; i++) {
                    double p = a[i];
                    double q = b[i];
                    a[i] = p != p || q != q ? Double.NaN : p != 0 || q != 0 ? 1 : 0;
                }
            }
            default -> {
                for (int i = 0; i < len; i++) {
                    a[i] = apply(a[i], b[i]);
                }
            }
        }
    }

    /** {@code a[i] = a[i] op c}: comparisons with a number, the bulk of legend formulas. */
    void applyConstant(double[] a, double c, int len) {
        if (Double.isNaN(c)) {
            for (int i = 0; i < len; i++) {
                a[i] = apply(a[i], c);
            }
            return;
        }
        switch (this) {
            case GREATER -> {
                for (int i = 0; i < len; i++) {
                    double p = a[i];
                    a[i] = p != p ? Double.NaN : p > c ? 1 : 0;
                }
            }
            case GREATER_EQUAL -> {
                for (int i = 0; i < len; i++) {
                    double p = a[i];
                    a[i] = p != p ? Double.NaN : p >= c ? 1 : 0;
                }
            }
            case LESS -> {
                for (int i = 0; i < len; i++) {
                    double p = a[i];
                    a[i] = p != p ? Double.NaN : p < c ? 1 : 0;
                }
            }
            case LESS_EQUAL -> {
                for (int i = 0; i < len; i++) {
                    double p = a[i];
                    a[i] = p != p ? Double.NaN : p <= c ? 1 : 0;
                }
            }
            case EQUAL -> {
                for (int i = 0; i < len; i++) {
                    double p = a[i];
                    a[i] = p != p ? Double.NaN : p == c ? 1 : 0;
                }
            }
            case NOT_EQUAL -> {
                for (int i = 0; i < len; i++) {
                    double p = a[i];
                    a[i] = p != p ? Double.NaN : p != c ? 1 : 0;
                }
            }
            case ADD -> {
                for (int i = 0; i < len; i++) {
                    a[i] += c;
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < len; i++) {
                    a[i] -= c;
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < len; i++) {
                    a[i] *= c;
                }
            }
            case DIVIDE -> {
                for (int i = 0; i < len; i++) {
                    a[i] /= c;
                }
            }
            default -> {
                for (int i = 0; i < len; i++) {
                    a[i] = apply(a[i], c);
                }
            }
        }
    }
}
