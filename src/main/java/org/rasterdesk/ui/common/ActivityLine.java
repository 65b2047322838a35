package org.rasterdesk.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;

/**
 * A line under a form that says what runs in the background ("Deleting “Soils”…") and, in red, why it failed: the
 * busy flag and the message of the commands of a form or dialog, one command at a time.
 */
public final class ActivityLine {

    private final Label label;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");

    /** Drives a label of a form (an FXML one, say), laid out as the form wants it. */
    public ActivityLine(Label label) {
        this.label = label;
    }

    /** A line of its own, which takes no room while it says nothing. */
    public ActivityLine() {
        this(new Label());
        label.setWrapText(true);
        label.managedProperty().bind(label.textProperty().isNotEmpty());
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
    }

    public Label label() {
        return label;
    }

    /** Whether a command runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why the last command failed; null while none has, or since one succeeded. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /**
     * A command: says {@code what} now and is busy until the work ends; a failure is logged and said in red as
     * "{@code what} failed: reason". The caller adds what to do with the value (and may replace the failure's
     * handling) and starts it.
     */
    public <T> BackgroundTask<T> command(String what, BackgroundTask.Work<T> work) {
        say(what, false);
        busy.set(true);
        return BackgroundTask.of(work)
                .describedAs(what)
                .onFinished(() -> busy.set(false))
                .onFailure(failure -> failed(what, failure));
    }

    /** Says why a command failed, in red: "Deleting “Soils” failed: reason". */
    public void failed(String what, Throwable failure) {
        say(what.replace("…", "").strip() + " failed: " + ErrorText.of(failure), true);
    }

    /** Says something, in red when it is an error; "" says nothing. */
    public void say(String text, boolean isError) {
        label.setText(text);
        label.getStyleClass().remove("error");
        if (isError) {
            label.getStyleClass().add("error");
        }
        problem.set(isError ? text : null);
    }

    public void clear() {
        say("", false);
    }
}
