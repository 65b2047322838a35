package org.rasterdesk.legend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LegendJsonTest {

    static LegendEntry entry(String name, String expression, String code, String color) {
        return LegendEntry.create(new LegendSemantics(1, name, null, null), expression, color, code);
    }

    @Test
    void sortsByCodeThenNameAndWritesLikePythonJsonDumps() {
        // Expected text written from the rules of sorted(sorted(data, key=name), key=code) and json.dumps defaults.
        List<LegendEntry> entries = List.of(
                entry("Water", "1", "2", "#0000FF"),
                entry("Forest", "2", "1", "#00FF00"),
                entry("Urban", "(x > 3) & (x < 5)", "1", "#FF0000"),
                entry("Bare", "4", "", "#AABBCC"));
        assertEquals("[{\"name\": \"Bare\", \"expression\": \"4\", \"code\": \"\", \"color\": \"#AABBCC\"}, "
                + "{\"name\": \"Forest\", \"expression\": \"2\", \"code\": \"1\", \"color\": \"#00FF00\"}, "
                + "{\"name\": \"Urban\", \"expression\": \"(x > 3) & (x < 5)\", \"code\": \"1\", \"color\": \"#FF0000\"}, "
                + "{\"name\": \"Water\", \"expression\": \"1\", \"code\": \"2\", \"color\": \"#0000FF\"}]",
                LegendJson.of(entries));
    }

    @Test
    void escapesLikeEnsureAsciiAndSortsByCodePoint() {
        List<LegendEntry> entries = List.of(
                entry("Forêt \"dense\"", "x <= 1\\n", "a\tb", "#123456"),
                entry("\uD83D\uDE00 smile", "\u007f\u0001", "a\tb", "#fff"),
                entry("\uFFE0 wide", "/", "a\tb", "#ABCDEF"));
        // U+FFE0 sorts before U+1F600 in Python; UTF-16 order would put the surrogate pair first.
        assertEquals("[{\"name\": \"For\\u00eat \\\"dense\\\"\", \"expression\": \"x <= 1\\\\n\", "
                + "\"code\": \"a\\tb\", \"color\": \"#123456\"}, "
                + "{\"name\": \"\\uffe0 wide\", \"expression\": \"/\", \"code\": \"a\\tb\", \"color\": \"#ABCDEF\"}, "
                + "{\"name\": \"\\ud83d\\ude00 smile\", \"expression\": \"\\u007f\\u0001\", \"code\": \"a\\tb\", "
                + "\"color\": \"#fff\"}]", LegendJson.of(entries));
    }

    @Test
    void equalKeysKeepTheirOrder() {
        List<LegendEntry> entries = List.of(entry("A", "1", "c", "#000000"), entry("A", "2", "c", "#111111"),
                entry("A", "0", "b", "#222222"));
        List<LegendJson.Item> items = LegendJson.parse(LegendJson.of(entries));
        assertEquals(List.of("0", "1", "2"), items.stream().map(LegendJson.Item::expression).toList());
    }

    @Test
    void emptyLegendIsAnEmptyList() {
        assertEquals("[]", LegendJson.of(List.of()));
        assertEquals(List.of(), LegendJson.parse(" [ ] "));
    }

    @Test
    void parsesWhatItWritesAndWhatDjangoWrote() {
        List<LegendEntry> entries = List.of(entry("Forêt \"dense\"", "x <= 1\\n", "a\tb", "#123456"),
                entry("\uD83D\uDE00", "\u007f", "", "#fff"));
        List<LegendJson.Item> items = LegendJson.parse(LegendJson.of(entries));
        assertEquals(new LegendJson.Item("\uD83D\uDE00", "\u007f", "", "#fff"), items.get(0));
        assertEquals(new LegendJson.Item("Forêt \"dense\"", "x <= 1\\n", "a\tb", "#123456"), items.get(1));
        assertEquals(List.of(new LegendJson.Item("a/b", null, "1", "#FF0000")),
                LegendJson.parse("[{\"color\":\"#FF0000\",\"name\":\"a\\/b\",\"code\":\"1\",\"expression\":null}]"));
        assertThrows(IllegalArgumentException.class, () -> LegendJson.parse("[{\"name\": \"a\"}"));
        assertThrows(IllegalArgumentException.class, () -> LegendJson.parse("[] x"));
    }
}
