package org.rasterdesk.legend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTest {

    private static double eval(String formula, double x) {
        return Expression.parse(formula).evaluate(x);
    }

    @ParameterizedTest(name = "{0} at x={1} is {2}")
    @CsvSource(delimiter = ';', value = {
        // precedence: conventional, unlike django-raster's x+(1>3)
        "x+1>3; 2.5; 1",
        "x+1>3; 1.5; 0",
        "2+3*4; 0; 14",
        "(2+3)*4; 0; 20",
        "1-2-3; 0; -4",
        "8/4/2; 0; 1",
        "2^3^2; 0; 512",
        "(2^3)^2; 0; 64",
        "-2^2; 0; -4",
        "2^-1; 0; 0.5",
        "-x*2; 3; -6",
        "+x; 3; 3",
        "--x; 3; 3",
        "x*2^2; 3; 12",
        "x > 1 & x < 5 | x == 9; 3; 1",
        "x > 1 & x < 5 | x == 9; 9; 1",
        "x > 1 & x < 5 | x == 9; 7; 0",
        "x == 9 | x > 1 & x < 5; 3; 1",
        "!(x>2); 3; 0",
        "!(x>2); 1; 1",
        "!x; 0; 1",
        "!x; 5; 0",
        "!x == 0; 5; 1",
        // comparisons
        "x == 2; 2; 1", "x == 2; 3; 0",
        "x != 2; 2; 0", "x != 2; 3; 1",
        "x < 2; 1; 1", "x < 2; 2; 0",
        "x <= 2; 2; 1", "x <= 2; 3; 0",
        "x > 2; 3; 1", "x > 2; 2; 0",
        "x >= 2; 2; 1", "x >= 2; 1; 0",
        // logic on numbers: non-zero is true
        "2 & 3; 0; 1", "2 & 0; 0; 0", "0 | 0; 0; 0", "0 | -1; 0; 1",
        "(x > 3) & (x < 5); 4; 1", "(x > 3) & (x < 5); 5; 0",
        // arithmetic
        "x + 1; 2; 3", "x - 1; 2; 1", "x * 3; 2; 6", "x / 4; 2; 0.5", "x ^ 2; 3; 9",
        // functions
        "sin(PI/2); 0; 1", "cos(0); 0; 1", "tan(0); 0; 0", "log(E); 0; 1", "exp(0); 0; 1",
        "abs(x); -3; 3", "sqrt(x); 16; 4", "int(x); -2.7; -2", "int(x); 2.7; 2",
        "round(x); 2.5; 2", "round(x); 3.5; 4", "round(x); -2.5; -2", "sign(x); -5; -1", "sign(x); 0; 0",
        "min(x, 3); 5; 3", "max(x, 3); 5; 5", "min(x, 3); 1; 1",
        // aggregates of one value
        "mean(x); 4; 4", "std(x); 4; 0", "sum(x); 4; 4", "median(x); 4; 4", "min(x); 4; 4", "max(x); 4; 4",
        // constants
        "PI; 0; 3.141592653589793", "E; 0; 2.718281828459045", "TRUE; 0; 1", "FALSE; 0; 0",
        "x < INF; 1e308; 1", "-INF < x; 0; 1",
        // numbers
        "1e3; 0; 1000", ".5; 0; 0.5", "2.; 0; 2", "1E-2; 0; 0.01", "  x   +  1  ; 1; 2",
    })
    void evaluates(String formula, double x, double expected) {
        assertEquals(expected, eval(formula, x), 1e-12);
    }

    @Test
    void noDataPropagatesAndNeverTestsTrue() {
        for (String formula : new String[] {"x > 2", "x != 3", "!(x > 2)", "(x > 2) | TRUE", "x * 0 == 0", "!x"}) {
            assertTrue(Double.isNaN(eval(formula, Double.NaN)), formula);
            assertFalse(Expression.parse(formula).test(Double.NaN), formula);
        }
    }

    @Test
    void nullTestsForNoData() {
        assertTrue(Expression.parse("x == NULL").test(Double.NaN));
        assertFalse(Expression.parse("x == NULL").test(3));
        assertTrue(Expression.parse("NULL == x").test(Double.NaN));
        assertFalse(Expression.parse("x != NULL").test(Double.NaN));
        assertTrue(Expression.parse("x != NULL").test(3));
        assertTrue(Expression.parse("!(x == NULL)").test(3));
    }

    @Test
    void aggregatesSummariseTheTileWithoutNoData() {
        double[] tile = {1, 2, 3, 10, Double.NaN};
        double[] out = new double[tile.length];
        Expression.parse("x > mean(x)").evaluate(tile, out);
        assertArrayEquals(new double[] {0, 0, 0, 1, Double.NaN}, out);
        assertTrue(Expression.parse("x > mean(x)").usesTileAggregates());
        assertFalse(Expression.parse("x > 2").usesTileAggregates());

        assertEquals(1, first("min(x)", tile));
        assertEquals(10, first("max(x)", tile));
        assertEquals(4, first("mean(x)", tile));
        assertEquals(2.5, first("median(x)", tile));
        assertEquals(16, first("sum(x)", tile));
        assertEquals(Math.sqrt((9 + 4 + 1 + 36) / 4.0), first("std(x)", tile), 1e-12);
        assertEquals(3, first("max(x * (x < 5))", tile));
        // Nested: the inner aggregate is known before the outer one runs.
        assertEquals(6, first("max(x - min(x)) - 3", tile));

        boolean[] matched = new boolean[tile.length];
        Expression.parse("x >= median(x)").test(tile, matched);
        assertArrayEquals(new boolean[] {false, false, true, true, false}, matched);
    }

    @Test
    void constantPartsFoldAtCompileTime() {
        assertEquals(7, eval("1 + 2 * 3", Double.NaN));
        assertEquals(1, eval("5 == NULL | 1", 0));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = ';', value = {
        "(x > 2)); unexpected ')' at 7",
        "x >; unexpected end of formula at 3",
        "(x > 2; missing ')' at 6",
        "y > 2; unknown name 'y' (the pixel value is x) at 0",
        "foo(x); unknown function 'foo' at 0",
        "x = 2; unexpected '=' (equality is '==') at 2",
        "1 < x < 3; chained comparison (write (a < x) & (x < b)) at 6",
        "x + NULL; NULL can only be compared with == or != at 4",
        "x < NULL; NULL can only be compared with == or != at 2",
        "-NULL; NULL can only be compared with == or != at 1",
        "sin(x, 2); 'sin' takes one argument at 5",
        "mean(x, 2); 'mean' takes one argument at 6",
        "x $ 2; unexpected character '$' at 2",
        "x 2; unexpected number 2 at 2",
        "2E; unexpected 'E' at 1",
        "*x; unexpected '*' at 0",
        "sin x; expected '(' after 'sin' at 4",
        "sin(); unexpected ')' at 4",
        "(); unexpected ')' at 1",
        "x > 2 &; unexpected end of formula at 7",
        "round(x; missing ')' at 7",
        "min(x, 1 2); unexpected number 2, expected ')' at 9",
    })
    void errorsSayWhereAndWhat(String formula, String message) {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Expression.parse(formula));
        assertEquals(message, e.getMessage());
        assertEquals(Integer.parseInt(message.substring(message.lastIndexOf(' ') + 1)), e.position());
    }

    @Test
    void emptyFormulasAreRefused() {
        assertEquals("empty formula at 0", assertThrows(ExpressionException.class,
                () -> Expression.parse("")).getMessage());
        assertEquals(3, assertThrows(ExpressionException.class, () -> Expression.parse("   ")).position());
    }

    @Test
    void namesAreCaseSensitiveAsInDjangoRaster() {
        assertThrows(ExpressionException.class, () -> Expression.parse("pi"));
        assertThrows(ExpressionException.class, () -> Expression.parse("X > 1"));
        assertThrows(ExpressionException.class, () -> Expression.parse("SIN(x)"));
    }

    @Test
    void rasterAlgebraNamesItsInputs() {
        Expression ndvi = ExpressionParser.parse("(nir - red) / (nir + red)", java.util.List.of("red", "nir"));
        assertEquals(java.util.List.of("red", "nir"), ndvi.variables());
        double[] out = new double[3];
        ndvi.evaluate(new double[][] {{1, 2, Double.NaN}, {3, 2, 5}}, out);
        assertArrayEquals(new double[] {0.5, 0, Double.NaN}, out);

        Expression masked = ExpressionParser.parse("a_1 * (b > 2) + mean(b)", java.util.List.of("a_1", "b"));
        masked.evaluate(new double[][] {{10, 10, 10}, {1, 3, 5}}, out);
        assertArrayEquals(new double[] {3, 13, 13}, out, "mean(b) summarises b over the tile");

        assertEquals("unknown name 'x' (the variables are a, b) at 0", assertThrows(ExpressionException.class,
                () -> ExpressionParser.parse("x + a", java.util.List.of("a", "b"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExpressionParser.parse("E", java.util.List.of("E")));
        assertThrows(IllegalArgumentException.class, () -> ExpressionParser.parse("a", java.util.List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> ExpressionParser.parse("a", java.util.List.of("1a")));
        assertThrows(IllegalArgumentException.class,
                () -> ndvi.evaluate(new double[][] {{1}}, new double[1]), "one input per variable");
    }

    private static double first(String formula, double[] tile) {
        double[] out = new double[tile.length];
        Expression.parse(formula).evaluate(tile, out);
        return out[0];
    }
}
