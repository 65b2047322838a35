package org.rasterdesk.ui.map;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.rasterdesk.webtiles.XyzSource;

/** Asks for the URL template of a web map's tiles and its attribution; OK only for a template that works. */
final class XyzSourceDialog {

    private XyzSourceDialog() {
    }

    /** @param current the template shown at first, or null for an example */
    static Optional<XyzSource> ask(Window owner, XyzSource current) {
        Dialog<XyzSource> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Base map tiles");
        dialog.setHeaderText("Tiles of a web map in the XYZ scheme of OpenStreetMap");
        TextField template = new TextField(current == null ? "https://" : current.template());
        template.setId("xyz-template");
        template.setPromptText(XyzSource.OPENSTREETMAP.template());
        template.setPrefColumnCount(40);
        TextField attribution = new TextField(current == null ? "" : current.attribution());
        attribution.setId("xyz-attribution");
        attribution.setPromptText("© the map's makers, as its licence asks");
        Label problem = new Label(" ");
        problem.setId("xyz-problem");
        problem.getStyleClass().add("error");
        problem.setWrapText(true);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("URL"), template);
        grid.addRow(1, new Label("Attribution"), attribution);
        grid.add(new Label("{z}, {x}, {y} (or {-y} for TMS rows), and {s} for subdomains a, b, c."), 1, 2);
        grid.add(problem, 1, 3);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        javafx.scene.Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            try {
                XyzSource.of(template.getText(), attribution.getText());
            } catch (IllegalArgumentException ex) {
                problem.setText(ex.getMessage());
                e.consume();
            }
        });
        dialog.setResultConverter(button -> button == ButtonType.OK
                ? XyzSource.of(template.getText(), attribution.getText()) : null);
        return dialog.showAndWait();
    }
}
