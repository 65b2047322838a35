package org.rasterdesk.ui.layers;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import org.rasterdesk.source.MosaicSources;
import org.rasterdesk.source.PendingUpload;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.TaskExecutor;
import org.rasterdesk.ui.parse.QueuedParse;

/**
 * The rasters of a zip unpacked for layers of their own, deleted once nothing reads them any more: every layer's
 * parse has ended (a parse reads its file from here) and every file is stored (its upload reads it from here too,
 * and goes on after a cancelled or failed parse, so that the layer keeps its whole file).
 */
final class UnpackedRasters {

    private final MosaicSources unpacked;
    private final TaskExecutor executor;

    UnpackedRasters(MosaicSources unpacked, TaskExecutor executor) {
        this.unpacked = unpacked;
        this.executor = executor;
    }

    /** Deletes the files once the parses have ended and the uploads are done; on the FX thread. */
    void deleteAfter(List<QueuedParse> parses, List<PendingUpload> uploads) {
        List<QueuedParse> running = parses.stream().filter(p -> !p.isDone()).toList();
        if (running.isEmpty()) {
            deleteAfterUploads(uploads);
            return;
        }
        int[] left = {running.size()};
        for (QueuedParse parse : running) {
            parse.stateProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends QueuedParse.State> state,
                                    QueuedParse.State was, QueuedParse.State now) {
                    if (now != QueuedParse.State.DONE) {
                        return;
                    }
                    state.removeListener(this);
                    if (--left[0] == 0) {
                        deleteAfterUploads(uploads);
                    }
                }
            });
        }
    }

    /**
     * No thread waits for the uploads: the last one to end deletes the files on its own thread, or the background
     * executor does when they have all ended already (as after parses that finished: each waited for its upload).
     */
    private void deleteAfterUploads(List<PendingUpload> uploads) {
        AtomicInteger left = new AtomicInteger(uploads.size());
        if (uploads.isEmpty()) {
            deleteNow();
            return;
        }
        for (PendingUpload upload : uploads) {
            upload.whenEnded(() -> {
                if (left.decrementAndGet() == 0) {
                    deleteNow();
                }
            });
        }
    }

    private void deleteNow() {
        if (Platform.isFxApplicationThread()) {
            BackgroundTask.ofAction(unpacked::close).describedAs("Deleting the unpacked rasters of a zip failed")
                    .executeWith(executor);
        } else {
            unpacked.close();
        }
    }
}
