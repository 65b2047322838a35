package org.rasterdesk.ui.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** What a parse reports from its thread reaches the row on the FX thread, however late the FX thread gets to it. */
@Tag("gui")
class ParseFeedTest {

    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    /**
     * The database goes and comes back before the FX thread publishes anything (reported from the FX thread
     * itself, so that no publication can come between): the row still says the database was lost, then that it
     * is back.
     */
    @Test
    void aLossOverBeforeTheFxThreadPublishesIsStillShown() {
        QueuedParse parse = new QueuedParse(1, "layer");
        ParseFeed feed = new ParseFeed(parse);
        List<Boolean> shown = new CopyOnWriteArrayList<>();
        robot.interact(() -> {
            parse.databaseLostProperty().addListener((obs, was, now) -> shown.add(now));
            feed.databaseAvailable(false);
            feed.databaseAvailable(true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(true, false), shown);
    }

    @Test
    void aLossStillOnWhenPublishedIsShownUntilTheDatabaseIsBack() {
        QueuedParse parse = new QueuedParse(1, "layer");
        ParseFeed feed = new ParseFeed(parse);
        List<Boolean> shown = new CopyOnWriteArrayList<>();
        robot.interact(() -> parse.databaseLostProperty().addListener((obs, was, now) -> shown.add(now)));
        feed.databaseAvailable(false);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(true), shown);
        feed.databaseAvailable(true);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(true, false), shown);
    }
}
