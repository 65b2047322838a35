package org.rasterdesk.raster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.rasterdesk.tiling.SourceFootprint;
import org.rasterdesk.tiling.SourceProjection;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileFormat;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.Warper;
import org.rasterdesk.tiling.WebMercator;
import org.rasterdesk.tiling.ZoomLevels;
import org.rasterdesk.tiling.Resampling;

/**
 * A seeded mutation fuzzer of the raster readers, run in a JVM of its own with a small heap: each variant of each
 * seed file (a few bytes changed, mostly in the headers, or the file cut short) is opened, its statistics computed
 * and one tile warped as a parse would. Refusing a file with an {@link IOException} is the right answer; any other
 * exception, an {@link Error} or a read that takes too long is a crasher, whose bytes are saved for a regression
 * test.
 *
 * <p>Arguments: seed folder, variants per seed file, random seed, folder for crashers, seconds allowed per variant.
 * Exit status: 0 without crashers, 1 with, 2 after a hang (the stuck thread cannot be stopped).
 */
public final class HostileFiles {

    private static final int[] INTERESTING = {0, 1, -1, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0x10000, 255, 256};

    /** What reading one file did. */
    enum Outcome { READ, REFUSED, CRASHED, HUNG }

    private HostileFiles() {
    }

    public static void main(String[] args) throws Exception {
        Path seeds = Path.of(args[0]);
        int variants = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        Path crashers = Files.createDirectories(Path.of(args[3]));
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        List<Path> files;
        try (Stream<Path> list = Files.list(seeds)) {
            files = list.filter(p -> Files.isRegularFile(p)
                    && org.rasterdesk.source.RasterFileNames.isRaster(p.getFileName().toString())).sorted().toList();
        }
        // The EPSG database's first use takes seconds; it must not count as a variant's reading time.
        long warm = System.nanoTime();
        org.apache.sis.referencing.CRS.findOperation(org.apache.sis.referencing.CRS.forCode("EPSG:4326"),
                org.apache.sis.referencing.CRS.forCode("EPSG:3857"), null);
        System.out.printf(Locale.ROOT, "fuzz: referencing ready in %.1f s%n", (System.nanoTime() - warm) / 1e9);
        Random random = new Random(seed);
        Path work = Files.createTempDirectory("rasterdesk-fuzz-");
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-read");
            t.setDaemon(true);
            return t;
        });
        int[] counts = new int[Outcome.values().length];
        int status = 0;
        for (Path original : files) {
            byte[] bytes = Files.readAllBytes(original);
            String name = original.getFileName().toString();
            // Side files (world file, .prj) come along unchanged: the image itself is what is mutated.
            for (Path side : org.rasterdesk.source.RasterFileNames.sideFiles(original)) {
                Files.copy(side, work.resolve(side.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            for (int v = 0; v < variants; v++) {
                byte[] mutated = mutate(bytes, random);
                Path variant = work.resolve(name);
                Files.write(variant, mutated);
                Future<Outcome> reading = worker.submit(() -> read(variant));
                Outcome outcome;
                String detail = "";
                try {
                    outcome = reading.get(seconds, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    outcome = Outcome.HUNG;
                } catch (ExecutionException e) {
                    outcome = Outcome.CRASHED;
                    detail = String.valueOf(e.getCause());
                    if (e.getCause() instanceof StackOverflowError || e.getCause() instanceof OutOfMemoryError) {
                        detail = e.getCause().toString();
                    }
                }
                counts[outcome.ordinal()]++;
                if (outcome == Outcome.CRASHED || outcome == Outcome.HUNG) {
                    String saved = String.format(Locale.ROOT, "%s-%d-%d%s", stem(name), seed, v, extension(name));
                    Files.write(crashers.resolve(saved), mutated);
                    System.out.println(outcome + " " + saved + " " + detail);
                    status = Math.max(status, outcome == Outcome.HUNG ? 2 : 1);
                    if (outcome == Outcome.HUNG) {
                        break;
                    }
                }
            }
            if (status == 2) {
                break;
            }
        }
        System.out.printf(Locale.ROOT, "fuzz: %d seed files, %d variants each, seed %d: read %d, refused %d, "
                + "crashed %d, hung %d%n", files.size(), variants, seed, counts[0], counts[1], counts[2], counts[3]);
        System.out.flush();
        Runtime.getRuntime().halt(status);
    }

    /** Reads a file as a parse does; IOException is a refusal, anything else escapes as a crash. */
    static Outcome read(Path file) throws Exception {
        try (RasterReader reader = RasterFiles.open(file)) {
            RasterInfo info = reader.info();
            List<BandStats> stats = BandStatistics.compute(reader, info.nodata());
            TileFormat format = TileFormat.choose(info, stats);
            if (info.crs() == null) {
                return Outcome.READ;
            }
            RasterReader tiled = RasterOverrides.withPixelType(reader, format.pixelType());
            SourceProjection projection;
            try {
                projection = new SourceProjection(tiled.info(), null);
            } catch (org.opengis.util.FactoryException | IllegalArgumentException e) {
                return Outcome.REFUSED;  // as a parse says "cannot be transformed to web mercator"
            }
            var extent = SourceFootprint.of(projection);
            if (extent == null) {
                return Outcome.READ;
            }
            int zoom;
            try {
                zoom = new ZoomLevels().forPixelSize(ZoomLevels.sourcePixelSize(projection), true).zoom();
            } catch (IllegalArgumentException e) {
                return Outcome.REFUSED;  // "the source pixel size cannot be measured"
            }
            double x = (extent.minX() + extent.maxX()) / 2;
            double y = (extent.minY() + extent.maxY()) / 2;
            TileKey key = new TileKey(zoom, WebMercator.tileX(zoom, x), WebMercator.tileY(zoom, y));
            TileData tile = new Warper(tiled, projection, Resampling.NEAREST, format.nodata()).warpTile(key);
            return tile.bandCount() == info.bandCount() ? Outcome.READ : Outcome.CRASHED;
        } catch (IOException e) {
            return Outcome.REFUSED;
        }
    }

    /** A few changes, mostly within the first 4 KB where the headers and directories of small files lie. */
    static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        if (random.nextInt(20) == 0) {
            return java.util.Arrays.copyOf(b, random.nextInt(Math.max(1, b.length)));
        }
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            int span = random.nextInt(10) < 8 ? Math.min(b.length, 4096) : b.length;
            int at = random.nextInt(Math.max(1, span));
            switch (random.nextInt(4)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> put(b, at & ~1, 2, INTERESTING[random.nextInt(INTERESTING.length)], random.nextBoolean());
                default -> put(b, at & ~3, 4, INTERESTING[random.nextInt(INTERESTING.length)], random.nextBoolean());
            }
        }
        return b;
    }

    private static void put(byte[] b, int at, int size, int value, boolean little) {
        if (at + size > b.length) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(b).order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        if (size == 2) {
            buffer.putShort(at, (short) value);
        } else {
            buffer.putInt(at, value);
        }
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    /** For a test: the outcome of reading each file of a folder. */
    static List<String> readAll(Path folder) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.sorted().toList()) {
                try {
                    out.add(p.getFileName() + " " + read(p));
                } catch (Throwable t) {
                    out.add(p.getFileName() + " CRASHED " + t);
                }
            }
        }
        return out;
    }
}
