package org.rasterdesk.ui.legend;

import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import org.rasterdesk.legend.Legend;

/**
 * The database's legends by title. Only a user's choice is reported: the list changed by code (read again, a choice
 * taken back) selects quietly.
 */
final class LegendList {

    private final ListView<Legend> view = new ListView<>();
    private final BiConsumer<Legend, Legend> onChosen;
    /** Set while the list is changed by code, so that its selection events are no user's choice. */
    private boolean quiet;

    /** @param onChosen called with the legend chosen before and the one chosen now when the user picks one */
    LegendList(BiConsumer<Legend, Legend> onChosen) {
        this.onChosen = Objects.requireNonNull(onChosen);
        view.setId("legend-list");
        view.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Legend legend, boolean empty) {
                super.updateItem(legend, empty);
                setText(empty || legend == null ? null : titleOf(legend));
            }
        });
        view.setPlaceholder(new Label("No legends yet"));
        view.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (!quiet) {
                this.onChosen.accept(was, now);
            }
        });
    }

    ListView<Legend> getView() {
        return view;
    }

    ReadOnlyObjectProperty<Legend> selectedProperty() {
        return view.getSelectionModel().selectedItemProperty();
    }

    Legend selected() {
        return view.getSelectionModel().getSelectedItem();
    }

    /** Lists these legends and selects one of them, or none for null. */
    void setLegends(List<Legend> legends, Legend select) {
        quietly(() -> {
            view.getItems().setAll(legends);
            if (select != null) {
                view.getSelectionModel().select(select);
            }
        });
    }

    void clear() {
        quietly(() -> view.getItems().clear());
    }

    /** Selects a legend, or nothing for null. */
    void select(Legend legend) {
        quietly(() -> {
            if (legend == null) {
                view.getSelectionModel().clearSelection();
            } else {
                view.getSelectionModel().select(legend);
            }
        });
    }

    /** The legend as the list now has it (read again after a save, say); the legend itself when not listed. */
    Legend listed(Legend legend) {
        return legend == null ? null : view.getItems().stream()
                .filter(l -> l.id().equals(legend.id())).findFirst().orElse(legend);
    }

    /**
     * Selects the listed legend of a title once the list has it (now or after the next read), as a user's click
     * would; calls back after selecting it.
     */
    void selectWhenListed(String title, Runnable selected) {
        Runnable attempt = () -> view.getItems().stream().filter(l -> l.title().equals(title)).findFirst()
                .ifPresent(l -> {
                    view.getSelectionModel().select(l);
                    selected.run();
                });
        if (view.getItems().stream().anyMatch(l -> l.title().equals(title))) {
            attempt.run();
            return;
        }
        view.getItems().addListener(new ListChangeListener<Legend>() {
            @Override
            public void onChanged(Change<? extends Legend> c) {
                if (view.getItems().stream().anyMatch(l -> l.title().equals(title))) {
                    view.getItems().removeListener(this);
                    Platform.runLater(attempt);
                }
            }
        });
    }

    /** A legend's name in lists and messages; an untitled one by its id. */
    static String titleOf(Legend legend) {
        return legend.title().isBlank() ? "Legend " + legend.id() : legend.title();
    }

    private void quietly(Runnable change) {
        boolean before = quiet;
        quiet = true;
        try {
            change.run();
        } finally {
            quiet = before;
        }
    }
}
