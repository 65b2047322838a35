package org.rasterdesk.ui.layers;

import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The question asked when several raster files come in at once (a drop, the file chooser, the command line): one
 * layer each, or one mosaic layer of them all, with the mosaic's name and which file wins where they overlap. The
 * dialog does not block: the answer comes to a callback, null when the user cancels.
 */
final class SeveralFilesQuestion {

    /** The default (Enter): several rasters dropped on QGIS are a layer each, as several uploads to django-raster. */
    static final ButtonType EACH = new ButtonType("One layer each", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType MOSAIC = new ButtonType("One mosaic layer", ButtonBar.ButtonData.OTHER);

    /** What the user chose. */
    record Answer(boolean mosaic, String name, boolean firstWins) {
    }

    private SeveralFilesQuestion() {
    }

    /** @param files the files' or URLs' names as the user gave them */
    static void ask(Window owner, List<String> files, Consumer<Answer> answer) {
        ask(owner, files, defaultName(files), answer);
    }

    /** @param mosaicName the name the mosaic layer is offered, e.g. its zip's */
    static void ask(Window owner, List<String> files, String mosaicName, Consumer<Answer> answer) {
        Dialog<Answer> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Add " + files.size() + " rasters");
        dialog.setHeaderText(files.size() + " rasters: one layer each, or one mosaic layer of them all?");
        TextField name = new TextField(mosaicName);
        name.setId("mosaic-name");
        name.setPrefColumnCount(30);
        CheckBox firstWins = new CheckBox("Where files overlap, the first in the list wins");
        firstWins.setId("mosaic-first-wins");
        Label overlap = new Label("Otherwise the later file wins where files overlap, as gdalbuildvrt does.");
        overlap.getStyleClass().add("hint");
        ListView<String> list = new ListView<>();
        list.getItems().setAll(files.stream().map(SeveralFilesQuestion::lastName).toList());
        list.setPrefHeight(Math.min(8, files.size()) * 24 + 4);
        list.setMinHeight(list.getPrefHeight());
        list.setFocusTraversable(false);
        VBox content = new VBox(8, list, new Label("Mosaic layer's name:"), name, firstWins, overlap);
        content.setPadding(new Insets(10));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setId("several-files-question");
        dialog.getDialogPane().getButtonTypes().setAll(EACH, MOSAIC, ButtonType.CANCEL);
        Node mosaic = dialog.getDialogPane().lookupButton(MOSAIC);
        mosaic.disableProperty().bind(name.textProperty().isEmpty());
        dialog.setResultConverter(button -> button == EACH ? new Answer(false, null, false)
                : button == MOSAIC ? new Answer(true, name.getText().strip(), firstWins.isSelected()) : null);
        dialog.setOnHidden(e -> answer.accept(dialog.getResult()));
        dialog.show();
    }

    /** The files' common name start ("scene_" of scene_a.tif, scene_b.tif), else their folder's name. */
    static String defaultName(List<String> files) {
        String first = RasterInspection.nameOf(lastName(files.get(0)));
        int common = first.length();
        for (String file : files) {
            String n = RasterInspection.nameOf(lastName(file));
            int i = 0;
            while (i < Math.min(common, n.length()) && n.charAt(i) == first.charAt(i)) {
                i++;
            }
            common = i;
        }
        String prefix = first.substring(0, common).replaceAll("[\\s_.\\-]+$", "");
        if (prefix.length() >= 3) {
            return prefix + " mosaic";
        }
        String path = files.get(0).replaceAll("[/\\\\]+$", "");
        String parent = path.contains("/") ? lastName(path.substring(0, path.lastIndexOf('/'))) : "";
        return parent.isEmpty() || parent.contains(":") ? "Mosaic" : parent + " mosaic";
    }

    /** What follows the last slash of a path or URL: the file's name. */
    static String lastName(String source) {
        String s = source.replaceAll("[/\\\\]+$", "");
        return s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
    }
}
