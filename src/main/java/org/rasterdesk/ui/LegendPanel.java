package org.rasterdesk.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.render.Colormap;

/** The legend beside the map: the drawn layer's colours, with how many pixels of the view each entry covers. */
public final class LegendPanel {

    private final VBox view = new VBox(new Label("Legend"));

    public Node getView() {
        return view;
    }

    public void show(String layerName, Colormap colormap, Optional<Legend> legend) {
    }

    public void setCounts(Map<String, Long> counts) {
    }

    public void clear() {
    }

    public WritableImage snapshot() {
        return view.snapshot(null, null);
    }

    public void exportPng(Path file) throws IOException {
    }
}
