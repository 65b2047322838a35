package org.rasterdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The application's executor: the work on its own named threads, the outcome on the FX thread. */
@Tag("gui")
class BackgroundThreadsTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void workRunsOnItsThreadsAndItsOutcomeOnTheFxThread() throws Exception {
        CompletableFuture<String> worker = new CompletableFuture<>();
        CompletableFuture<Boolean> deliveredOnFx = new CompletableFuture<>();
        CompletableFuture<Boolean> failureOnFx = new CompletableFuture<>();
        try (BackgroundThreads threads = new BackgroundThreads("threads-test", 1)) {
            Platform.runLater(() -> {
                BackgroundTask.of(() -> Thread.currentThread().getName())
                        .onSuccess(name -> {
                            worker.complete(name);
                            deliveredOnFx.complete(Platform.isFxApplicationThread());
                        })
                        .executeWith(threads);
                BackgroundTask.of(() -> {
                    throw new IllegalStateException("refused");
                }).onFailure(e -> failureOnFx.complete(Platform.isFxApplicationThread())).executeWith(threads);
            });
            assertEquals("threads-test-1", worker.get(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS));
            assertTrue(deliveredOnFx.get(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS));
            assertTrue(failureOnFx.get(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS));
        }
    }
}
