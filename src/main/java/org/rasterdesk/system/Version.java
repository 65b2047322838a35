package org.rasterdesk.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** RasterDesk's version, as Maven built it. */
public final class Version {
    private Version() {
    }

    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/org/rasterdesk/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
