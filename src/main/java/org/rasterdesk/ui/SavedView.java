package org.rasterdesk.ui;

import java.util.Locale;
import java.util.Properties;
import javafx.collections.ListChangeListener;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.render.MapViewport;

/**
 * What the user was looking at, remembered between runs with the window's layout: the selected layer and the map's
 * centre and zoom. Restored, the layer is selected again once the list shows it, and the map opens at the saved
 * view instead of framing the layer (unless the layer lies outside it).
 *
 * @param layerId the selected layer's id, null when none was selected
 */
record SavedView(Integer layerId, double centerX, double centerY, int zoom) {

    /** What the window shows now. */
    static SavedView of(MainWindow window) {
        LayerSummary selected = window.layerList().selectedLayerProperty().get();
        MapViewport v = window.mapPane().map().viewport();
        return new SavedView(selected == null ? null : selected.id(), v.centerX(), v.centerY(), v.zoom());
    }

    /** The view saved in these properties, null when none was. */
    static SavedView read(Properties p) {
        try {
            String layer = p.getProperty("view.layer", "");
            return new SavedView(layer.isEmpty() ? null : Integer.valueOf(layer),
                    Double.parseDouble(p.getProperty("view.x")), Double.parseDouble(p.getProperty("view.y")),
                    Integer.parseInt(p.getProperty("view.zoom")));
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    void write(Properties p) {
        p.setProperty("view.layer", layerId == null ? "" : layerId.toString());
        p.setProperty("view.x", String.format(Locale.ROOT, "%.3f", centerX));
        p.setProperty("view.y", String.format(Locale.ROOT, "%.3f", centerY));
        p.setProperty("view.zoom", Integer.toString(zoom));
    }

    /** Shows this view in a window whose database is still to come: the map at once, the layer once listed. */
    void restoreInto(MainWindow window) {
        window.mapPane().showNextAt(centerX, centerY, zoom);
        if (layerId == null) {
            return;
        }
        ListChangeListener<LayerSummary> selectWhenListed = new ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends LayerSummary> c) {
                if (selectIfListed(window)) {
                    window.layerList().layers().removeListener(this);
                }
            }
        };
        // The list may be there already (a database that answered quickly).
        if (!selectIfListed(window)) {
            window.layerList().layers().addListener(selectWhenListed);
        }
    }

    /** Selects the saved layer when the list shows it, unless the user chose another meanwhile; whether listed. */
    private boolean selectIfListed(MainWindow window) {
        return window.layerList().layers().stream().filter(l -> l.id() == layerId).findFirst().map(l -> {
            if (window.layerList().selectedLayerProperty().get() == null) {
                window.layerList().table().getSelectionModel().select(l);
            }
            return true;
        }).orElse(false);
    }
}
