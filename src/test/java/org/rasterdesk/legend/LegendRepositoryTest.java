package org.rasterdesk.legend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;

class LegendRepositoryTest {

    static LegendRepository legends;
    static LegendSemanticsRepository semantics;
    static RasterLayerRepository layers;

    @BeforeAll
    static void database() {
        legends = new LegendRepository(TestDatabase.shared().dataSource());
        semantics = new LegendSemanticsRepository(TestDatabase.shared().dataSource());
        layers = new RasterLayerRepository(TestDatabase.shared().dataSource());
    }

    @Test
    void semanticsRoundTrip() {
        LegendSemantics s = semantics.saveSemantics(new LegendSemantics(null, "Forest", "Trees > 5 m", "forest"));
        assertEquals(Optional.of(s), semantics.findSemantics(s.id()));
        LegendSemantics bare = semantics.saveSemantics(LegendSemantics.create("Bare"));
        assertEquals(Optional.of(bare), semantics.findSemantics(bare.id()));
        assertTrue(semantics.allSemantics().containsAll(List.of(s, bare)));
    }

    @Test
    void legendJsonIsDjangosAfterEveryChange() throws Exception {
        LegendSemantics water = semantics.saveSemantics(LegendSemantics.create("Water"));
        LegendSemantics forest = semantics.saveSemantics(LegendSemantics.create("Forest"));
        LegendSemantics urban = semantics.saveSemantics(LegendSemantics.create("Urban"));

        Legend empty = legends.create(Legend.create("Land cover").withDescription("Classes of 2020"));
        assertNull(empty.json(), "django-raster builds the json only when entries are saved");
        assertEquals("Classes of 2020", empty.description());

        LegendEntry w = legends.saveEntry(LegendEntry.create(water, "1", "#0000FF", "2").withLegendId(empty.id()));
        LegendEntry f = legends.saveEntry(LegendEntry.create(forest, "2", "#00FF00", "1").withLegendId(empty.id()));
        LegendEntry u = legends.saveEntry(LegendEntry.create(urban, "(x > 3) & (x < 5)", "#FF0000", "1")
                .withLegendId(empty.id()));
        Legend legend = legends.find(empty.id()).orElseThrow();
        assertEquals(List.of(w, f, u), legend.entries());
        assertEquals("[{\"name\": \"Forest\", \"expression\": \"2\", \"code\": \"1\", \"color\": \"#00FF00\"}, "
                + "{\"name\": \"Urban\", \"expression\": \"(x > 3) & (x < 5)\", \"code\": \"1\", "
                + "\"color\": \"#FF0000\"}, "
                + "{\"name\": \"Water\", \"expression\": \"1\", \"code\": \"2\", \"color\": \"#0000FF\"}]",
                legend.json());
        assertFalse(legend.modified().isBefore(empty.modified()));

        semantics.saveSemantics(urban.withName("Built-up"));
        assertEquals("[{\"name\": \"Built-up\", \"expression\": \"(x > 3) & (x < 5)\", \"code\": \"1\", "
                + "\"color\": \"#FF0000\"}, "
                + "{\"name\": \"Forest\", \"expression\": \"2\", \"code\": \"1\", \"color\": \"#00FF00\"}, "
                + "{\"name\": \"Water\", \"expression\": \"1\", \"code\": \"2\", \"color\": \"#0000FF\"}]",
                legends.find(legend.id()).orElseThrow().json());

        legends.saveEntry(w.withColor("#0000AA").withCode(""));
        assertTrue(legends.deleteEntry(f.id()));
        assertEquals("[{\"name\": \"Water\", \"expression\": \"1\", \"code\": \"\", \"color\": \"#0000AA\"}, "
                + "{\"name\": \"Built-up\", \"expression\": \"(x > 3) & (x < 5)\", \"code\": \"1\", "
                + "\"color\": \"#FF0000\"}]", legends.find(legend.id()).orElseThrow().json());

        assertTrue(semantics.deleteSemantics(urban.id()));
        assertEquals("[{\"name\": \"Water\", \"expression\": \"1\", \"code\": \"\", \"color\": \"#0000AA\"}]",
                legends.find(legend.id()).orElseThrow().json());
    }

    @Test
    void saveReplacesTheEntriesAndRebuildsTheJson() {
        LegendSemantics low = semantics.saveSemantics(LegendSemantics.create("Low"));
        LegendSemantics high = semantics.saveSemantics(LegendSemantics.create("Hög"));
        Legend created = legends.create(Legend.create("Heights").withEntries(List.of(
                LegendEntry.create(low, "x < 10", "#FFFFFF", "a"),
                LegendEntry.create(high, "x >= 10", "#000000", "b"))));
        assertEquals(2, created.entries().size());
        assertEquals("[{\"name\": \"Low\", \"expression\": \"x < 10\", \"code\": \"a\", \"color\": \"#FFFFFF\"}, "
                + "{\"name\": \"H\\u00f6g\", \"expression\": \"x >= 10\", \"code\": \"b\", \"color\": \"#000000\"}]",
                created.json());

        LegendEntry kept = created.entries().get(1).withExpression("x >= 20");
        Legend saved = legends.save(created.withTitle("Heights (m)").withEntries(List.of(kept,
                LegendEntry.create(low, "x < 20", "#EEEEEE", "0"))));
        assertEquals("Heights (m)", saved.title());
        assertEquals(List.of("x >= 20", "x < 20"), saved.entries().stream().map(LegendEntry::expression).toList());
        assertEquals(kept, saved.entries().get(0));
        assertEquals("[{\"name\": \"Low\", \"expression\": \"x < 20\", \"code\": \"0\", \"color\": \"#EEEEEE\"}, "
                + "{\"name\": \"H\\u00f6g\", \"expression\": \"x >= 20\", \"code\": \"b\", \"color\": \"#000000\"}]",
                saved.json());
        assertEquals("[]", legends.save(saved.withEntries(List.of())).json());
        assertTrue(legends.findAll().stream().anyMatch(l -> l.id().equals(saved.id())));
    }

    @Test
    void deletingALegendKeepsItsLayers() {
        LegendSemantics s = semantics.saveSemantics(LegendSemantics.create("Any"));
        Legend legend = legends.create(Legend.create("Doomed")
                .withEntries(List.of(LegendEntry.create(s, "1", "#123456", ""))));
        RasterLayer layer = layers.create(RasterLayer.create("styled").withLegendId(legend.id()));
        assertTrue(legends.delete(legend.id()));
        assertEquals(Optional.empty(), legends.find(legend.id()));
        assertNull(layers.find(layer.id()).orElseThrow().legendId());
        assertEquals(Optional.of(s), semantics.findSemantics(s.id()));
        assertFalse(legends.delete(legend.id()));
    }

    @Test
    void unstoredSemanticsIsRefused() {
        Legend legend = legends.create(Legend.create("x"));
        assertThrows(IllegalArgumentException.class, () -> legends.saveEntry(
                LegendEntry.create(LegendSemantics.create("new"), "1", "#000000", "").withLegendId(legend.id())));
        LegendSemantics s = semantics.saveSemantics(LegendSemantics.create("s"));
        assertThrows(IllegalArgumentException.class,
                () -> legends.saveEntry(LegendEntry.create(s, "1", "red", "").withLegendId(legend.id())));
        assertThrows(IllegalArgumentException.class, () -> legends.save(legend.withEntries(
                List.of(LegendEntry.create(s, "1", "#12345G", "")))));
        assertTrue(LegendEntry.isValidColor("#f00"));
    }
}
