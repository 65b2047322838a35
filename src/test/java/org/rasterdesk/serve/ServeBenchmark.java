package org.rasterdesk.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.tiling.TileKey;

/**
 * Requests per second and latency percentiles of the tile server under wrk (Debian's {@code wrk}), for tiles
 * answered from memory and for tiles drawn anew (a server whose cache holds nothing: a PostGIS read, colouring
 * and PNG encoding per request). Each run is bounded in time; the figures are printed, not asserted.
 * Usage: {@code scripts/serve-benchmark.sh [SECONDS] [CONNECTIONS] [RUNS]}.
 */
public final class ServeBenchmark {

    private ServeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        ServedLayers served = ServedLayers.get();
        // Every stored tile of the DEM at its max zoom and one level up: real tiles of 256x256 Float32.
        List<String> paths = new ArrayList<>();
        TileRepository tiles = new TileRepository(served.dataSource);
        for (int zoom : new int[] {13, 12}) {
            for (TileKey key : tiles.keys(served.dem, zoom)) {
                paths.add("/raster/tiles/" + served.dem + "/" + key + ".png");
            }
        }
        Path script = Files.createTempFile("serve-benchmark", ".lua");
        Files.writeString(script, luaCycling(paths));
        try (TileServer uncached = TileServer.start(served.dataSource, "127.0.0.1", 0, 1024)) {
            for (String path : paths) {
                served.get(path); // warm the cache of the first server, and the JIT
                uncached.url();
            }
            System.out.println("tiles: " + paths.size() + " PNG tiles of layer " + served.dem
                    + " (LisbonElevation.tif, Float32, zooms 12-13)");
            for (int run = 1; run <= runs; run++) {
                System.out.println("== run " + run + ", load: " + loadAverage());
                wrk("cached", served.server.url().toString(), script, seconds, connections);
                wrk("uncached", uncached.url().toString(), script, seconds, connections);
                wrk("uncached, 4 connections", uncached.url().toString(), script, seconds, 4);
            }
        } finally {
            Files.deleteIfExists(script);
        }
        System.exit(0);
    }

    /** A wrk script that asks for the paths in turn. */
    private static String luaCycling(List<String> paths) {
        StringBuilder lua = new StringBuilder("paths = {\n");
        for (String p : paths) {
            lua.append("  \"").append(p).append("\",\n");
        }
        lua.append("}\ni = 0\nrequest = function()\n  i = i % #paths + 1\n"
                + "  return wrk.format(\"GET\", paths[i])\nend\n");
        return lua.toString();
    }

    private static void wrk(String label, String url, Path script, int seconds, int connections)
            throws IOException, InterruptedException {
        List<String> command = List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), url);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(seconds + 60L, TimeUnit.SECONDS);
        System.out.println("-- " + label + ": " + String.join(" ", command.subList(0, 5)));
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (l.startsWith("Latency") || l.matches("(50|75|90|99)%.*") || l.startsWith("Requests/sec")
                    || l.contains("requests in") || l.startsWith("Non-2xx") || l.startsWith("Socket errors")) {
                System.out.println("   " + l);
            }
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }
}
