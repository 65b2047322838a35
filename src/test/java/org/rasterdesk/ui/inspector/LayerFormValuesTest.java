package org.rasterdesk.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How the form reads numbers (as django-raster's Python does) and names copies. */
class LayerFormValuesTest {

    @Test
    void nodataIsANumberAsPythonsFloatReadsIt() {
        assertEquals(300.0, LayerFieldRules.parseNumber(" 300 "));
        assertEquals(-9999.0, LayerFieldRules.parseNumber("-9999"));
        assertEquals(1.5e-3, LayerFieldRules.parseNumber("1.5E-3"));
        assertEquals(0.5, LayerFieldRules.parseNumber(".5"));
        assertEquals(Double.NaN, LayerFieldRules.parseNumber("nan"));
        assertEquals(Double.NEGATIVE_INFINITY, LayerFieldRules.parseNumber("-inf"));
        assertNull(LayerFieldRules.parseNumber("0x10"));
        assertNull(LayerFieldRules.parseNumber("1f"));
        assertNull(LayerFieldRules.parseNumber("two"));
    }

    @Test
    void aCopyIsNamedAfterItsOriginalWithinTheColumnsHundredCharacters() {
        assertEquals("Rainfall (copy)", LayerRecords.copyName("Rainfall"));
        assertEquals("Layer (copy)", LayerRecords.copyName(null));
        String copy = LayerRecords.copyName("x".repeat(100));
        assertEquals(100, copy.length());
        assertEquals("x".repeat(92) + "… (copy)", copy);
    }
}
