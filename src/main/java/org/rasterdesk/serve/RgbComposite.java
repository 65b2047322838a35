package org.rasterdesk.serve;

/**
 * django-raster's RGB images: three inputs named r, g and b (layers or bands) as the red, green and blue of each
 * pixel, their values taken as bytes, optionally stretched by {@code scale=max} or {@code scale=min,max}; with
 * {@code alpha}, pixels whose three values are 0 are transparent.
 *
 * <p>Differences from django-raster: the stretch maps min..max onto 0..255 (django-raster divides by max rather
 * than max - min), values beyond 0..255 are clamped (django-raster's numpy cast wraps them), and alpha makes a pixel
 * transparent where all three values are 0, as django-raster's documentation says (its code does so where any is).
 */
record RgbComposite(double min, double max, boolean scaled, boolean alpha) {

    /** @throws HttpError 400 when scale is not one or two numbers with min < max */
    static RgbComposite of(QueryParameters query) {
        boolean alpha = query.has("alpha");
        if (!query.has("scale")) {
            return new RgbComposite(0, 255, false, alpha);
        }
        String[] parts = query.get("scale").orElseThrow().split(",");
        double min;
        double max;
        try {
            if (parts.length == 1) {
                min = 0;
                max = Double.parseDouble(parts[0].strip());
            } else if (parts.length == 2) {
                min = Double.parseDouble(parts[0].strip());
                max = Double.parseDouble(parts[1].strip());
            } else {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("scale is max or min,max: '" + query.get("scale").orElseThrow() + "'");
        }
        if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw HttpError.badRequest("scale: min must be less than max");
        }
        return new RgbComposite(min, max, true, alpha);
    }

    String key() {
        return (scaled ? "scale=" + min + "," + max : "") + (alpha ? "&alpha" : "");
    }

    /** The pixels of the red, green and blue values as ARGB. */
    int[] paint(double[] red, double[] green, double[] blue) {
        int[] argb = new int[red.length];
        for (int i = 0; i < argb.length; i++) {
            int r = channel(red[i]);
            int g = channel(green[i]);
            int b = channel(blue[i]);
            int a = alpha && red[i] == 0 && green[i] == 0 && blue[i] == 0 ? 0 : 255;
            argb[i] = a << 24 | r << 16 | g << 8 | b;
        }
        return argb;
    }

    private int channel(double v) {
        double scaledValue = scaled ? (Math.max(min, Math.min(max, v)) - min) / (max - min) * 255 : v;
        // NaN (a float band's no data) is drawn as 0.
        return scaledValue >= 255 ? 255 : scaledValue > 0 ? (int) scaledValue : 0;
    }
}
