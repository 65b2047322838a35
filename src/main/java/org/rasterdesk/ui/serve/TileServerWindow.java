package org.rasterdesk.ui.serve;

import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.rasterdesk.ui.common.Stylesheet;

/** The small window of the tile server pane, made on first use; closing it leaves the server running. */
public final class TileServerWindow {

    private final TileServerPane pane;
    private Stage stage;

    public TileServerWindow(TileServerPane pane) {
        this.pane = pane;
    }

    public TileServerPane pane() {
        return pane;
    }

    /** Shows the window over its owner. */
    public void show(Window owner) {
        if (stage == null) {
            stage = new Stage();
            if (owner != null) {
                stage.initOwner(owner);
            }
            stage.setTitle("Tile server");
            Scene scene = new Scene(pane.getView(), 560, 330);
            scene.getStylesheets().add(Stylesheet.url());
            stage.setScene(scene);
        }
        stage.show();
        stage.toFront();
    }

    /** The window, null until {@link #show} made it. */
    public Stage stage() {
        return stage;
    }
}
