package org.rasterdesk.ui.map;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.render.ContinuousColormap;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.RenderedTile;
import org.rasterdesk.system.AppLogging;
import org.rasterdesk.webtiles.LocalTileServer;

/**
 * For the map's screenshots (scripts/map-screenshots.sh), with no internet on the machine: parses the layers to
 * photograph into a database, and serves a stand-in base map from a local XYZ server — RasterDesk's own rendering
 * of the global OpenLandMap cropland raster (sea blue where it has no data), not a real web map. Prints the tile
 * URL template, serves until its standard input closes, then removes the layers it added.
 * Usage: {@code StandInBaseMap [JDBC-URL]} (default: the embedded database).
 */
public final class StandInBaseMap {

    static final String BAHAMAS = "Bahamas, Landsat RGB (rasterio sample)";
    static final String CROPLAND = "Cropland 2016 (stand-in base map)";

    private StandInBaseMap() {
    }

    public static void main(String[] args) throws Exception {
        AppLogging.configure();
        try (ConnectedDatabase connected = args.length > 0
                ? ConnectedDatabase.open(new ConnectionSettings(args[0], null, null, args[0]))
                : ConnectedDatabase.openEmbedded()) {
            DataSource ds = connected.database().dataSource();
            List<Integer> added = new ArrayList<>();
            added.add(ParsedFile.parse(ds, BAHAMAS, DataType.CONTINUOUS, ParsedFile.data("real/RGB.byte.tif")));
            int cropland = ParsedFile.parse(ds, CROPLAND, DataType.CONTINUOUS,
                    ParsedFile.data("real/openlandmap_cropland_10km_2016.tif"));
            added.add(cropland);
            double max = new LayerMetadataRepository(ds).band(cropland, 0).orElseThrow().max();
            // Pale to deep green over the share of cropland; the sea (no data) a light blue.
            LayerRenderer green = LayerRenderer.open(ds, cropland, null, 0)
                    .withColormap(new ContinuousColormap(0xFFF2EFE4, 0xFF4F8A3A, null, 0, max));
            try (LocalTileServer server = new LocalTileServer(key -> {
                RenderedTile tile = green.render(key);
                int[] argb = tile.image().argb().clone();
                for (int i = 0; i < argb.length; i++) {
                    argb[i] = argb[i] == 0 ? 0xFFB9D3E6 : argb[i];
                }
                return argb;
            })) {
                System.out.println(server.template());
                System.out.flush();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
                        StandardCharsets.UTF_8))) {
                    while (in.readLine() != null) {
                        // Serve until the script closes our input.
                    }
                }
            } finally {
                RasterLayerRepository layers = new RasterLayerRepository(ds);
                for (int id : added) {
                    layers.delete(id);
                }
            }
        }
    }
}
