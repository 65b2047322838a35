package org.rasterdesk.raster;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** GDAL's command line tools as the test oracle: metadata, pixel windows, statistics, and test files. */
public final class Gdal {

    private Gdal() {
    }

    static Path data(String relative) {
        Path root = Path.of(System.getProperty("rasterdesk.test.data", "../shared/data")).toAbsolutePath().normalize();
        // A worktree may sit one level deeper than the project; then the data is in an ancestor's shared/data.
        for (Path dir = Path.of("").toAbsolutePath(); !Files.isDirectory(root) && dir != null; dir = dir.getParent()) {
            root = dir.resolve("shared/data");
        }
        return root.resolve(relative);
    }

    /** Runs a GDAL tool and returns its standard output; fails the test clearly if GDAL is not installed. */
    public static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(String.join(" ", command) + " failed: " + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fail("GDAL's command line tools are needed for this test (apt-get install gdal-bin): "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> info(Path file, String... options) {
        List<String> cmd = new ArrayList<>(List.of("gdalinfo", "-json"));
        cmd.addAll(List.of(options));
        cmd.add(file.toString());
        return (Map<String, Object>) Json.parse(run(cmd.toArray(String[]::new)));
    }

    /** GDAL's pixels of a window, as doubles indexed [band][row * w + col]. */
    static double[][] window(Path file, int x, int y, int w, int h, int bands, Path tmp) throws IOException {
        Path out = Files.createTempFile(tmp, "win", ".bin");
        run("gdal_translate", "-q", "-ot", "Float64", "-of", "ENVI", "-co", "INTERLEAVE=BSQ", "-srcwin", "" + x, "" + y, "" + w, "" + h,
                // ENVI refuses rotated geotransforms; the pixels are all we want from it.
                "-a_ullr", "0", "" + h, "" + w, "0",
                file.toString(), out.toString());
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.nativeOrder());
        double[][] d = new double[bands][w * h];
        for (int b = 0; b < bands; b++) {
            for (int i = 0; i < w * h; i++) {
                d[b][i] = buf.getDouble();
            }
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(Path.of(out + ".aux.xml"));
        Files.deleteIfExists(Path.of(out.toString().replaceAll("\\.bin$", ".hdr")));
        return d;
    }

    /** Makes a test file with gdal_translate (or gdalwarp when the first option is "warp"). */
    static Path translate(Path source, Path target, String... options) {
        List<String> cmd = new ArrayList<>();
        cmd.add("gdal_translate");
        cmd.add("-q");
        cmd.addAll(List.of(options));
        cmd.add(source.toString());
        cmd.add(target.toString());
        run(cmd.toArray(String[]::new));
        return target;
    }

    static Path warp(Path source, Path target, String... options) {
        List<String> cmd = new ArrayList<>(List.of("gdalwarp", "-q", "-overwrite"));
        cmd.addAll(List.of(options));
        cmd.add(source.toString());
        cmd.add(target.toString());
        run(cmd.toArray(String[]::new));
        return target;
    }
}
