package org.rasterdesk.ui.layers;

import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.rasterdesk.source.MosaicFiles;

/**
 * The short confirmation before files dropped on a mosaic layer's row join that mosaic: it names the layer and the
 * files, and says which wins where they overlap. The dialog does not block: the answer comes to a callback.
 */
final class AddToMosaicQuestion {

    static final ButtonType ADD = new ButtonType("Add to mosaic", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType NEW_LAYERS = new ButtonType("New layers instead", ButtonBar.ButtonData.OTHER);

    /** What the user chose; CANCEL also when the dialog is closed. */
    enum Answer { ADD, NEW_LAYERS, CANCEL }

    private AddToMosaicQuestion() {
    }

    /** @param sources the dropped files' paths and URLs */
    static void ask(Window owner, String layerName, MosaicFiles.Mosaic mosaic, List<String> sources,
                    Consumer<Answer> answer) {
        Dialog<Answer> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        String what = sources.size() == 1 ? "1 raster" : sources.size() + " rasters";
        dialog.setTitle("Add to the mosaic " + layerName);
        dialog.setHeaderText("Add " + what + " to the mosaic layer “" + layerName + "”?");
        ListView<String> list = new ListView<>();
        list.getItems().setAll(sources.stream().map(SeveralFilesQuestion::lastName).toList());
        list.setPrefHeight(Math.min(6, sources.size()) * 24 + 4);
        list.setMinHeight(list.getPrefHeight());
        list.setFocusTraversable(false);
        int had = mosaic.files().size();
        Label rule = new Label("They come after its " + had + (had == 1 ? " file" : " files") + (mosaic.firstWins()
                ? ": where they overlap those, the mosaic's files win (first wins)."
                : ": where they overlap those, they win (the later file wins).")
                + " Only the tiles they touch are made again.");
        rule.setWrapText(true);
        // A wrapped label asks for its height at this width: the dialog shows the whole sentence.
        rule.setPrefWidth(440);
        rule.setMinHeight(Region.USE_PREF_SIZE);
        VBox content = new VBox(8, list, rule);
        content.setPadding(new Insets(10));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setId("add-to-mosaic-question");
        dialog.getDialogPane().getButtonTypes().setAll(NEW_LAYERS, ADD, ButtonType.CANCEL);
        ((Button) dialog.getDialogPane().lookupButton(ADD)).setDefaultButton(true);
        dialog.setResultConverter(button -> button == ADD ? Answer.ADD
                : button == NEW_LAYERS ? Answer.NEW_LAYERS : Answer.CANCEL);
        dialog.setOnHidden(e -> answer.accept(dialog.getResult() == null ? Answer.CANCEL : dialog.getResult()));
        dialog.show();
    }
}
