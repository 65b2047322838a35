package org.rasterdesk.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.layer.LayerDisplayRepository;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.PngEncoder;
import org.rasterdesk.render.RenderedTile;
import org.rasterdesk.tiling.TileKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Draws one tile of a layer with its legend (or another) into a PNG file. */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw the tile Z/X/Y of a layer into a 256x256 RGBA PNG, with the layer's legend or another.",
                "A missing tile is drawn from its nearest ancestor; nothing at all gives a transparent tile."})
final class RenderCommand implements Callable<Integer> {

    private static final Pattern ADDRESS = Pattern.compile("(\\d+)/(\\d+)/(\\d+)");

    @Mixin
    DatabaseOption db;

    @Option(names = "--layer", required = true, paramLabel = "ID", description = "The layer to draw.")
    int layerId;

    @Option(names = "--legend", paramLabel = "ID", description = "Draw with this legend instead of the layer's.")
    Integer legendId;

    @Option(names = "--band", paramLabel = "N", description = "0-based band (default: the band the layer shows, "
            + "0 unless chosen in its form).")
    Integer band;

    @Parameters(index = "0", paramLabel = "Z/X/Y", description = "The tile address (XYZ scheme, y = 0 north).")
    String address;

    @Parameters(index = "1", paramLabel = "OUT.png", description = "The PNG file to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        TileKey key = parseKey(address);
        try (ConnectedDatabase connected = db.open()) {
            javax.sql.DataSource dataSource = connected.database().dataSource();
            int shown = band != null ? band : new LayerDisplayRepository(dataSource).band(layerId);
            RenderedTile tile = render(dataSource, layerId, legendId, shown, key, out);
            System.out.println(describe(tile, out));
            return 0;
        }
    }

    /** What the command does, without the console: draw and write the PNG. */
    static RenderedTile render(javax.sql.DataSource dataSource, int layerId, Integer legendId, int band,
                               TileKey key, Path out) throws java.io.IOException {
        LayerRenderer renderer = LayerRenderer.open(dataSource, layerId, legendId, band);
        for (String problem : renderer.problems()) {
            System.err.println("rasterdesk: not drawn: " + problem);
        }
        RenderedTile tile = renderer.render(key);
        PngEncoder.write(tile.image(), out);
        return tile;
    }

    static TileKey parseKey(String text) {
        Matcher m = ADDRESS.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("A tile address is Z/X/Y, e.g. 11/552/858: " + text);
        }
        try {
            return new TileKey(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A tile address is Z/X/Y, e.g. 11/552/858: " + text);
        }
    }

    private static String describe(RenderedTile tile, Path out) {
        StringBuilder s = new StringBuilder("Wrote ").append(out).append(": tile ").append(tile.key());
        if (tile.source().isEmpty()) {
            s.append(", no data there (transparent)");
        } else if (!tile.source().get().equals(tile.key())) {
            s.append(", drawn from ").append(tile.source().get());
        }
        Map<String, Integer> counts = tile.image().counts();
        if (!counts.isEmpty()) {
            s.append(System.lineSeparator()).append("Pixels per legend entry:");
            counts.forEach((expression, count) -> s.append(System.lineSeparator()).append("  ").append(expression)
                    .append(": ").append(count));
        }
        return s.toString();
    }
}
