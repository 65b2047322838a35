package org.rasterdesk.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The line at the bottom of the window: what is running (or what went wrong), what the map says of its base map,
 * and which database is open.
 */
public final class StatusBar {

    private final HBox view;
    private final Label activity = new Label();
    private final Label database = new Label();
    private final Label notice = new Label();
    private final Label map = new Label();
    private final ProgressIndicator busyIndicator = new ProgressIndicator();
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty error = new SimpleBooleanProperty(this, "error");
    private final Hyperlink changeDatabase = new Hyperlink("Change…");

    public StatusBar() {
        activity.getStyleClass().add("status-activity");
        activity.setMinWidth(Region.USE_PREF_SIZE);
        database.getStyleClass().add("status-database");
        database.setMinWidth(0);
        busyIndicator.getStyleClass().add("status-busy");
        busyIndicator.setPrefSize(14, 14);
        busyIndicator.setMaxSize(14, 14);
        busyIndicator.visibleProperty().bind(busy);
        busyIndicator.managedProperty().bind(busy);
        error.addListener((obs, was, now) -> {
            activity.getStyleClass().remove("error");
            if (now) {
                activity.getStyleClass().add("error");
            }
        });
        notice.getStyleClass().addAll("status-notice", "error");
        notice.setMinWidth(0);
        map.getStyleClass().add("status-map");
        map.setId("status-map");
        map.setMinWidth(0);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        changeDatabase.setId("change-database");
        changeDatabase.setVisible(false);
        changeDatabase.setManaged(false);
        view = new HBox(6, busyIndicator, activity, notice, map, gap, database, changeDatabase);
        view.setAlignment(Pos.CENTER_LEFT);
        view.getStyleClass().add("status-bar");
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

    /** A problem the user should see until the next action, beside the activity (a refused file); '' for none. */
    public StringProperty noticeProperty() {
        return notice.textProperty();
    }

    /** The map's word on its base map ("Base map offline: ..."); '' while all is well. Not an error: quiet. */
    public StringProperty mapProperty() {
        return map.textProperty();
    }

    /** Shows a "Change…" link after the database's name that runs this action. */
    public void setOnChangeDatabase(Runnable action) {
        changeDatabase.setOnAction(action == null ? null : e -> action.run());
        changeDatabase.setVisible(action != null);
        changeDatabase.setManaged(action != null);
    }

    /** Shows the spinner. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Shows the activity text as an error. */
    public BooleanProperty errorProperty() {
        return error;
    }
}
