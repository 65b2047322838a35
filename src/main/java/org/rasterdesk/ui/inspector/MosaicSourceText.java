package org.rasterdesk.ui.inspector;

import java.util.List;
import org.rasterdesk.parse.Counted;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.StoredFile;

/**
 * How the form tells a mosaic layer's source: that it is a mosaic of N files, the first of them by name, the whole
 * list in order (as QGIS's virtual raster lists its inputs), and which file wins where they overlap.
 */
final class MosaicSourceText {

    private MosaicSourceText() {
    }

    /** "Mosaic of 1,200 files: a.tif + 1,199 more". */
    static String summary(MosaicFiles.Mosaic mosaic) {
        List<StoredFile> files = mosaic.files();
        if (files.isEmpty()) {
            return "Mosaic without files";
        }
        int more = files.size() - 1;
        return "Mosaic of " + Counted.grouped(files.size(), "file") + ": " + files.get(0).rasterName()
                + (more == 0 ? "" : " + " + String.format(java.util.Locale.ROOT, "%,d", more) + " more");
    }

    /** The overlap rule, as the several-files question put it. */
    static String overlap(MosaicFiles.Mosaic mosaic) {
        return mosaic.firstWins() ? "Where files overlap, the first in the list wins."
                : "Where files overlap, the later in the list wins (as gdalbuildvrt does).";
    }

    /** Every file in the mosaic's order, numbered, then the overlap rule: the source's tooltip. */
    static String listing(MosaicFiles.Mosaic mosaic) {
        StringBuilder text = new StringBuilder(summary(mosaic).replaceFirst(":.*$", ", in this order:"));
        List<StoredFile> files = mosaic.files();
        for (int i = 0; i < files.size(); i++) {
            StoredFile f = files.get(i);
            text.append('\n').append(i + 1).append(". ").append(f.rasterName())
                    .append(f.inDatabase() ? "" : " (" + f.path() + ")");
        }
        return text.append('\n').append(overlap(mosaic)).toString();
    }
}
