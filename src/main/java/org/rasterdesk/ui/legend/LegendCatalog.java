package org.rasterdesk.ui.legend;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendRepository;
import org.rasterdesk.legend.LegendSemantics;
import org.rasterdesk.legend.LegendSemanticsRepository;
import org.rasterdesk.legend.LegendStyleRepository;

/** What the legend editor shows of a database, read in one go: the legends, their styles, the semantics. */
record LegendCatalog(List<Legend> legends, List<LegendSemantics> semantics, Map<Integer, ContinuousStyle> styles) {

    static final LegendCatalog EMPTY = new LegendCatalog(List.of(), List.of(), Map.of());

    LegendCatalog {
        legends = List.copyOf(legends);
        semantics = List.copyOf(semantics);
        styles = Map.copyOf(styles);
    }

    /** Reads the catalog; off the FX thread. */
    static LegendCatalog read(LegendRepository repository, LegendSemanticsRepository semanticsRepository,
                              LegendStyleRepository styleRepository) {
        List<Legend> all = repository.findAll();
        Map<Integer, ContinuousStyle> found = new HashMap<>();
        for (Legend legend : all) {
            styleRepository.find(legend.id()).ifPresent(s -> found.put(legend.id(), s));
        }
        return new LegendCatalog(all, semanticsRepository.allSemantics(), found);
    }

    Optional<ContinuousStyle> style(int legendId) {
        return Optional.ofNullable(styles.get(legendId));
    }

    /** A stored legend as a draft, to take a preview of unsaved edits back. */
    Optional<LegendDraft> draft(Integer legendId) {
        return legends.stream().filter(l -> l.id().equals(legendId)).findFirst()
                .map(l -> new LegendDraft(l.id(), l.title(), l.description(), l.entries(), style(l.id())));
    }

    Map<String, LegendSemantics> semanticsByName() {
        return semanticsByName(semantics);
    }

    /** Stored semantics by name; with several of one name (django-raster allows it), the first stored. */
    static Map<String, LegendSemantics> semanticsByName(List<LegendSemantics> list) {
        Map<String, LegendSemantics> map = new LinkedHashMap<>();
        for (LegendSemantics s : list) {
            map.putIfAbsent(s.name(), s);
        }
        return map;
    }
}
