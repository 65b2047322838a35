package org.rasterdesk.ui.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How the window parses, as the user last chose it: here, or queued for the database's workers ("Parse on
 * workers"). Kept between runs in {@code parse.properties} of the user's config folder.
 */
public record ParseSettings(boolean onWorkers) {

    private static final Logger LOG = Logger.getLogger(ParseSettings.class.getName());

    /** The settings kept in a file; parsing here when it is missing or unreadable. */
    public static ParseSettings read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new ParseSettings(false);
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            return new ParseSettings(Boolean.parseBoolean(p.getProperty("parse.onWorkers", "false")));
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.INFO, "Cannot read the parse settings " + file + "; parsing here", e);
            return new ParseSettings(false);
        }
    }

    /** Keeps the settings in a file; a failure costs only the memory of them, it is logged. */
    public void write(Path file) {
        Properties p = new Properties();
        p.setProperty("parse.onWorkers", String.valueOf(onWorkers));
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "RasterDesk's parses: here or on workers");
            }
        } catch (IOException e) {
            LOG.log(Level.INFO, "Cannot keep the parse settings in " + file, e);
        }
    }
}
