package org.rasterdesk.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.rasterdesk.layer.LayerSummary;

/** Prints layer summaries as a plain text table with a header, columns padded to their widest cell. */
final class LayerTable {

    private static final String[] HEADER = {"ID", "NAME", "DATATYPE", "STATUS", "TILES"};
    /** Columns whose cells are numbers, aligned right. */
    private static final boolean[] NUMERIC = {true, false, false, false, true};

    private LayerTable() {
    }

    static void print(List<LayerSummary> layers, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (LayerSummary layer : layers) {
            rows.add(new String[] {String.valueOf(layer.id()), layer.name() == null ? "" : layer.name(),
                    layer.datatype().displayName(), layer.statusText(), String.valueOf(layer.tileCount())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(widths[i] - row[i].length());
                line.append(NUMERIC[i] ? pad + row[i] : row[i] + pad);
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
