package org.rasterdesk.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The licences of what RasterDesk bundles: a written notice for the runtime and the data, then the libraries with
 * the licences their POMs declare (THIRD-PARTY.txt, made by the build's license plugin from the dependencies).
 */
public final class BundledLicences {

    private BundledLicences() {
    }

    /** The notice and the list of libraries, as one text to show or print. */
    public static String text() {
        String libraries = resource("/org/rasterdesk/THIRD-PARTY.txt");
        return resource("/org/rasterdesk/system/NOTICE.txt")
                + (libraries.isEmpty() ? "(the list of libraries is made by the Maven build)\n" : libraries);
    }

    private static String resource(String name) {
        try (InputStream in = BundledLicences.class.getResourceAsStream(name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }
}
