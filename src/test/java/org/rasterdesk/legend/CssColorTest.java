package org.rasterdesk.legend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CssColorTest {

    @Test
    void shortFormsDoubleEachDigitAsCssDoes() {
        assertEquals(0xFFFF0000, CssColor.parse("#F00"));
        assertEquals(0xFF112233, CssColor.parse("#123"));
        assertEquals(0x44112233, CssColor.parse("#1234"));
    }

    @Test
    void longForms() {
        assertEquals(0xFFFF8000, CssColor.parse("#ff8000"));
        assertEquals(0x80FF8000, CssColor.parse("#FF800080"));
        assertEquals(0xFF00FF00, CssColor.parse("00ff00"));
    }

    @Test
    void badColoursAreRefused() {
        for (String bad : new String[] {"", "#", "#12", "#12345", "#gg0000", "red", "#1234567"}) {
            assertThrows(IllegalArgumentException.class, () -> CssColor.parse(bad), bad);
            assertFalse(CssColor.isValid(bad));
        }
    }

    @Test
    void formatsOpaqueColoursAsSixDigits() {
        assertEquals("#ff0000", CssColor.format(0xFFFF0000));
        assertEquals("#ff000080", CssColor.format(0x80FF0000));
    }

    @Test
    void continuousStyleJsonIsDjangoRastersColormapParameter() {
        ContinuousStyle style = ContinuousStyle.of("#00F", "#F00").withOver("#fff").withRange(0, 9.5);
        assertEquals("{\"continuous\": true, \"from\": \"#0000ff\", \"to\": \"#ff0000\", \"over\": \"#ffffff\", "
                + "\"range\": [0, 9.5]}", style.toJson());
        assertEquals(style, ContinuousStyle.fromJson(style.toJson()));
        ContinuousStyle lists = ContinuousStyle.fromJson("{\"continuous\": true, \"from\": [0, 0, 255], "
                + "\"to\": [255, 0, 0, 128]}");
        assertEquals(0xFF0000FF, lists.from());
        assertEquals(0x80FF0000, lists.to());
        assertEquals(null, lists.range());
        assertThrows(IllegalArgumentException.class, () -> ContinuousStyle.fromJson("{\"from\": \"#000\"}"));
    }
}
