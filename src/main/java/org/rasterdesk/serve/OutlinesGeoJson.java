package org.rasterdesk.serve;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.rasterdesk.basemap.Outlines;
import org.rasterdesk.basemap.Polyline;

/**
 * Natural Earth outlines as GeoJSON for the web map: two features, {@code coastline} and {@code border}, each a
 * MultiLineString, coordinates to 1/1000 degree (about 100 m, finer than the 1:50m data).
 */
final class OutlinesGeoJson {

    private OutlinesGeoJson() {
    }

    static byte[] of(Outlines outlines) {
        StringBuilder json = new StringBuilder(2 << 20);
        json.append("{\"type\":\"FeatureCollection\",\"features\":[");
        feature(json, "coastline", outlines.coastlines());
        json.append(',');
        feature(json, "border", outlines.borders());
        json.append("]}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void feature(StringBuilder json, String kind, List<Polyline> lines) {
        json.append("{\"type\":\"Feature\",\"properties\":{\"kind\":\"").append(kind)
                .append("\"},\"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":[");
        for (int l = 0; l < lines.size(); l++) {
            Polyline line = lines.get(l);
            json.append(l == 0 ? "[" : ",[");
            for (int p = 0; p < line.size(); p++) {
                json.append(p == 0 ? "[" : ",[").append(degrees(line.lon(p))).append(',').append(degrees(line.lat(p)))
                        .append(']');
            }
            json.append(']');
        }
        json.append("]}}");
    }

    /** Thousandths of a degree without trailing zeros (12.5, -0.03, 7), written by hand: 160,000 of them. */
    private static String degrees(double v) {
        long thousandths = Math.round(v * 1000);
        StringBuilder s = new StringBuilder(10);
        if (thousandths < 0) {
            s.append('-');
            thousandths = -thousandths;
        }
        s.append(thousandths / 1000);
        long fraction = thousandths % 1000;
        if (fraction != 0) {
            String digits = String.valueOf(1000 + fraction).substring(1).replaceFirst("0+$", "");
            s.append('.').append(digits);
        }
        return s.toString();
    }
}
