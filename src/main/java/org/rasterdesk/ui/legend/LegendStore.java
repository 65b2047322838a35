package org.rasterdesk.ui.legend;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javax.sql.DataSource;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendRepository;
import org.rasterdesk.legend.LegendSemanticsRepository;
import org.rasterdesk.legend.LegendStyleRepository;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * The legend editor's reads and writes of one database: each runs on the executor and answers on the FX thread, or
 * reports why it failed. An answer overtaken by a newer read or by another database is dropped.
 */
final class LegendStore {

    private final TaskExecutor executor;
    private final Consumer<String> problem;
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(this, "connected");

    private DataSource dataSource;
    private LegendRepository legends;
    private LegendSemanticsRepository semantics;
    private LegendStyleRepository styles;
    private RasterLayerRepository layers;
    /** Counts database switches and reads, so that an answer to an older request is dropped. */
    private long generation;

    /**
     * @param executor runs the database calls; never the FX thread
     * @param problem  told why a call failed, or "" once one succeeded
     */
    LegendStore(TaskExecutor executor, Consumer<String> problem) {
        this.executor = executor;
        this.problem = problem;
    }

    /** The database to read and write; null for none. */
    void setDataSource(DataSource source) {
        generation++;
        dataSource = source;
        legends = source == null ? null : new LegendRepository(source);
        semantics = source == null ? null : new LegendSemanticsRepository(source);
        styles = source == null ? null : new LegendStyleRepository(source);
        layers = source == null ? null : new RasterLayerRepository(source);
        connected.set(source != null);
    }

    ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    /** True while a legend is being written. */
    ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** Reads the legends, their styles and the semantics; nothing happens without a database. */
    void read(Consumer<LegendCatalog> done) {
        if (legends == null) {
            return;
        }
        LegendRepository repository = legends;
        LegendSemanticsRepository semanticsRepository = semantics;
        LegendStyleRepository styleRepository = styles;
        long requested = ++generation;
        run("Cannot read the legends", () -> LegendCatalog.read(repository, semanticsRepository, styleRepository),
                done, () -> requested == generation);
    }

    /** Writes a legend in one transaction and hands over its id; nothing happens without a database. */
    void write(LegendDraft draft, IntConsumer done) {
        if (legends == null) {
            return;
        }
        DataSource target = dataSource;
        saving.set(true);
        problem.accept("");
        long requested = generation;
        BackgroundTask.of(() -> new LegendDraftWriter(target).write(draft))
                .describedAs("Saving legend " + draft.title() + " failed")
                .onFinished(() -> saving.set(false))
                .whileCurrent(() -> requested == generation)
                .onSuccess(done::accept)
                .onFailure(failure -> problem.accept("Cannot save “" + draft.title() + "”: "
                        + ErrorText.of(failure)))
                .executeWith(executor);
    }

    /** The names of the layers drawn with a legend; nothing happens without a database. */
    void layersUsing(Legend legend, Consumer<List<String>> done) {
        if (layers == null) {
            return;
        }
        RasterLayerRepository layerRepository = layers;
        run("Cannot check the layers of " + LegendList.titleOf(legend),
                () -> layerRepository.namesUsingLegend(legend.id()), done);
    }

    /** Deletes a legend with its entries. */
    void delete(Legend legend, Runnable done) {
        LegendRepository repository = legends;
        run("Cannot delete " + LegendList.titleOf(legend), () -> repository.delete(legend.id()), gone -> done.run());
    }

    private <T> void run(String failure, BackgroundTask.Work<T> work, Consumer<T> done) {
        run(failure, work, done, () -> true);
    }

    private <T> void run(String failure, BackgroundTask.Work<T> work, Consumer<T> done, BooleanSupplier current) {
        BackgroundTask.of(work)
                .describedAs(failure)
                .whileCurrent(current)
                .onSuccess(value -> {
                    problem.accept("");
                    done.accept(value);
                })
                .onFailure(e -> problem.accept(failure + ": " + ErrorText.of(e)))
                .executeWith(executor);
    }
}
