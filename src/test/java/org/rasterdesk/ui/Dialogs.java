package org.rasterdesk.ui;

import java.util.concurrent.TimeoutException;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import org.rasterdesk.ui.common.OnFx;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The window's questions (pre-flight, several files, ...) as window tests wait for and answer them. */
final class Dialogs {

    private Dialogs() {
    }

    /** From the test thread: waits until the dialog of this id shows, and returns it. */
    static DialogPane await(FxRobot robot, String id) throws TimeoutException {
        OnFx.waitUntil(() -> robot.lookup(id).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return OnFx.read(() -> robot.lookup(id).queryAs(DialogPane.class));
    }

    /** From the test thread: presses the dialog's button of this text and lets the window answer. */
    static void press(FxRobot robot, DialogPane dialog, String button) {
        robot.interact(() -> {
            ButtonType type = dialog.getButtonTypes().stream().filter(b -> b.getText().equals(button)).findFirst()
                    .orElseThrow(() -> new AssertionError("no button " + button));
            ((Button) dialog.lookupButton(type)).fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
