package org.rasterdesk.serve;

/** Starts the fixture's server and keeps it running, for trying the API and the web map by hand. */
public final class TileServerSmokeMain {

    private TileServerSmokeMain() {
    }

    public static void main(String[] args) throws Exception {
        ServedLayers layers = ServedLayers.get();
        System.out.println("serving at " + layers.server.url() + " categorical=" + layers.categorical + " dem="
                + layers.dem + " rgb=" + layers.rgb);
        layers.server.setRequestListener((m, t, s, n) -> System.out.printf("%s %s %d %.1f ms%n", m, t, s, n / 1e6));
        Thread.sleep(Long.parseLong(args.length > 0 ? args[0] : "600") * 1000);
        System.exit(0);
    }
}
