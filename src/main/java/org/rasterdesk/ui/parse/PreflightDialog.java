package org.rasterdesk.ui.parse;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Window;
import org.rasterdesk.parse.Preflight;

/** Asks whether a parse goes on despite its pre-flight's warnings; "Don't parse" is the default. */
final class PreflightDialog {

    static final ButtonType PARSE = new ButtonType("Parse anyway", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType STOP = new ButtonType("Don't parse", ButtonBar.ButtonData.CANCEL_CLOSE);

    private PreflightDialog() {
    }

    /** On the FX thread; waits for the answer. */
    static boolean ask(String layerName, Preflight preflight) {
        Alert alert = new Alert(Alert.AlertType.WARNING, "", PARSE, STOP);
        alert.setTitle("Parse " + (layerName == null || layerName.isBlank() ? "the layer" : "“" + layerName + "”")
                + "?");
        alert.setHeaderText(String.join("\n", preflight.warnings()));
        List<String> lines = preflight.lines().stream().filter(l -> !l.startsWith("Warning: ")).toList();
        Label text = new Label(String.join("\n", lines));
        text.setWrapText(true);
        text.setMaxWidth(560);
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().setId("preflight-dialog");
        alert.getDialogPane().setMaxWidth(620);
        ((Button) alert.getDialogPane().lookupButton(PARSE)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(STOP)).setDefaultButton(true);
        Window owner = Window.getWindows().stream().filter(Window::isFocused).findFirst().orElse(null);
        if (owner != null) {
            alert.initOwner(owner);
        }
        return alert.showAndWait().filter(PARSE::equals).isPresent();
    }
}
