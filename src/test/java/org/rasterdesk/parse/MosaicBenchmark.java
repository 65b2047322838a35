package org.rasterdesk.parse;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.tiling.GdalRaster;

/**
 * A local parse of a mosaic of overlapping files over the tests' throw-away PostGIS: wall time, this JVM's CPU time and
 * the database server's (the postmaster and its backends, from /proc), per run. Printed, not asserted.
 * The files are cut from RASTER into a grid of GRID×GRID pieces (or COLS×ROWS, given as {@code 2x1}) overlapping by
 * a tenth of a piece.
 * Usage: {@code scripts/mosaic-benchmark.sh RASTER [GRID] [RUNS] [MAX_ZOOM]}.
 */
public final class MosaicBenchmark {

    private static final long TICKS_PER_SECOND = 100;

    private MosaicBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path raster = Path.of(args[0]);
        String[] grid = (args.length > 1 ? args[1] : "2").split("x");
        int columns = Integer.parseInt(grid[0]);
        int rows = grid.length > 1 ? Integer.parseInt(grid[1]) : columns;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Integer maxZoom = args.length > 3 ? Integer.valueOf(args[3]) : null;
        Path work = Files.createDirectories(Path.of("target", "mosaic-benchmark"));
        List<Path> files = cut(raster, columns, rows, work);
        DataSource dataSource = TestDatabase.shared().dataSource();
        long postmaster = postmaster(dataSource);
        for (int run = 1; run <= runs; run++) {
            RasterLayer template = RasterLayer.create("bench mosaic " + run).withDatatype(DataType.CONTINUOUS)
                    .withStoreReprojected(false);
            if (maxZoom != null) {
                template = template.withMaxZoom(maxZoom);
            }
            RasterLayer layer = new MosaicFiles(dataSource).create(template, files, false, false);
            String load = Files.readString(Path.of("/proc/loadavg")).trim();
            long cpu0 = processCpu();
            long server0 = serverTicks(postmaster);
            long t0 = System.nanoTime();
            ParseResult result = new LayerParser(dataSource).parse(layer.id(), files, ParseOptions.defaults(),
                    ParseListener.NONE, () -> false);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpu() - cpu0) / 1e9;
            double server = (serverTicks(postmaster) - server0) / (double) TICKS_PER_SECOND;
            long tiles = result.tilesPerZoom().values().stream().mapToLong(Long::longValue).sum();
            System.out.printf(Locale.ROOT, "run %d: %d files, %d tiles (max zoom %d): wall %.1f s, JVM CPU %.1f s, "
                            + "server CPU %.1f s, load before %s; %s%n", run, files.size(), tiles,
                    result.tilesPerZoom().lastKey(), wall, cpu, server, load, result.message());
        }
        System.exit(0);
    }

    private static List<Path> cut(Path raster, int columns, int rows, Path work) throws Exception {
        String info = GdalRaster.run("gdalinfo", "-json", raster.toString());
        java.util.regex.Matcher size = java.util.regex.Pattern.compile("\"size\":\\s*\\[\\s*(\\d+),\\s*(\\d+)")
                .matcher(info);
        if (!size.find()) {
            throw new IOException("no size in gdalinfo's answer");
        }
        int width = Integer.parseInt(size.group(1));
        int height = Integer.parseInt(size.group(2));
        int w = width / columns;
        int h = height / rows;
        List<Path> files = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < columns; col++) {
                Path out = work.resolve(raster.getFileName() + "_" + columns + "x" + rows + "_" + row + "_" + col
                        + ".tif");
                int x = Math.max(0, col * w - w / 10);
                int y = Math.max(0, row * h - h / 10);
                if (!Files.exists(out)) {
                    GdalRaster.run("gdal_translate", "-q", "-co", "TILED=YES", "-srcwin", Integer.toString(x),
                            Integer.toString(y), Integer.toString(Math.min(width - x, w + w / 10)),
                            Integer.toString(Math.min(height - y, h + h / 10)), raster.toString(), out.toString());
                }
                files.add(out);
            }
        }
        return files;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long postmaster(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            String[] stat = stat(rs.getLong(1));
            return Long.parseLong(stat[1]);
        }
    }

    /** The postmaster's CPU ticks with its reaped children's, plus those of its live children. */
    private static long serverTicks(long postmaster) throws IOException {
        String[] own = stat(postmaster);
        long ticks = Long.parseLong(own[11]) + Long.parseLong(own[12]) + Long.parseLong(own[13])
                + Long.parseLong(own[14]);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String[] s = stat(Long.parseLong(name));
                    if (Long.parseLong(s[1]) == postmaster) {
                        ticks += Long.parseLong(s[11]) + Long.parseLong(s[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // The process ended meanwhile.
                }
            }
        }
        return ticks;
    }

    /** Fields of /proc/PID/stat after the command's name: [0] state, [1] ppid, ..., [11] utime, [12] stime. */
    private static String[] stat(long pid) throws IOException {
        String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return s.substring(s.lastIndexOf(')') + 2).split(" ");
    }
}
