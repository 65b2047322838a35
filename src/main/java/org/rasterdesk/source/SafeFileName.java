package org.rasterdesk.source;

/** A name from a URL, key or archive made safe for a local file: no separators, no "..", no odd characters. */
final class SafeFileName {

    private SafeFileName() {
    }

    static String of(String name) {
        String base = name == null ? "" : name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String clean = base.strip().replace(' ', '_').replaceAll("[^-\\w.]", "");
        if (clean.isEmpty() || clean.chars().allMatch(c -> c == '.')) {
            return "raster";
        }
        return clean;
    }
}
