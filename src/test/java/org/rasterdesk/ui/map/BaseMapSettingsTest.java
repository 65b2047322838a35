package org.rasterdesk.ui.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.webtiles.XyzSource;

/** The base map choice is remembered between runs; a missing or broken file gives the defaults. */
class BaseMapSettingsTest {

    @TempDir
    Path dir;

    @Test
    void whatWasChosenIsReadBackInTheNextRun() {
        Path file = dir.resolve("config/map.properties");
        BaseMapSettings chosen = BaseMapSettings.DEFAULT.withBaseMap(true).withOpacity(0.4).withOutlines(false)
                .withSource(XyzSource.of("https://tiles.example.org/{z}/{x}/{y}.png", "© Example"));
        chosen.write(file);
        assertEquals(chosen, BaseMapSettings.read(file));
        BaseMapSettings osm = BaseMapSettings.DEFAULT.withBaseMap(true);
        osm.write(file);
        assertEquals(osm, BaseMapSettings.read(file));
    }

    @Test
    void withoutAFileTheBaseMapIsOffAndTheOutlinesOn() throws Exception {
        assertEquals(BaseMapSettings.DEFAULT, BaseMapSettings.read(dir.resolve("none.properties")));
        assertEquals(false, BaseMapSettings.DEFAULT.baseMap());
        assertEquals(true, BaseMapSettings.DEFAULT.outlines());
        assertEquals(XyzSource.OPENSTREETMAP, BaseMapSettings.DEFAULT.source());
        Path broken = dir.resolve("broken.properties");
        Files.writeString(broken, "baseMap.on=true\nbaseMap.template=not a url\n");
        assertEquals(BaseMapSettings.DEFAULT, BaseMapSettings.read(broken));
    }
}
