package org.rasterdesk.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rasterdesk.legend.CssColor;
import org.rasterdesk.render.DiscreteColormap;

/** The parts of a request read as Django and django-raster read them: query, path, colormap, entity tags. */
class RequestPartsTest {

    @Test
    void theQueryIsAWebFormWhoseRepeatedNamesKeepTheLastValue() {
        QueryParameters q = QueryParameters.parse("layers=a%3D1,b=2&formula=a+%2B+b&x&x=2&empty=");
        assertEquals("a=1,b=2", q.get("layers").orElseThrow(), "the first '=' splits name from value");
        assertEquals("a + b", q.get("formula").orElseThrow(), "'+' is a space, %2B a plus");
        assertEquals("2", q.get("x").orElseThrow());
        assertEquals("", q.get("empty").orElseThrow());
        assertTrue(q.has("empty"));
        assertFalse(q.has("nothing"));
        assertEquals("&x=2&formula=a + b", q.canonical("nothing", "x", "formula"));
        assertEquals("é", QueryParameters.parse("n=%C3%A9").get("n").orElseThrow());
        assertEquals(400, assertThrows(HttpError.class, () -> QueryParameters.parse("n=%C3")).status());
    }

    @Test
    void aPathIsSplitIntoDecodedSegments() {
        ServeRequest r = ServeRequest.of("GET", "/raster/tiles/Lisbon%20DEM/1/0/0.png", null, null, null, null);
        assertEquals(List.of("raster", "tiles", "Lisbon DEM", "1", "0", "0.png"), r.segments());
        assertEquals(List.of("raster", "legend"), ServeRequest.of("GET", "/raster/legend/", "layer=1", null, null,
                null).segments(), "a trailing slash is ignored");
        assertEquals(List.of(), ServeRequest.of("GET", "/", null, null, null, null).segments());
        assertEquals("a+b", ServeRequest.of("GET", "/a+b", null, null, null, null).segment(0), "'+' in a path");
        assertTrue(ServeRequest.of("GET", "/", null, null, null, "br, gzip").gzip());
        for (String odd : List.of("/a/../b", "/a/./b", "/a//b", "/a/%2F", "/a%5Cb", "relative", "/%00")) {
            assertEquals(400, assertThrows(HttpError.class, () -> ServeRequest.of("GET", odd, null, null, null, null))
                    .status(), odd);
        }
    }

    @Test
    void aColormapIsReadAsDjangoRastersJsonAndAsItsDocumentationWritesIt() {
        ColormapParameter strict = ColormapParameter.parse("{\"1\": \"#FF0000\", \"x > 3\": [0, 0, 255, 128]}");
        ColormapParameter lenient = ColormapParameter.parse("{1: '#FF0000', 'x > 3': [0, 0, 255, 128]}");
        assertEquals(strict.canonical(), lenient.canonical(), "same colormap, same key");
        assertFalse(strict.isContinuous());
        List<DiscreteColormap.Entry> entries = strict.entries();
        assertEquals("1", entries.get(0).condition().expression());
        assertEquals(0xFFFF0000, entries.get(0).argb());
        assertEquals(CssColor.argb(0, 0, 255, 128), entries.get(1).argb());

        ColormapParameter ramp = ColormapParameter.parse(
                "{\"continuous\": true, \"from\": \"#000\", \"over\": [255, 255, 0], \"to\": \"#fff\", "
                        + "\"range\": [\"-5\", 10.5]}");
        assertTrue(ramp.isContinuous());
        assertEquals(0xFF000000, ramp.continuous().from(), "#000 is black here (django-raster reads #000 so too)");
        assertEquals(0xFFFFFF00, ramp.continuous().over());
        assertEquals(-5, ramp.continuous().range()[0]);
        assertEquals(10.5, ramp.continuous().range()[1]);
        assertNull(ColormapParameter.parse("{\"continuous\": 1}").continuous().range(), "no range: the band's");
    }

    @Test
    void entityTagsMatchAsIfNoneMatchSays() {
        String tag = EntityTags.of("tile|1@v|own|png|1/0/0");
        assertEquals(tag, EntityTags.of("tile|1@v|own|png|1/0/0"));
        assertTrue(EntityTags.matches(tag, tag));
        assertTrue(EntityTags.matches("\"x\", " + tag, tag));
        assertTrue(EntityTags.matches("W/" + tag, tag));
        assertTrue(EntityTags.matches("*", tag));
        assertFalse(EntityTags.matches("\"x\"", tag));
        assertFalse(EntityTags.matches(null, tag));
    }
}
