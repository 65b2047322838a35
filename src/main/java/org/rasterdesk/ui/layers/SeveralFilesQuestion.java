package org.rasterdesk.ui.layers;

import java.nio.file.Path;
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

    static final ButtonType EACH = new ButtonType("One layer each", ButtonBar.ButtonData.OTHER);
    static final ButtonType MOSAIC = new ButtonType("One mosaic layer", ButtonBar.ButtonData.OK_DONE);

    /** What the user chose. */
    record Answer(boolean mosaic, String name, boolean firstWins) {
    }

    private SeveralFilesQuestion() {
    }

    static void ask(Window owner, List<Path> files, Consumer<Answer> answer) {
        Dialog<Answer> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Add " + files.size() + " files");
        dialog.setHeaderText(files.size() + " raster files: one layer each, or one mosaic layer of them all?");
        TextField name = new TextField(defaultName(files));
        name.setId("mosaic-name");
        name.setPrefColumnCount(30);
        CheckBox firstWins = new CheckBox("Where files overlap, the first in the list wins");
        firstWins.setId("mosaic-first-wins");
        Label overlap = new Label("Otherwise the later file wins where files overlap, as gdalbuildvrt does.");
        overlap.getStyleClass().add("hint");
        ListView<String> list = new ListView<>();
        list.getItems().setAll(files.stream().map(p -> p.getFileName().toString()).toList());
        list.setPrefHeight(Math.min(8, files.size()) * 24 + 4);
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
        name.requestFocus();
    }

    /** The files' common name start ("scene_" of scene_a.tif, scene_b.tif), else their folder's name. */
    static String defaultName(List<Path> files) {
        String first = RasterInspection.nameOf(files.get(0).getFileName().toString());
        int common = first.length();
        for (Path file : files) {
            String n = RasterInspection.nameOf(file.getFileName().toString());
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
        Path folder = files.get(0).toAbsolutePath().getParent();
        return folder == null || folder.getFileName() == null ? "Mosaic" : folder.getFileName() + " mosaic";
    }
}
