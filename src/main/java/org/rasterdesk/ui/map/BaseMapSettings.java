package org.rasterdesk.ui.map;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rasterdesk.webtiles.XyzSource;

/**
 * What the map draws under its layers, as the user last chose it: the online base map on or off, its source
 * (OpenStreetMap, or a URL template entered, with its attribution) and opacity, and the world's outlines on or off.
 * Kept between runs in {@code map.properties} of the user's config folder.
 *
 * @param baseMap  whether the online base map is drawn (off by default: nothing goes to the network unasked)
 * @param source   the base map's tiles
 * @param opacity  the base map's opacity, 0 to 1
 * @param outlines whether the world's coastlines and borders are drawn
 */
public record BaseMapSettings(boolean baseMap, XyzSource source, double opacity, boolean outlines) {

    private static final Logger LOG = Logger.getLogger(BaseMapSettings.class.getName());

    public static final BaseMapSettings DEFAULT = new BaseMapSettings(false, XyzSource.OPENSTREETMAP, 1, true);

    public BaseMapSettings {
        opacity = Double.isNaN(opacity) ? 1 : Math.max(0, Math.min(1, opacity));
    }

    public BaseMapSettings withBaseMap(boolean on) {
        return new BaseMapSettings(on, source, opacity, outlines);
    }

    public BaseMapSettings withSource(XyzSource other) {
        return new BaseMapSettings(baseMap, other, opacity, outlines);
    }

    public BaseMapSettings withOpacity(double other) {
        return new BaseMapSettings(baseMap, source, other, outlines);
    }

    public BaseMapSettings withOutlines(boolean on) {
        return new BaseMapSettings(baseMap, source, opacity, on);
    }

    /** The settings kept in a file; the defaults when it is missing or unreadable. */
    public static BaseMapSettings read(Path file) {
        if (!Files.isRegularFile(file)) {
            return DEFAULT;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            String template = p.getProperty("baseMap.template");
            XyzSource source = template == null || template.equals(XyzSource.OPENSTREETMAP.template())
                    ? XyzSource.OPENSTREETMAP
                    : new XyzSource(template, p.getProperty("baseMap.attribution", ""),
                    Integer.parseInt(p.getProperty("baseMap.maxZoom", String.valueOf(XyzSource.DEFAULT_MAX_ZOOM))));
            return new BaseMapSettings(Boolean.parseBoolean(p.getProperty("baseMap.on", "false")), source,
                    Double.parseDouble(p.getProperty("baseMap.opacity", "1")),
                    Boolean.parseBoolean(p.getProperty("outlines.on", "true")));
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.INFO, "Cannot read the map settings " + file + "; using the defaults", e);
            return DEFAULT;
        }
    }

    /** Keeps the settings in a file; a failure costs only the memory of them, it is logged. */
    public void write(Path file) {
        Properties p = new Properties();
        p.setProperty("baseMap.on", String.valueOf(baseMap));
        p.setProperty("baseMap.template", source.template());
        p.setProperty("baseMap.attribution", source.attribution());
        p.setProperty("baseMap.maxZoom", String.valueOf(source.maxZoom()));
        p.setProperty("baseMap.opacity", String.valueOf(opacity));
        p.setProperty("outlines.on", String.valueOf(outlines));
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "RasterDesk's map: base map and outlines");
            }
        } catch (IOException e) {
            LOG.log(Level.INFO, "Cannot keep the map settings in " + file, e);
        }
    }
}
