package org.rasterdesk.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests the server refuses: each gets a 4xx with a one-line reason in plain text, never a 5xx or a stack trace,
 * reads no file outside the program's own resources, and leaves the database as it was. Sent byte for byte on a
 * socket, so that odd paths arrive as written.
 */
class BadRequestsTest {

    private static ServedLayers served;

    @BeforeAll
    static void serve() {
        served = ServedLayers.get();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // unknown things
        "GET|/raster/tiles/999999/1/0/0.png|404|there is no layer '999999'",
        "GET|/raster/tiles/no%20such%20layer/1/0/0.png|404|there is no layer named 'no such layer'",
        "GET|/raster/tiles/1/1/0/0.gif|404|tiles are .png, .jpg or .tif, not .gif",
        "GET|/raster/legend/999999|404|there is no legend 999999",
        "GET|/raster/legend/nothing%20titled%20so|404|there is no legend titled 'nothing titled so'",
        "GET|/raster/tiles/999999.json|404|there is no layer '999999'",
        "GET|/raster/nothing|404|no such path",
        "GET|/favicon.ico|404|no such path",
        // the grid
        "GET|/raster/tiles/LAYER/25/0/0.png|400|zoom 25 is outside 0..24",
        "GET|/raster/tiles/LAYER/2/4/0.png|400|tile 2/4/0 is outside the grid",
        "GET|/raster/tiles/LAYER/-1/0/0.png|400|a tile address is {z}/{x}/{y}.png",
        "GET|/raster/tiles/LAYER/1/0/zero.png|400|a tile address is {z}/{x}/{y}.png",
        "GET|/raster/tiles/LAYER/99999999999/0/0.png|400|a tile address is {z}/{x}/{y}.png",
        // options
        "GET|/raster/tiles/LAYER/1/0/0.png?colormap=%7Bnot%20json|400|colormap is not JSON",
        "GET|/raster/tiles/LAYER/1/0/0.png?colormap=%7B%22x%3E%3E2%22%3A%22%23f00%22%7D|400|colormap entry 'x>>2'",
        "GET|/raster/tiles/LAYER/1/0/0.png?colormap=%7B%221%22%3A%22red%22%7D|400|colormap 1: not a hex colour",
        "GET|/raster/tiles/LAYER/1/0/0.png?colormap=%7B%22continuous%22%3Atrue%2C%22range%22%3A%5B5%2C1%5D%7D|400|colormap range [5.0, 1.0] is empty",
        "GET|/raster/tiles/LAYER/1/0/0.png?legend=999999|404|there is no legend 999999",
        "GET|/raster/tiles/LAYER/1/0/0.png?legend=x&store=session|400|store=session",
        "GET|/raster/tiles/LAYER/1/0/0.png?enhance_contrast=lots|400|enhance_contrast must be a number",
        // algebra and pixels
        "GET|/raster/algebra/1/0/0.png?formula=a|400|layers is missing",
        "GET|/raster/algebra/1/0/0.png?layers=a%3D1%3D2&formula=a|400|layers: 'a=1=2' is not name=layer",
        "GET|/raster/algebra/1/0/0.png?layers=a=LAYER,a=LAYER&formula=a|400|the name a is given twice",
        "GET|/raster/algebra/1/0/0.png?layers=a=LAYER&formula=a%2B%2B|400|formula: unexpected end of formula at 3",
        "GET|/raster/algebra/1/0/0.png?layers=a=LAYER&formula=log(b)|400|formula: unknown name 'b' (the variables are a)",
        "GET|/raster/algebra/1/0/0.png?layers=E=LAYER&formula=E|400|layers: 'E' cannot name a variable",
        "GET|/raster/algebra/1/0/0.png?layers=a=LAYER|400|give a formula, or layers named r, g and b",
        "GET|/raster/algebra/1/0/0.png?layers=a:7=LAYER&formula=a|400|has 1 band, no band 7",
        "GET|/raster/algebra/1/0/0.png?layers=r=LAYER,g=LAYER,b=LAYER&scale=9,1|400|scale: min must be less than max",
        "GET|/raster/pixel/1e9/0?layers=a=LAYER&formula=a|400|a coordinate is a number of metres",
        "GET|/raster/pixel/30000000/0?layers=a=LAYER&formula=a|400|outside the web mercator world",
        // odd paths: nothing maps a path to a file, and dot segments are refused outright
        "GET|/static/leaflet/..%2f..%2f..%2fpom.xml|400|escaped slash",
        "GET|/static//map.js|400|empty",
        "GET|/static/map.js%00.png|400|control character",
        "GET|/raster/legend/%ff%fe|400|not UTF-8",
        "GET|/META-INF/resources/webjars/leaflet/1.9.4/dist/leaflet.js|404|no such path",
        "GET|/org/rasterdesk/basemap/countries-50m.json|404|no such path",
        "POST|/raster/tiles/LAYER/1/0/0.png|405|only GET and HEAD",
        "DELETE|/raster/legend/1|405|only GET and HEAD",
    })
    void aBadRequestGetsA4xxWithOneLineOfReason(String method, String target, int status, String reason) {
        String response = served.raw(method + " " + target.replace("LAYER", String.valueOf(served.dem))
                + " HTTP/1.1");
        assertStatusAndReason(response, status, reason);
    }

    /**
     * Paths that try to climb out. Some the JDK's HTTP server answers itself (its own one-line 400 for what
     * java.net.URI cannot parse) or resolves ("/a/../b" is "/b") before the handler sees them; whoever answers, it
     * is a 4xx and no file's content.
     */
    @ParameterizedTest
    @CsvSource({
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/leaflet/../../../../../../etc/passwd",
        "/static/../../../../etc/passwd",
        "//etc/passwd",
        "/static/..\\..\\..\\etc\\passwd",
        "/raster/tiles/1/1/0/0.png?legend=%zz",
        "/static/map.js/../../../pom.xml",
        "/./static/map.js",
        "/static/%252e%252e/%252e%252e/etc/passwd",
    })
    void aPathThatClimbsOutIsRefused(String target) {
        String response = served.raw("GET " + target + " HTTP/1.1");
        assertTrue(response.matches("(?s)HTTP/1\\.1 4\\d\\d .*"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertEquals(1, body.strip().lines().count(), "one line: " + body);
        assertFalse(body.contains("root:") || body.contains("<project") || body.contains("\tat "), body);
    }

    @Test
    void sqlInANameIsJustANameThatMatchesNothing() throws Exception {
        long before = tiles();
        String response = served.raw("GET /raster/tiles/1%27%3B%20DROP%20TABLE%20raster_rastertile%3B--/1/0/0.png"
                + " HTTP/1.1");
        assertStatusAndReason(response, 404, "there is no layer named '1'; DROP TABLE raster_rastertile;--'");
        response = served.raw("GET /raster/legend/x%27%20OR%201%3D1--?layer=1 HTTP/1.1");
        assertStatusAndReason(response, 404, "there is no legend titled 'x' OR 1=1--'");
        assertEquals(before, tiles(), "the tiles are all there");
    }

    @Test
    void anOverlongRequestIsRefused() {
        String response = served.raw("GET /raster/tiles/" + served.dem + "/1/0/0.png?colormap="
                + "a".repeat(ServeRequest.MAX_TARGET_LENGTH) + " HTTP/1.1");
        assertStatusAndReason(response, 414, "longer than");
        String formula = "a%2B".repeat(AlgebraEndpoint.MAX_FORMULA_LENGTH / 2 + 1) + "a";
        response = served.raw("GET /raster/algebra/1/0/0.png?layers=a=" + served.dem + "&formula=" + formula
                + " HTTP/1.1");
        assertStatusAndReason(response, 400, "the formula is longer than");
    }

    @Test
    void aHeadRequestHasNoBody() {
        String response = served.raw("HEAD /raster/tiles/" + served.dem + "/13/3886/3138.png HTTP/1.1");
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.endsWith("\r\n\r\n"), "nothing after the headers");
    }

    private static void assertStatusAndReason(String response, int status, String reason) {
        String statusLine = response.substring(0, response.indexOf("\r\n"));
        assertTrue(statusLine.startsWith("HTTP/1.1 " + status + " "), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertTrue(body.contains(reason), "reason '" + reason + "' in: " + body);
        assertEquals(1, body.strip().lines().count(), "one line: " + body);
        assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("org.rasterdesk"),
                "no stack trace: " + body);
        assertTrue(response.toLowerCase(java.util.Locale.ROOT).contains("content-type: text/plain"), response);
    }

    private static long tiles() throws Exception {
        try (Connection c = served.dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM raster_rastertile")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
