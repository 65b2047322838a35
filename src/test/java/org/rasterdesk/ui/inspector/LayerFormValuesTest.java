package org.rasterdesk.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How the form reads numbers (as django-raster's Python does) and names copies. */
class LayerFormValuesTest {

    @Test
    void nodataIsANumberAsPythonsFloatReadsIt() {
        assertEquals(300.0, LayerForm.parseNumber(" 300 "));
        assertEquals(-9999.0, LayerForm.parseNumber("-9999"));
        assertEquals(1.5e-3, LayerForm.parseNumber("1.5E-3"));
        assertEquals(0.5, LayerForm.parseNumber(".5"));
        assertEquals(Double.NaN, LayerForm.parseNumber("nan"));
        assertEquals(Double.NEGATIVE_INFINITY, LayerForm.parseNumber("-inf"));
        assertNull(LayerForm.parseNumber("0x10"));
        assertNull(LayerForm.parseNumber("1f"));
        assertNull(LayerForm.parseNumber("two"));
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
