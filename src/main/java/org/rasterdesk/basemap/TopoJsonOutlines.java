package org.rasterdesk.basemap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the outlines of a world-atlas TopoJSON topology: its quantized, delta-encoded arcs decoded to degrees, and
 * each arc of the "countries" polygons classed as border (shared by two countries) or coast (one country), as
 * topojson-client's mesh does.
 */
final class TopoJsonOutlines {

    /** Points closer than this to the antimeridian lie on a cut of the polygons, not on a coast. */
    private static final double MERIDIAN_TOLERANCE = 1e-3;
    /** Antarctica is closed along 89.999°S in world-atlas; nothing else comes within a hundredth of the pole. */
    private static final double POLE_TOLERANCE = 1e-2;

    private TopoJsonOutlines() {
    }

    static Outlines read(OutlineScale scale, InputStream in) throws IOException {
        JsonNode topology = new ObjectMapper().readTree(in);
        if (!"Topology".equals(topology.path("type").asText())) {
            throw new IOException("not a TopoJSON topology");
        }
        List<double[]> arcs = decodeArcs(topology);
        int[] uses = new int[arcs.size()];
        JsonNode countries = topology.path("objects").path("countries").path("geometries");
        if (!countries.isArray() || countries.isEmpty()) {
            throw new IOException("the topology has no countries");
        }
        for (JsonNode geometry : countries) {
            countArcs(geometry.path("arcs"), uses);
        }
        List<Polyline> coasts = new ArrayList<>();
        List<Polyline> borders = new ArrayList<>();
        for (int i = 0; i < arcs.size(); i++) {
            if (uses[i] >= 2) {
                borders.add(new Polyline(arcs.get(i)));
            } else if (uses[i] == 1) {
                coasts.addAll(withoutCuts(arcs.get(i)));
            }
        }
        return new Outlines(scale, coasts, borders);
    }

    private static List<double[]> decodeArcs(JsonNode topology) throws IOException {
        JsonNode transform = topology.path("transform");
        double sx = transform.path("scale").path(0).asDouble(1);
        double sy = transform.path("scale").path(1).asDouble(1);
        double tx = transform.path("translate").path(0).asDouble(0);
        double ty = transform.path("translate").path(1).asDouble(0);
        boolean quantized = transform.isObject();
        List<double[]> arcs = new ArrayList<>();
        for (JsonNode arc : topology.path("arcs")) {
            double[] points = new double[arc.size() * 2];
            long x = 0;
            long y = 0;
            int p = 0;
            for (JsonNode position : arc) {
                if (quantized) {
                    // Quantized arcs store each position as the difference from the previous one.
                    x += position.path(0).asLong();
                    y += position.path(1).asLong();
                    points[p++] = x * sx + tx;
                    points[p++] = y * sy + ty;
                } else {
                    points[p++] = position.path(0).asDouble();
                    points[p++] = position.path(1).asDouble();
                }
            }
            if (points.length < 4) {
                throw new IOException("an arc of fewer than two points");
            }
            arcs.add(points);
        }
        return arcs;
    }

    /** Adds one use per ring reference; a negative index ~i is arc i reversed. */
    private static void countArcs(JsonNode node, int[] uses) {
        if (node.isInt()) {
            int i = node.asInt();
            uses[i < 0 ? ~i : i]++;
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                countArcs(child, uses);
            }
        }
    }

    /** The arc split where it runs along the antimeridian or the south pole, keeping the real coast. */
    private static List<Polyline> withoutCuts(double[] arc) {
        List<Polyline> parts = new ArrayList<>();
        int start = 0;
        int points = arc.length / 2;
        for (int i = 0; i + 1 < points; i++) {
            if (isCut(arc, i, i + 1)) {
                if (i > start) {
                    parts.add(new Polyline(java.util.Arrays.copyOfRange(arc, 2 * start, 2 * i + 2)));
                }
                start = i + 1;
            }
        }
        if (points - 1 > start) {
            parts.add(new Polyline(java.util.Arrays.copyOfRange(arc, 2 * start, arc.length)));
        }
        return parts;
    }

    private static boolean isCut(double[] arc, int a, int b) {
        double lonA = arc[2 * a];
        double lonB = arc[2 * b];
        boolean meridian = Math.abs(Math.abs(lonA) - 180) < MERIDIAN_TOLERANCE
                && Math.abs(lonA - lonB) < MERIDIAN_TOLERANCE;
        boolean pole = arc[2 * a + 1] < -90 + POLE_TOLERANCE && arc[2 * b + 1] < -90 + POLE_TOLERANCE;
        return meridian || pole;
    }
}
