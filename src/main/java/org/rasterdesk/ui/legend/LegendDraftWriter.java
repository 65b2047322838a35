package org.rasterdesk.ui.legend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.rasterdesk.db.Transactions;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendEntry;
import org.rasterdesk.legend.LegendRepository;
import org.rasterdesk.legend.LegendSemantics;
import org.rasterdesk.legend.LegendSemanticsRepository;
import org.rasterdesk.legend.LegendStyleRepository;

/** Stores a legend as the editor holds it: its new semantics, the legend with its entries, its continuous style. */
final class LegendDraftWriter {

    private final LegendRepository repository;
    private final LegendSemanticsRepository semanticsRepository;
    private final LegendStyleRepository styleRepository;

    private final DataSource dataSource;

    LegendDraftWriter(DataSource dataSource) {
        this.dataSource = dataSource;
        this.repository = new LegendRepository(dataSource);
        this.semanticsRepository = new LegendSemanticsRepository(dataSource);
        this.styleRepository = new LegendStyleRepository(dataSource);
    }

    /**
     * Writes a draft in one transaction: new semantics first (and changed descriptions), then the legend with its entries, then its
     * style. Entries are stored in the order shown: django-raster paints in the order of their ids, so when the
     * order changed they are all stored anew.
     *
     * @return the legend's id
     */
    int write(LegendDraft draft) {
        // One transaction: a failure half-way (the style, say) must not leave a new legend that a retry duplicates.
        return Transactions.together(dataSource, "saving legend " + draft.title(), () -> writeAll(draft));
    }

    private int writeAll(LegendDraft draft) {
        Map<String, LegendSemantics> byName = LegendCatalog.semanticsByName(semanticsRepository.allSemantics());
        List<LegendEntry> list = new ArrayList<>();
        for (LegendEntry entry : draft.entries()) {
            String name = entry.semantics().name();
            String description = entry.semantics().description();
            LegendSemantics semantics = byName.get(name);
            if (semantics == null) {
                semantics = semanticsRepository.saveSemantics(LegendSemantics.create(name)
                        .withDescription(description));
                byName.put(name, semantics);
            } else if (!Objects.equals(blankToNull(semantics.description()), description)) {
                semantics = semanticsRepository.saveSemantics(semantics.withDescription(description));
                byName.put(name, semantics);
            }
            list.add(entry.withSemantics(semantics));
        }
        if (!keepsOrder(list)) {
            list.replaceAll(e -> e.withId(null));
        }
        Legend legend = new Legend(draft.legendId(), draft.title(), draft.description(), list, null, null);
        Legend stored = draft.legendId() == null ? repository.create(legend) : repository.save(legend);
        if (draft.style().isPresent()) {
            styleRepository.save(stored.id(), draft.style().get());
        } else {
            styleRepository.delete(stored.id());
        }
        return stored.id();
    }

    /** Whether storing the entries as they are (new ones get higher ids) keeps them in this order. */
    static boolean keepsOrder(List<LegendEntry> list) {
        int last = Integer.MIN_VALUE;
        boolean sawNew = false;
        for (LegendEntry e : list) {
            if (e.id() == null) {
                sawNew = true;
            } else if (sawNew || e.id() < last) {
                return false;
            } else {
                last = e.id();
            }
        }
        return true;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
