package org.rasterdesk.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/**
 * The line at the bottom of the window, a ControlsFX status bar: what is running (or what went wrong) at the left,
 * then what the map says of its base map, a progress bar while the window is busy, and which database is open at
 * the right.
 */
public final class StatusBar {

    /** Pixels between the activity and the map's line. */
    static final double MAP_GAP = 16;

    private final org.controlsfx.control.StatusBar view = new org.controlsfx.control.StatusBar();
    private final Label activity = new Label();
    private final Label database = new Label();
    private final Label map = new Label();
    private final Label workers = new Label();
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty error = new SimpleBooleanProperty(this, "error");
    private final Hyperlink changeDatabase = new Hyperlink("Change…");

    public StatusBar() {
        activity.getStyleClass().add("status-activity");
        activity.setMinWidth(Region.USE_PREF_SIZE);
        database.getStyleClass().add("status-database");
        database.setMinWidth(0);
        error.addListener((obs, was, now) -> {
            activity.getStyleClass().remove("error");
            if (now) {
                activity.getStyleClass().add("error");
            }
        });
        changeDatabase.setId("change-database");
        changeDatabase.setVisible(false);
        changeDatabase.setManaged(false);
        // The bar's own text stays empty: the activity is a label of ours, which can turn red.
        view.setText("");
        map.getStyleClass().add("status-map");
        map.setId("status-map");
        map.setMinWidth(0);
        // The bar lays its left items side by side with no gap: without one, "3 layers" ran into the map's line.
        map.setPadding(new Insets(0, 0, 0, MAP_GAP));
        view.getLeftItems().addAll(activity, map);
        workers.setId("status-workers");
        workers.getStyleClass().add("status-workers");
        workers.setPadding(new Insets(0, MAP_GAP, 0, 0));
        workers.setTooltip(new javafx.scene.control.Tooltip("Parse workers (rasterdesk worker) alive on this "
                + "database; Parse › Parse on workers queues parses for them"));
        view.getRightItems().addAll(workers, database, changeDatabase);
        // Indeterminate while busy; the bar hides its progress at 0.
        view.progressProperty().bind(Bindings.when(busy).then(-1.0).otherwise(0.0));
    }

    public Node getView() {
        return view;
    }

    /** What runs now or what happened last ("Connecting…", "3 layers"). */
    public StringProperty activityProperty() {
        return activity.textProperty();
    }

    /** The open database as its description says it, without password. */
    public StringProperty databaseProperty() {
        return database.textProperty();
    }

    /** Puts a control at the right of the bar, before the database's name. */
    public void addItem(Node item) {
        view.getRightItems().add(0, item);
    }

    /** The map's word on its base map ("Base map offline: ..."); '' while all is well. Not an error: quiet. */
    public StringProperty mapProperty() {
        return map.textProperty();
    }

    /** The live parse workers on the open database ("2 workers"); '' before it is known. */
    public StringProperty workersProperty() {
        return workers.textProperty();
    }

    /** Shows a "Change…" link after the database's name that runs this action. */
    public void setOnChangeDatabase(Runnable action) {
        changeDatabase.setOnAction(action == null ? null : e -> action.run());
        changeDatabase.setVisible(action != null);
        changeDatabase.setManaged(action != null);
    }

    /** Shows the progress bar. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Shows the activity text as an error. */
    public BooleanProperty errorProperty() {
        return error;
    }
}
