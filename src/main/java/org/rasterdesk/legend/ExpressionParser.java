package org.rasterdesk.legend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads legend formulas in {@code x} into {@link Expression}s.
 *
 * <p>The language, loosest binding first:
 * <pre>
 *   a | b                       logical or
 *   a &amp; b                       logical and
 *   a == b, !=, &lt;, &lt;=, &gt;, &gt;=      comparison (1 or 0); a == NULL / a != NULL test for no data
 *   a + b, a - b
 *   a * b, a / b
 *   -a, +a, !a                  (! is logical not)
 *   a ^ b                       power, right associative: 2^3^2 = 2^9; -2^2 = -4; 2^-1 = 0.5
 *   numbers (1, 2.5, .5, 1e-3), x, PI, E, TRUE, FALSE, INF, NULL, ( ... ), function calls
 * </pre>
 * Functions of one argument: sin, cos, tan, log (natural), exp, abs, sqrt, int (toward zero), round (halves to
 * even), sign; min, max, mean, median, std, sum of one argument summarise the tile (numpy reductions, as in
 * django-raster); min(a, b) and max(a, b) are element-wise. Names are case sensitive; spaces are ignored.
 *
 * <p>Where django-raster (its pyparsing grammar in raster/algebra) differs:
 * <ul>
 * <li>django-raster puts comparisons, {@code &} and {@code |} on the level of {@code *} and {@code /} and binds
 *     them from the left, so {@code x+1>3} means {@code x+(1>3)}; here precedence is conventional.</li>
 * <li>django-raster allows unary operators only before a number, name or call, so {@code !(x>2)} and
 *     {@code -(x)} are syntax errors there; here they apply to any operand. django-raster reads a sign as part of
 *     a number, so its {@code -2^2} is 4; here it is -4.</li>
 * <li>Chained comparisons such as {@code 1 < x < 3} are refused here (django-raster computes
 *     {@code (1<x)<3}, always true); write {@code (1 < x) & (x < 3)}.</li>
 * <li>Added: sqrt, and min/max of two arguments. Not supported: django-raster's {@code ~} (fill no data with
 *     numpy's fill value).</li>
 * <li>A legend formula's only variable is x; raster algebra names its inputs ({@link #parse(String, List)}), and
 *     as in django-raster a constant's name (E, PI, ...) cannot be one.</li>
 * <li>No data: django-raster masks it; here it is NaN, so a NaN made by arithmetic (0/0, log of a negative)
 *     also counts as no data.</li>
 * </ul>
 * Errors are {@link ExpressionException}s with the character offset, e.g. {@code unexpected ')' at 7}.
 */
public final class ExpressionParser {

    private static final Map<String, UnaryOperation> FUNCTIONS = Map.ofEntries(
            Map.entry("sin", UnaryOperation.SIN), Map.entry("cos", UnaryOperation.COS),
            Map.entry("tan", UnaryOperation.TAN), Map.entry("log", UnaryOperation.LOG),
            Map.entry("exp", UnaryOperation.EXP), Map.entry("abs", UnaryOperation.ABS),
            Map.entry("sqrt", UnaryOperation.SQRT), Map.entry("int", UnaryOperation.INT),
            Map.entry("round", UnaryOperation.ROUND), Map.entry("sign", UnaryOperation.SIGN));

    private static final Map<String, AggregateFunction> AGGREGATES = Map.of(
            "min", AggregateFunction.MIN, "max", AggregateFunction.MAX, "mean", AggregateFunction.MEAN,
            "median", AggregateFunction.MEDIAN, "std", AggregateFunction.STD, "sum", AggregateFunction.SUM);

    private static final Map<String, Double> CONSTANTS = Map.of(
            "PI", Math.PI, "E", Math.E, "TRUE", 1.0, "FALSE", 0.0, "INF", Double.POSITIVE_INFINITY);

    private static final Map<String, BinaryOperation> COMPARISONS = Map.of(
            "==", BinaryOperation.EQUAL, "!=", BinaryOperation.NOT_EQUAL, "<", BinaryOperation.LESS,
            "<=", BinaryOperation.LESS_EQUAL, ">", BinaryOperation.GREATER, ">=", BinaryOperation.GREATER_EQUAL);

    private final String source;
    private final List<String> variables;
    private final ExpressionTokens tokens;
    private final List<ExpressionNode.Aggregate> aggregates = new ArrayList<>();
    private int scratchCount;

    private ExpressionParser(String source, List<String> variables) {
        this.source = source;
        this.variables = variables;
        this.tokens = new ExpressionTokens(source);
    }

    /**
     * Parses and compiles a formula.
     *
     * @throws ExpressionException with the offset of the first problem
     */
    public static Expression parse(String formula) {
        return parse(formula, List.of("x"));
    }

    /**
     * Parses and compiles a formula over named inputs (raster algebra: {@code a - b} over two layers' values).
     *
     * @param variables the names the formula may use, in the order {@link Expression#evaluate(double[][], double[])}
     *                  takes their values
     * @throws ExpressionException with the offset of the first problem
     * @throws IllegalArgumentException when a variable's name is not a name, or is a constant's or a function's
     */
    public static Expression parse(String formula, List<String> variables) {
        if (formula == null) {
            throw new ExpressionException("no formula", 0);
        }
        for (String name : variables) {
            if (!isVariableName(name)) {
                throw new IllegalArgumentException("'" + name + "' cannot name a variable: it is "
                        + (name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "a reserved word" : "not a name"));
            }
        }
        if (new java.util.HashSet<>(variables).size() != variables.size()) {
            throw new IllegalArgumentException("a variable is named twice: " + variables);
        }
        return new ExpressionParser(formula, List.copyOf(variables)).expression();
    }

    /** Whether a formula can use this name for an input: letters, digits and '_', not a constant or function. */
    public static boolean isVariableName(String name) {
        return name != null && name.matches("[A-Za-z_][A-Za-z0-9_]*") && !FUNCTIONS.containsKey(name)
                && !AGGREGATES.containsKey(name) && !CONSTANTS.containsKey(name) && !name.equals("NULL");
    }

    private Expression expression() {
        if (tokens.peek().isEnd()) {
            throw new ExpressionException("empty formula", tokens.peek().position());
        }
        ExpressionNode root = or();
        ExpressionTokens.Token rest = tokens.peek();
        if (!rest.isEnd()) {
            throw unexpected(rest);
        }
        return new Expression(source, variables, root, aggregates, scratchCount);
    }

    private ExpressionNode or() {
        ExpressionNode left = and();
        while (tokens.peek().is("|")) {
            tokens.next();
            left = binary(BinaryOperation.OR, left, and());
        }
        return left;
    }

    private ExpressionNode and() {
        ExpressionNode left = comparison();
        while (tokens.peek().is("&")) {
            tokens.next();
            left = binary(BinaryOperation.AND, left, comparison());
        }
        return left;
    }

    private ExpressionNode comparison() {
        ExpressionNode left = sum();
        ExpressionTokens.Token op = tokens.peek();
        BinaryOperation comparison = COMPARISONS.get(op.text());
        if (op.isOperator() && comparison != null) {
            tokens.next();
            ExpressionNode right = sum();
            ExpressionTokens.Token next = tokens.peek();
            if (next.isOperator() && COMPARISONS.containsKey(next.text())) {
                throw new ExpressionException("chained comparison (write (a < x) & (x < b))", next.position());
            }
            boolean leftNull = left instanceof ExpressionNode.Null;
            boolean rightNull = right instanceof ExpressionNode.Null;
            if (leftNull || rightNull) {
                if (comparison != BinaryOperation.EQUAL && comparison != BinaryOperation.NOT_EQUAL) {
                    throw new ExpressionException("NULL can only be compared with == or !=", op.position());
                }
                if (leftNull && rightNull) {
                    throw new ExpressionException("NULL compared with NULL", op.position());
                }
                return fold(new ExpressionNode.NullTest(leftNull ? right : left,
                        comparison == BinaryOperation.NOT_EQUAL));
            }
            return binary(comparison, left, right);
        }
        return left;
    }

    private ExpressionNode sum() {
        ExpressionNode left = product();
        while (tokens.peek().is("+") || tokens.peek().is("-")) {
            BinaryOperation op = tokens.next().is("+") ? BinaryOperation.ADD : BinaryOperation.SUBTRACT;
            left = binary(op, left, product());
        }
        return left;
    }

    private ExpressionNode product() {
        ExpressionNode left = unary();
        while (tokens.peek().is("*") || tokens.peek().is("/")) {
            BinaryOperation op = tokens.next().is("*") ? BinaryOperation.MULTIPLY : BinaryOperation.DIVIDE;
            left = binary(op, left, unary());
        }
        return left;
    }

    private ExpressionNode unary() {
        ExpressionTokens.Token t = tokens.peek();
        UnaryOperation op = t.is("-") ? UnaryOperation.NEGATE : t.is("+") ? UnaryOperation.PLUS
                : t.is("!") ? UnaryOperation.NOT : null;
        if (op == null) {
            return power();
        }
        tokens.next();
        ExpressionNode operand = value(unary());
        return fold(new ExpressionNode.Unary(op, operand));
    }

    private ExpressionNode power() {
        ExpressionNode base = primary();
        if (tokens.peek().is("^")) {
            tokens.next();
            // The exponent is a unary expression, which recurses into power(): right associative, and 2^-1 works.
            return binary(BinaryOperation.POWER, base, unary());
        }
        return base;
    }

    private ExpressionNode primary() {
        ExpressionTokens.Token t = tokens.next();
        if (t.isNumber()) {
            return new ExpressionNode.Constant(t.number());
        }
        if (t.is("(")) {
            ExpressionNode inner = or();
            expect(")");
            return inner;
        }
        if (t.isName()) {
            String name = t.text();
            if (tokens.peek().is("(")) {
                return call(t);
            }
            if (FUNCTIONS.containsKey(name) || AGGREGATES.containsKey(name)) {
                throw new ExpressionException("expected '(' after '" + name + "'", tokens.peek().position());
            }
            int variable = variables.indexOf(name);
            if (variable >= 0) {
                return new ExpressionNode.Variable(variable);
            }
            if (name.equals("NULL")) {
                return new ExpressionNode.Null(t.position());
            }
            Double constant = CONSTANTS.get(name);
            if (constant != null) {
                return new ExpressionNode.Constant(constant);
            }
            throw new ExpressionException("unknown name '" + name + "' (" + (variables.equals(List.of("x"))
                    ? "the pixel value is x" : "the variables are " + String.join(", ", variables)) + ")",
                    t.position());
        }
        throw unexpected(t);
    }

    private ExpressionNode call(ExpressionTokens.Token name) {
        tokens.next(); // (
        UnaryOperation function = FUNCTIONS.get(name.text());
        AggregateFunction aggregate = AGGREGATES.get(name.text());
        if (function == null && aggregate == null) {
            throw new ExpressionException("unknown function '" + name.text() + "'", name.position());
        }
        ExpressionNode first = value(or());
        if (tokens.peek().is(",")) {
            ExpressionTokens.Token comma = tokens.next();
            if (aggregate != AggregateFunction.MIN && aggregate != AggregateFunction.MAX) {
                throw new ExpressionException("'" + name.text() + "' takes one argument", comma.position());
            }
            ExpressionNode second = value(or());
            expect(")");
            return binary(aggregate == AggregateFunction.MIN ? BinaryOperation.MINIMUM : BinaryOperation.MAXIMUM,
                    first, second);
        }
        expect(")");
        if (function != null) {
            return fold(new ExpressionNode.Unary(function, first));
        }
        ExpressionNode.Aggregate node = new ExpressionNode.Aggregate(aggregate, first, aggregates.size());
        aggregates.add(node);
        return node;
    }

    private ExpressionNode binary(BinaryOperation op, ExpressionNode left, ExpressionNode right) {
        return fold(new ExpressionNode.Binary(op, value(left), value(right), scratchCount++));
    }

    /** Refuses NULL where a value is needed. */
    private static ExpressionNode value(ExpressionNode node) {
        if (node instanceof ExpressionNode.Null n) {
            throw new ExpressionException("NULL can only be compared with == or !=", n.position);
        }
        return node;
    }

    /** Computes a part that depends neither on x nor on the tile once, at compile time. */
    private static ExpressionNode fold(ExpressionNode node) {
        if (node.isConstant() && !(node instanceof ExpressionNode.Constant)) {
            return new ExpressionNode.Constant(node.constantValue());
        }
        return node;
    }

    private void expect(String text) {
        ExpressionTokens.Token t = tokens.peek();
        if (!t.is(text)) {
            if (t.isEnd()) {
                throw new ExpressionException("missing '" + text + "'", t.position());
            }
            throw new ExpressionException("unexpected " + t.describe() + ", expected '" + text + "'",
                    t.position());
        }
        tokens.next();
    }

    private static ExpressionException unexpected(ExpressionTokens.Token t) {
        if (t.isEnd()) {
            return new ExpressionException("unexpected end of formula", t.position());
        }
        if (t.is("=")) {
            return new ExpressionException("unexpected '=' (equality is '==')", t.position());
        }
        return new ExpressionException("unexpected " + t.describe(), t.position());
    }
}
