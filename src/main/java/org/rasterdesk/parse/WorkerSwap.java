package org.rasterdesk.parse;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.rasterdesk.db.DataAccessException;
import org.rasterdesk.db.Transactions;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.LayerDisplayRepository;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.source.MosaicFiles;

/**
 * The last step of a parse on workers: the layer gets its new metadata, statistics, status and tiles in one
 * transaction, as after a local parse; a mosaic's tally, resampling and added files go in with them.
 */
final class WorkerSwap {

    /** The swap's last step on its transaction's connection: the new tiles become the layer's. */
    @FunctionalInterface
    interface Tiles {
        void swap(Connection c) throws SQLException;
    }

    private final WorkerContext context;

    WorkerSwap(WorkerContext context) {
        this.context = context;
    }

    /**
     * Nothing happens when the parse ended meanwhile (a cancel won).
     *
     * @param levels the zooms the layer has tiles at afterwards
     * @param copy   the reprojected copy the new top zoom is, or null to drop an earlier one
     */
    void commit(QueuedPlan q, List<Integer> levels, ReprojectedCopies.Copy copy, Tiles tiles) throws SQLException {
        LayerMetadata meta;
        List<BandMetadata> bands;
        Map<Integer, Map<Integer, Integer>> palettes;
        try {
            meta = QueuedPlans.JSON.readValue(q.metadata(), LayerMetadata.class);
            bands = QueuedPlans.JSON.readValue(q.bands(), new TypeReference<List<BandMetadata>>() { });
            palettes = QueuedPlans.JSON.readValue(q.palettes(),
                    new TypeReference<Map<Integer, Map<Integer, Integer>>>() { });
        } catch (IOException e) {
            throw new SQLException("The parse's kept metadata cannot be read: " + e.getMessage(), e);
        }
        String log = context.statuses.find(q.layerId()).map(LayerParseStatus::log).orElse("");
        LayerMetadataRepository metadata = new LayerMetadataRepository(context.dataSource);
        ReprojectedCopies copies = new ReprojectedCopies(context.dataSource);
        try {
            Transactions.inTransaction(context.dataSource, "storing the parsed layer " + q.layerId(), c -> {
                if (!QueuedPlans.finish(c, q.parseId())) {
                    return null;
                }
                metadata.save(c, meta);
                metadata.replaceBands(c, q.layerId(), bands);
                new LayerDisplayRepository(context.dataSource).replacePalettes(c, q.layerId(), palettes);
                context.statuses.save(c, new LayerParseStatus(q.layerId(), ParseStatus.FINISHED, log, levels));
                // The new top zoom is the copy, as after a local parse from the source; else an earlier copy goes,
                // as it no longer matches the tiles.
                if (copy != null) {
                    copies.recordTiles(c, q.layerId(), copy);
                } else {
                    copies.delete(c, q.layerId());
                }
                if (q.addedAfter() != null) {
                    MosaicFiles.commitAdditions(c, q.layerId());
                }
                if (q.tallyInputs() != null) {
                    MosaicTally.replace(c, q.layerId(), q.tallyInputs(), MosaicTally.fromText(q.tally()));
                    MosaicFiles.recordResampling(c, q.layerId(), q.resampling().name());
                }
                tiles.swap(c);
                return null;
            });
        } catch (DataAccessException e) {
            throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
        }
    }
}
