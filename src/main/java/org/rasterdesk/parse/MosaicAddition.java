package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.SortedMap;
import javax.sql.DataSource;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/**
 * Decides whether files added to a mosaic can be parsed alone: only when the layer's tiles are what a parse of the
 * whole new mosaic would keep outside the new files, that is a finished parse of the same max zoom, the same levels
 * and the same tiles' sample type and nodata. Otherwise every tile changes, and the whole mosaic is parsed.
 */
final class MosaicAddition {

    private final DataSource dataSource;
    private final int layerId;

    MosaicAddition(DataSource dataSource, int layerId) {
        this.dataSource = dataSource;
        this.layerId = layerId;
    }

    /**
     * @param before  the layer's status before this run
     * @param plan    the plan of the whole mosaic, the added files included
     * @param minZoom the lowest zoom the layer has tiles at when parsed
     * @return why the whole mosaic must be parsed again, or empty when the added files' tiles are enough
     */
    Optional<String> whyWhole(ParseStatus before, SourcePlan plan, int minZoom) throws SQLException {
        int z = plan.zoom().zoom();
        if (before != ParseStatus.FINISHED) {
            return Optional.of("The mosaic's last parse did not finish");
        }
        Optional<LayerMetadata> meta = new LayerMetadataRepository(dataSource).find(layerId);
        Integer zoomBefore = meta.map(LayerMetadata::maxZoom).orElse(null);
        if (zoomBefore == null) {
            return Optional.of("The mosaic has no max zoom yet");
        }
        if (zoomBefore != z) {
            return Optional.of("The new files change the max zoom from " + zoomBefore + " to " + z);
        }
        SortedMap<Integer, Long> levels = new TileRepository(dataSource).countByZoom(layerId);
        if (levels.isEmpty() || levels.firstKey() != minZoom || levels.lastKey() != z
                || levels.size() != z - minZoom + 1) {
            return Optional.of("The mosaic's tiles are not the zooms " + minZoom + " to " + z
                    + " a parse would make now");
        }
        Optional<TileData> sample = sampleTile(z);
        PixelType pixelType = plan.parts().get(0).reader().info().pixelType();
        if (sample.isEmpty() || sample.get().pixelType() != pixelType
                || !sameNodata(sample.get().nodata(), plan.tileNodata())) {
            return Optional.of("With the new files the tiles' sample type or nodata value changes (now "
                    + pixelType + ", nodata " + Arrays.toString(plan.tileNodata()) + ")");
        }
        return Optional.empty();
    }

    /** Compared as stored: a Float32 tile keeps its nodata at float precision. */
    private static boolean sameNodata(double[] stored, double[] planned) {
        if (stored.length != planned.length) {
            return false;
        }
        for (int b = 0; b < stored.length; b++) {
            boolean same = Double.isNaN(stored[b]) ? Double.isNaN(planned[b]) : (float) stored[b] == (float) planned[b];
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private Optional<TileData> sampleTile(int z) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT tilex, tiley FROM raster_rastertile "
                     + "WHERE rasterlayer_id = ? AND tilez = ? LIMIT 1")) {
            ps.setInt(1, layerId);
            ps.setInt(2, z);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return new TileRepository(dataSource).read(layerId, new TileKey(z, rs.getInt(1), rs.getInt(2)));
            }
        }
    }
}
