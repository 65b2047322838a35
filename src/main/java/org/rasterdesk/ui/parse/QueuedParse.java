package org.rasterdesk.ui.parse;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.parse.ParseResult;

/**
 * One parse the window asked for, waiting or running: its phase, progress and log lines as JavaFX properties.
 * Its properties change on the FX thread only; {@link ParseQueue} feeds them from the parsing thread.
 */
public final class QueuedParse {

    /** Where the parse is in the queue, as opposed to {@link ParseStatus}, the parse's own phase. */
    public enum State { QUEUED, RUNNING, DONE }

    private final int layerId;
    private final String layerName;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.QUEUED);
    private final ReadOnlyObjectWrapper<ParseStatus> phase = new ReadOnlyObjectWrapper<>(this, "phase");
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction", -1);
    private final ReadOnlyLongWrapper tilesDone = new ReadOnlyLongWrapper(this, "tilesDone");
    private final ReadOnlyDoubleWrapper tilesPerSecond = new ReadOnlyDoubleWrapper(this, "tilesPerSecond");
    private final ReadOnlyDoubleWrapper secondsLeft = new ReadOnlyDoubleWrapper(this, "secondsLeft", Double.NaN);
    private final ReadOnlyStringWrapper lastLogLine = new ReadOnlyStringWrapper(this, "lastLogLine", "");
    private final ReadOnlyObjectWrapper<ParseResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure");
    private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper(this, "cancelling");
    private final ReadOnlyBooleanWrapper databaseLost = new ReadOnlyBooleanWrapper(this, "databaseLost");
    private final ObservableList<String> logLines = FXCollections.observableArrayList();
    private final ObservableList<String> readOnlyLogLines = FXCollections.unmodifiableObservableList(logLines);
    /** Read by the parsing thread between units of work. */
    final AtomicBoolean cancelRequested = new AtomicBoolean();
    /** Set when the window goes: a parse on workers is then no longer followed, and goes on without it. */
    final AtomicBoolean detached = new AtomicBoolean();
    private boolean unrecorded;

    private final boolean onWorkers;

    QueuedParse(int layerId, String layerName) {
        this(layerId, layerName, false);
    }

    QueuedParse(int layerId, String layerName, boolean onWorkers) {
        this.layerId = layerId;
        this.layerName = layerName;
        this.onWorkers = onWorkers;
    }

    /** Whether workers ({@code rasterdesk worker}) run this parse, and this window only follows it. */
    public boolean onWorkers() {
        return onWorkers;
    }

    public int layerId() {
        return layerId;
    }

    public String layerName() {
        return layerName;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The parse's phase as the engine reports it; null until it starts. */
    public ReadOnlyObjectProperty<ParseStatus> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** 0..1 of the whole parse, -1 while it cannot be told (a progress bar shows that as indeterminate). */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty tilesDoneProperty() {
        return tilesDone.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty tilesPerSecondProperty() {
        return tilesPerSecond.getReadOnlyProperty();
    }

    /** Estimated seconds until the parse ends, NaN while unknown. */
    public ReadOnlyDoubleProperty secondsLeftProperty() {
        return secondsLeft.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastLogLineProperty() {
        return lastLogLine.getReadOnlyProperty();
    }

    /** The log lines of this parse so far, as the engine writes them ({@code [YYYY-mm-dd HH:MM:SS] message}). */
    public ObservableList<String> logLines() {
        return readOnlyLogLines;
    }

    /** How the parse ended; null until it has. */
    public ReadOnlyObjectProperty<ParseResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Why the parse could not run at all (no such layer, database gone); null otherwise. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public boolean isCancelRequested() {
        return cancelRequested.get();
    }

    /** True from the cancel until the parse has stopped. */
    public ReadOnlyBooleanProperty cancellingProperty() {
        return cancelling.getReadOnlyProperty();
    }

    /** True while the parse waits for a database that went away (a restart) to come back. */
    public ReadOnlyBooleanProperty databaseLostProperty() {
        return databaseLost.getReadOnlyProperty();
    }

    void setDatabaseLost(boolean lost) {
        databaseLost.set(lost);
    }

    void requestCancel() {
        cancelRequested.set(true);
        cancelling.set(true);
    }

    public boolean isDone() {
        return state.get() == State.DONE;
    }

    void setState(State value) {
        state.set(value);
    }

    void setPhase(ParseStatus value) {
        phase.set(value);
    }

    void setProgress(double fractionDone, long tiles, double rate, double left) {
        fraction.set(fractionDone);
        tilesDone.set(tiles);
        tilesPerSecond.set(rate);
        secondsLeft.set(left);
    }

    void addLogLines(List<String> lines) {
        if (!lines.isEmpty()) {
            logLines.addAll(lines);
            lastLogLine.set(lines.get(lines.size() - 1));
        }
    }

    /**
     * Whether the parse failed before the engine could store anything (the source could not be read, the database
     * was gone): its lines here are then the only record of why, and the stored status still reads as before.
     */
    public boolean failedUnrecorded() {
        return unrecorded;
    }

    void finish(ParseResult ended, String failureText, boolean failedUnrecorded) {
        unrecorded = failedUnrecorded;
        result.set(ended);
        failure.set(failureText);
        if (ended != null) {
            phase.set(ended.status());
        } else if (failureText != null) {
            phase.set(ParseStatus.FAILED);
        }
        secondsLeft.set(Double.NaN);
        cancelling.set(false);
        databaseLost.set(false);
        state.set(State.DONE);
    }
}
