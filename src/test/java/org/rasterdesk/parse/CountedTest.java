package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Counts in the parse log take the noun's number. */
class CountedTest {

    @Test
    void oneIsSingularEveryOtherCountPlural() {
        assertEquals("1 tile", Counted.of(1, "tile"));
        assertEquals("0 tiles", Counted.of(0, "tile"));
        assertEquals("2 files", Counted.of(2, "file"));
        assertEquals("12,345 tiles", Counted.grouped(12_345, "tile"));
        assertEquals("1 tile", Counted.grouped(1, "tile"));
    }
}
