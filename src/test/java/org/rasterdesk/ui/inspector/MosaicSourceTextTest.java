package org.rasterdesk.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.StoredFile;

/** The form's words for a mosaic's files count them as the parse log does ({@code Counted}): grouped, in number. */
class MosaicSourceTextTest {

    @Test
    void aMosaicOfManyFilesIsCountedAsTheLogCountsThem() {
        assertEquals("Mosaic of 1,200 files: scene_0001.tif + 1,199 more", MosaicSourceText.summary(mosaic(1200)));
        assertTrue(MosaicSourceText.listing(mosaic(1200)).startsWith("Mosaic of 1,200 files, in this order:\n"
                + "1. scene_0001.tif\n"), MosaicSourceText.listing(mosaic(1200)));
        assertEquals("Mosaic of 1 file: scene_0001.tif", MosaicSourceText.summary(mosaic(1)));
        assertEquals("Mosaic of 2 files: scene_0001.tif + 1 more", MosaicSourceText.summary(mosaic(2)));
    }

    private static MosaicFiles.Mosaic mosaic(int files) {
        List<StoredFile> stored = new ArrayList<>();
        for (int i = 1; i <= files; i++) {
            stored.add(new StoredFile(7, String.format("scene_%04d.tif", i), 1000, "ab", null, Instant.EPOCH));
        }
        return new MosaicFiles.Mosaic(7, false, stored);
    }
}
