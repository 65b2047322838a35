package org.rasterdesk.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rasterdesk.legend.LegendSemanticsRepository;
import org.rasterdesk.system.AppLogging;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.Database;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendEntry;
import org.rasterdesk.legend.LegendRepository;
import org.rasterdesk.legend.LegendSemantics;
import org.rasterdesk.legend.LegendStyleRepository;

/**
 * Puts two realistic legends into a database for screenshots of the legend editor — land cover classes and a
 * continuous temperature ramp — and removes them (and the semantics only they used) again.
 * Usage: {@code DemoLegends add|remove [JDBC-URL]} (default: the embedded database).
 */
public final class DemoLegends {

    static final String CATEGORICAL = "Land cover (NLCD classes)";
    static final String CONTINUOUS = "Surface temperature";

    /** name, description, expression, colour, code */
    private static final String[][] CLASSES = {
        {"Open water", "Areas of open water, less than 25% cover of vegetation or soil", "11", "#466b9f", "11"},
        {"Developed", "Constructed materials and impervious surfaces", "(x >= 21) & (x <= 24)", "#d99282",
            "21"},
        {"Deciduous forest", "Trees that shed their foliage with the season", "41", "#68ab5f", "41"},
        {"Evergreen forest", null, "42", "#1c5f2c", "42"},
        {"Pasture/hay", null, "81", "#dcd939", "81"},
        {"Cultivated crops", null, "82", "#ab6c28", "82"},
        {"Wetlands", "Woody and emergent herbaceous wetlands", "x >= 90", "#bde", "90"},
    };

    private DemoLegends() {
    }

    public static void main(String[] args) throws Exception {
        AppLogging.configure();
        if (args.length < 1 || !List.of("add", "remove").contains(args[0])) {
            System.err.println("usage: DemoLegends add|remove [JDBC-URL]");
            System.exit(2);
        }
        try (ConnectedDatabase connected = args.length > 1
                ? ConnectedDatabase.open(new ConnectionSettings(args[1], null, null, args[1]))
                : ConnectedDatabase.openEmbedded()) {
            int removed = remove(connected.database());
            if (args[0].equals("add")) {
                add(connected.database());
                System.out.println("Added 2 demo legends to " + connected.database().description());
            } else {
                System.out.println("Removed " + removed + " demo legends from "
                        + connected.database().description());
            }
        }
    }

    static void add(Database database) {
        LegendRepository legends = new LegendRepository(database.dataSource());
        LegendSemanticsRepository names = new LegendSemanticsRepository(database.dataSource());
        List<LegendSemantics> stored = names.allSemantics();
        List<LegendEntry> entries = new ArrayList<>();
        for (String[] c : CLASSES) {
            LegendSemantics semantics = stored.stream().filter(s -> s.name().equals(c[0])).findFirst()
                    .orElseGet(() -> names.saveSemantics(LegendSemantics.create(c[0]).withDescription(c[1])));
            entries.add(LegendEntry.create(semantics, c[2], c[3], c[4]));
        }
        legends.create(Legend.create(CATEGORICAL).withDescription("National Land Cover Database classes, "
                + "as used by the land cover layers").withEntries(entries));
        Legend ramp = legends.create(Legend.create(CONTINUOUS)
                .withDescription("Land surface temperature in °C, blue (cold) to red (hot)"));
        new LegendStyleRepository(database.dataSource()).save(ramp.id(),
                ContinuousStyle.of("#2c7bb6", "#d7191c").withOver("#ffffbf").withRange(-10, 40));
    }

    static int remove(Database database) {
        LegendRepository legends = new LegendRepository(database.dataSource());
        LegendSemanticsRepository semantics = new LegendSemanticsRepository(database.dataSource());
        int removed = 0;
        for (Legend legend : legends.findAll()) {
            if (Set.of(CATEGORICAL, CONTINUOUS).contains(legend.title()) && legends.delete(legend.id())) {
                removed++;
            }
        }
        Set<Integer> used = new java.util.HashSet<>();
        legends.findAll().forEach(l -> l.entries().forEach(e -> used.add(e.semantics().id())));
        for (LegendSemantics s : semantics.allSemantics()) {
            boolean demo = java.util.Arrays.stream(CLASSES).anyMatch(c -> c[0].equals(s.name()));
            if (demo && !used.contains(s.id())) {
                semantics.deleteSemantics(s.id());
            }
        }
        return removed;
    }
}
