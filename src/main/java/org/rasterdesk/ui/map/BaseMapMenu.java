package org.rasterdesk.ui.map;

import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.rasterdesk.webtiles.XyzSource;

/**
 * The map's "Base map" menu: the world's outlines on or off, the online base map on or off, OpenStreetMap or tiles
 * of a URL the user enters, and the base map's opacity. Edits the map's {@link BaseMapSettings}.
 */
final class BaseMapMenu {

    private final MenuButton button;
    private final ObjectProperty<BaseMapSettings> settings;
    private final CheckMenuItem outlines = new CheckMenuItem("Outlines (Natural Earth)");
    private final CheckMenuItem online = new CheckMenuItem("Online base map");
    private final RadioMenuItem openStreetMap = new RadioMenuItem("OpenStreetMap");
    private final RadioMenuItem other = new RadioMenuItem("Other tiles (XYZ URL)…");
    private final Slider opacity = new Slider(0, 1, 1);
    private boolean updating;

    BaseMapMenu(ObjectProperty<BaseMapSettings> settings) {
        this.settings = settings;
        outlines.setId("map-outlines");
        online.setId("map-basemap");
        openStreetMap.setId("map-basemap-osm");
        other.setId("map-basemap-other");
        opacity.setId("map-basemap-opacity");
        ToggleGroup sources = new ToggleGroup();
        openStreetMap.setToggleGroup(sources);
        other.setToggleGroup(sources);
        opacity.setPrefWidth(120);
        HBox opacityRow = new HBox(6, new Label("Opacity"), opacity);
        opacityRow.setPadding(new Insets(2, 4, 2, 4));
        CustomMenuItem opacityItem = new CustomMenuItem(opacityRow, false);

        outlines.setOnAction(e -> change(settings.get().withOutlines(outlines.isSelected())));
        online.setOnAction(e -> change(settings.get().withBaseMap(online.isSelected())));
        openStreetMap.setOnAction(e -> change(settings.get().withSource(XyzSource.OPENSTREETMAP).withBaseMap(true)));
        other.setOnAction(e -> {
            XyzSource current = settings.get().source();
            Optional<XyzSource> entered = XyzSourceDialog.ask(ownerWindow(),
                    current.equals(XyzSource.OPENSTREETMAP) ? null : current);
            entered.ifPresent(s -> change(settings.get().withSource(s).withBaseMap(true)));
            update();
        });
        opacity.valueProperty().addListener((obs, was, now) -> {
            if (!updating) {
                change(settings.get().withOpacity(now.doubleValue()));
            }
        });

        button = new MenuButton("Base map", null, outlines, new SeparatorMenuItem(), online, openStreetMap, other,
                opacityItem);
        button.setId("map-basemap-menu");
        button.setTooltip(new Tooltip("What the map shows under the layers: the world's outlines, and an online map"));
        settings.addListener((obs, was, now) -> update());
        update();
    }

    MenuButton getView() {
        return button;
    }

    private javafx.stage.Window ownerWindow() {
        return button.getScene() == null ? null : button.getScene().getWindow();
    }

    private void change(BaseMapSettings next) {
        settings.set(next);
    }

    private void update() {
        updating = true;
        try {
            BaseMapSettings s = settings.get();
            outlines.setSelected(s.outlines());
            online.setSelected(s.baseMap());
            boolean osm = s.source().equals(XyzSource.OPENSTREETMAP);
            openStreetMap.setSelected(osm);
            other.setSelected(!osm);
            other.setText(osm ? "Other tiles (XYZ URL)…" : "Other tiles: " + s.source().host() + "…");
            opacity.setValue(s.opacity());
            opacity.setDisable(!s.baseMap());
        } finally {
            updating = false;
        }
    }

    /** The menu items, for tests and for a window menu that wants them. */
    MenuItem[] items() {
        return button.getItems().toArray(MenuItem[]::new);
    }
}
