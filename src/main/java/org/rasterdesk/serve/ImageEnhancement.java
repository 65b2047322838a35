package org.rasterdesk.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * django-raster's image enhancement options ({@code enhance_color}, {@code enhance_contrast},
 * {@code enhance_brightness}, {@code enhance_sharpness}: a factor, 1 leaves the image as it is), done as Pillow's
 * ImageEnhance does them, in that order whatever the order of the query: each blends the image with a degenerate
 * one (grey, mean grey, black, smoothed) at the factor, in single precision and truncated to bytes as Pillow's C
 * code does; alpha is kept.
 */
final class ImageEnhancement {

    /** The query parameters, in django-raster's order of application. */
    static final List<String> PARAMETERS = List.of("enhance_color", "enhance_contrast", "enhance_brightness",
            "enhance_sharpness");

    private record Step(String kind, float factor) {
    }

    private static final int SIZE = 256;

    private final List<Step> steps;

    private ImageEnhancement(List<Step> steps) {
        this.steps = steps;
    }

    /** @throws HttpError 400 when a factor is not a finite number */
    static ImageEnhancement of(QueryParameters query) {
        List<Step> steps = new ArrayList<>();
        for (String name : PARAMETERS) {
            if (query.has(name)) {
                String text = query.get(name).orElseThrow().strip();
                double factor;
                try {
                    factor = Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw HttpError.badRequest(name + " must be a number, not '" + text + "'");
                }
                if (!Double.isFinite(factor)) {
                    throw HttpError.badRequest(name + " must be a finite number");
                }
                steps.add(new Step(name.substring("enhance_".length()), (float) factor));
            }
        }
        return new ImageEnhancement(List.copyOf(steps));
    }

    boolean isNone() {
        return steps.isEmpty();
    }

    /** The part of a cache key these options make. */
    String key() {
        StringBuilder key = new StringBuilder();
        for (Step s : steps) {
            key.append('&').append(s.kind()).append('=').append(String.format(Locale.ROOT, "%s", s.factor()));
        }
        return key.toString();
    }

    /** A 256×256 ARGB image enhanced, as a new array. */
    int[] apply(int[] argb) {
        int[] image = argb;
        for (Step step : steps) {
            int[] degenerate = switch (step.kind()) {
                case "color" -> grey(image);
                case "contrast" -> meanGrey(image);
                case "brightness" -> black(image);
                case "sharpness" -> smooth(image);
                default -> throw new IllegalStateException(step.kind());
            };
            image = blend(degenerate, image, step.factor());
        }
        return image;
    }

    /** Pillow's RGB → L: ITU-R 601-2 luma in 16-bit fixed point, rounded. */
    private static int luma(int c) {
        return (((c >>> 16) & 0xFF) * 19595 + ((c >>> 8) & 0xFF) * 38470 + (c & 0xFF) * 7471 + 0x8000) >>> 16;
    }

    private static int[] grey(int[] image) {
        int[] out = new int[image.length];
        for (int i = 0; i < image.length; i++) {
            int l = luma(image[i]);
            out[i] = (image[i] & 0xFF000000) | l << 16 | l << 8 | l;
        }
        return out;
    }

    private static int[] meanGrey(int[] image) {
        long sum = 0;
        for (int c : image) {
            sum += luma(c);
        }
        int mean = (int) ((double) sum / image.length + 0.5);
        int[] out = new int[image.length];
        for (int i = 0; i < image.length; i++) {
            out[i] = (image[i] & 0xFF000000) | mean << 16 | mean << 8 | mean;
        }
        return out;
    }

    private static int[] black(int[] image) {
        int[] out = new int[image.length];
        for (int i = 0; i < image.length; i++) {
            out[i] = image[i] & 0xFF000000;
        }
        return out;
    }

    /** Pillow's SMOOTH filter (3×3 kernel 1 1 1 / 1 5 1 / 1 1 1 over 13); the border pixels stay as they are. */
    private static int[] smooth(int[] image) {
        float edge = 1f / 13f;
        float centre = 5f / 13f;
        int[] out = image.clone();
        for (int y = 1; y < SIZE - 1; y++) {
            for (int x = 1; x < SIZE - 1; x++) {
                int result = image[y * SIZE + x] & 0xFF000000;
                for (int shift = 0; shift <= 16; shift += 8) {
                    float ss = 0.5f;
                    ss += kernelRow(image, y + 1, x, shift, edge, edge);
                    ss += kernelRow(image, y, x, shift, edge, centre);
                    ss += kernelRow(image, y - 1, x, shift, edge, edge);
                    result |= clip(ss) << shift;
                }
                out[y * SIZE + x] = result;
            }
        }
        return out;
    }

    private static float kernelRow(int[] image, int y, int x, int shift, float side, float middle) {
        int row = y * SIZE;
        return (float) ((image[row + x - 1] >>> shift) & 0xFF) * side
                + (float) ((image[row + x] >>> shift) & 0xFF) * middle
                + (float) ((image[row + x + 1] >>> shift) & 0xFF) * side;
    }

    private static int clip(float v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) v;
    }

    /** Pillow's Image.blend(degenerate, image, factor), channel by channel. */
    private static int[] blend(int[] degenerate, int[] image, float factor) {
        boolean within = factor >= 0 && factor <= 1;
        int[] out = new int[image.length];
        for (int i = 0; i < image.length; i++) {
            int result = 0;
            for (int shift = 0; shift <= 24; shift += 8) {
                int a = (degenerate[i] >>> shift) & 0xFF;
                int b = (image[i] >>> shift) & 0xFF;
                float v = a + factor * (b - a);
                result |= (within ? (int) v & 0xFF : clip(v)) << shift;
            }
            out[i] = result;
        }
        return out;
    }
}
