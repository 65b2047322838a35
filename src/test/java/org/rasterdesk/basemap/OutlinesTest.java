package org.rasterdesk.basemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shipped Natural Earth outlines, checked against places whose coast and borders everyone knows. */
class OutlinesTest {

    @ParameterizedTest
    @EnumSource(OutlineScale.class)
    void linesLieOnTheWorldWithoutTheCutsThatClosePolygons(OutlineScale scale) {
        Outlines outlines = Outlines.naturalEarth(scale);
        assertSame(outlines, Outlines.naturalEarth(scale), "read once");
        assertTrue(outlines.coastlines().size() > 100, "coastlines: " + outlines.coastlines().size());
        assertTrue(outlines.borders().size() > 300, "borders: " + outlines.borders().size());
        for (List<Polyline> lines : List.of(outlines.coastlines(), outlines.borders())) {
            for (Polyline line : lines) {
                for (int p = 0; p < line.size(); p++) {
                    assertTrue(Math.abs(line.lon(p)) <= 180.0001 && Math.abs(line.lat(p)) <= 90.0001, line.toString());
                }
            }
        }
        for (Polyline coast : outlines.coastlines()) {
            for (int p = 0; p + 1 < coast.size(); p++) {
                boolean meridian = Math.abs(Math.abs(coast.lon(p)) - 180) < 1e-3
                        && Math.abs(coast.lon(p) - coast.lon(p + 1)) < 1e-3;
                boolean pole = coast.lat(p) < -89.99 && coast.lat(p + 1) < -89.99;
                assertFalse(meridian || pole, "a cut drawn as coast in " + coast);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(OutlineScale.class)
    void icelandIsAllCoastAndPortugalMeetsSpain(OutlineScale scale) {
        Outlines outlines = Outlines.naturalEarth(scale);
        // Iceland: an island of one country, so coast all round and no border.
        assertTrue(outlines.coastlines().stream().anyMatch(l -> allWithin(l, -25, 63, -13, 67)),
                "a coastline around Iceland");
        assertFalse(outlines.borders().stream().anyMatch(l -> anyWithin(l, -25, 63, -13, 67)),
                "no border in Iceland");
        // Portugal and Spain: a border running north-south near 7°W between 37°N and 42°N.
        assertTrue(outlines.borders().stream().anyMatch(l -> allWithin(l, -9.2, 36.9, -6, 42.4)
                && span(l) > 3), "the Portuguese-Spanish border");
        // Cabo da Roca, the westernmost point of mainland Europe, is on a coastline.
        double nearest = Double.MAX_VALUE;
        for (Polyline coast : outlines.coastlines()) {
            for (int p = 0; p < coast.size(); p++) {
                nearest = Math.min(nearest, Math.hypot(coast.lon(p) + 9.50, coast.lat(p) - 38.78));
            }
        }
        assertTrue(nearest < (scale == OutlineScale.SMALL ? 0.6 : 0.15), "Cabo da Roca off by " + nearest + "°");
    }

    @ParameterizedTest
    @EnumSource(OutlineScale.class)
    void theScaleFollowsTheZoom(OutlineScale scale) {
        assertEquals(OutlineScale.SMALL, OutlineScale.forZoom(0));
        assertEquals(OutlineScale.SMALL, OutlineScale.forZoom(OutlineScale.SMALL_UP_TO_ZOOM));
        assertEquals(OutlineScale.MEDIUM, OutlineScale.forZoom(OutlineScale.SMALL_UP_TO_ZOOM + 1));
        assertEquals(scale, Outlines.naturalEarth(scale).scale());
    }

    private static boolean allWithin(Polyline l, double w, double s, double e, double n) {
        for (int p = 0; p < l.size(); p++) {
            if (l.lon(p) < w || l.lon(p) > e || l.lat(p) < s || l.lat(p) > n) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyWithin(Polyline l, double w, double s, double e, double n) {
        for (int p = 0; p < l.size(); p++) {
            if (l.lon(p) >= w && l.lon(p) <= e && l.lat(p) >= s && l.lat(p) <= n) {
                return true;
            }
        }
        return false;
    }

    /** Degrees of latitude the line covers. */
    private static double span(Polyline l) {
        double min = 90;
        double max = -90;
        for (int p = 0; p < l.size(); p++) {
            min = Math.min(min, l.lat(p));
            max = Math.max(max, l.lat(p));
        }
        return max - min;
    }
}
