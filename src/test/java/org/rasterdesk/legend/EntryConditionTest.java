package org.rasterdesk.legend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EntryConditionTest {

    @Test
    void whatPythonFloatReadsIsMatchedByEquality() {
        assertEquals(3.0, EntryCondition.of("3").value().orElseThrow());
        assertEquals(2.5, EntryCondition.of(" 2.5 ").value().orElseThrow());
        assertEquals(-1000.0, EntryCondition.of("-1e3").value().orElseThrow());
        assertEquals(7.0, EntryCondition.of("+7.").value().orElseThrow());
        assertEquals(Double.POSITIVE_INFINITY, EntryCondition.of("inf").value().orElseThrow());
        assertEquals(Double.NEGATIVE_INFINITY, EntryCondition.of("-Infinity").value().orElseThrow());
        assertTrue(EntryCondition.of("3").matches(3));
        assertFalse(EntryCondition.of("3").matches(4));
        assertFalse(EntryCondition.of("3").matches(Double.NaN));
        // A bare number is not "true everywhere": that is why django-raster tries float() first.
        assertFalse(EntryCondition.of("1").matches(2));
        // NaN equals nothing, as in numpy.
        assertFalse(EntryCondition.of("nan").matches(Double.NaN));
    }

    @Test
    void everythingElseIsAFormula() {
        EntryCondition c = EntryCondition.of("(x > 3) & (x < 5)");
        assertTrue(c.value().isEmpty());
        assertTrue(c.matches(4));
        assertFalse(c.matches(5));
        boolean[] matched = new boolean[4];
        c.match(new double[] {3, 4, 4.5, Double.NaN}, matched);
        assertArrayEquals(new boolean[] {false, true, true, false}, matched);
        assertThrows(ExpressionException.class, () -> EntryCondition.of("x >"));
    }
}
