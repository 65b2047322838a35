package org.rasterdesk.ui;

import java.util.List;
import javafx.scene.Node;
import org.controlsfx.control.NotificationPane;
import org.controlsfx.control.action.Action;

/**
 * Notices that slide in over the top of the window's content, a ControlsFX notification pane: files refused when
 * added, and a database that stopped answering (with a way to choose another). A notice stays until it is closed,
 * replaced, or no longer true.
 */
final class WindowNotices {

    private enum Kind { NONE, REFUSED, DATABASE_LOST }

    private final NotificationPane pane;
    private Kind shown = Kind.NONE;
    private Runnable changeDatabase;

    WindowNotices(Node content) {
        pane = new NotificationPane(content);
        pane.setId("window-notices");
        pane.setShowFromTop(true);
        pane.setOnHidden(e -> shown = Kind.NONE);
    }

    Node getView() {
        return pane;
    }

    /** What the notice says; "" when none is shown. */
    String text() {
        return pane.isShowing() && pane.getText() != null ? pane.getText() : "";
    }

    /** What "Change database…" on a lost database's notice does. */
    void setOnChangeDatabase(Runnable action) {
        changeDatabase = action;
    }

    /** Files and URLs that were not added, each with its reason; none clears the notice of earlier ones. */
    void refused(List<String> refusals) {
        if (!refusals.isEmpty()) {
            show(Kind.REFUSED, String.join("\n", refusals));
        } else if (shown == Kind.REFUSED) {
            pane.hide();
        }
    }

    /** The open database stopped answering; the layer list keeps trying. */
    void databaseLost(String reason) {
        show(Kind.DATABASE_LOST, "The database does not answer: " + reason
                + " RasterDesk tries again every few seconds; what is shown may be out of date.");
    }

    /** The database answers again: its notice goes. */
    void databaseBack() {
        if (shown == Kind.DATABASE_LOST) {
            pane.hide();
        }
    }

    private void show(Kind kind, String text) {
        shown = kind;
        pane.getActions().clear();
        if (kind == Kind.DATABASE_LOST && changeDatabase != null) {
            pane.getActions().add(new Action("Change database…", e -> changeDatabase.run()));
        }
        pane.show(text);
    }
}
