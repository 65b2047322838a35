package org.rasterdesk.ui.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.ui.common.HeldTaskExecutor;
import org.rasterdesk.ui.common.Stylesheet;
import org.rasterdesk.ui.layers.LayerListView;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A parse's progress in the layer list's status column, which is as narrow as the longest stored status: what the
 * cell draws is never cut with "…"; the phase and per cent done are shown, the rest when there is room, and the whole
 * line is in the tooltip.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ParseStatusCellTest {

    private final HeldTaskExecutor reads = new HeldTaskExecutor();
    private final HeldTaskExecutor parsing = new HeldTaskExecutor();
    private LayerListView list;
    private ParseQueue queue;

    @Start
    void start(Stage stage) {
        list = new LayerListView(reads);
        queue = new ParseQueue(parsing);
        // Never run: the held executor keeps it waiting, and the test sets the parse's progress itself.
        queue.runnerProperty().set((layerId, listener, cancelled) -> null);
        list.showParses(queue);
        // The list's share of the window at its default size.
        Scene scene = new Scene((Parent) list.getView(), 470, 300);
        scene.getStylesheets().add(Stylesheet.url());
        stage.setScene(scene);
        stage.sizeToScene();
        stage.show();
    }

    @Test
    void theProgressOfAParseIsShownWholeWithTheRestInTheTooltip(FxRobot robot) {
        AtomicReference<QueuedParse> parse = new AtomicReference<>();
        robot.interact(() -> {
            list.catalogProperty().set(() -> List.of(new LayerSummary(4, "Lisbon elevation", DataType.CONTINUOUS,
                    ParseStatus.CREATING_TILES, 0, Instant.EPOCH)));
            reads.runAll();
            parse.set(queue.start(4, "Lisbon elevation"));
            parse.get().setState(QueuedParse.State.RUNNING);
            parse.get().setPhase(ParseStatus.CREATING_TILES);
            parse.get().setProgress(0.437, 1_200, 240, 42);
        });
        String whole = "Creating tiles · 43 % · 240 tiles/s · 0:42 left";
        assertShownWhole(robot, whole, "Creating tiles · 43 %");

        robot.interact(() -> parse.get().setDatabaseLost(true));
        assertShownWhole(robot, ParseStatusCell.DATABASE_LOST_TEXT, null);
    }

    /** The cell draws its text uncut; it is {@code expected} when given, and the tooltip holds {@code whole}. */
    private void assertShownWhole(FxRobot robot, String whole, String expected) {
        robot.interact(() -> {
            Label text = robot.from(list.table()).lookup(".parse-progress-text").queryAs(Label.class);
            // What is drawn: the label's text node, which holds "…"-cut text when the label is too narrow.
            String drawn = text.getChildrenUnmodifiable().stream().filter(n -> n instanceof Text)
                    .map(n -> ((Text) n).getText()).findFirst().orElse("");
            assertEquals(text.getText(), drawn, "the progress text is cut");
            if (expected != null) {
                assertEquals(expected, drawn);
            }
            TableCell<?, ?> cell = (TableCell<?, ?>) robot.from(list.table()).lookup(".parse-running")
                    .query();
            assertNotNull(cell.getTooltip());
            assertEquals(whole, cell.getTooltip().getText());
        });
    }
}
