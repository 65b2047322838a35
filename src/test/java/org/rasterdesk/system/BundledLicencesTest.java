package org.rasterdesk.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The licences the About box shows name every library that ships, and the runtime and the EPSG data. */
class BundledLicencesTest {

    @Test
    void everyRuntimeLibraryOnTheClassPathIsListedWithItsLicence() {
        String text = BundledLicences.text();
        // The runtime libraries among the test class path's jars (Maven's repository layout: group/artifact/version).
        List<String> shipped = List.of("org/postgresql/postgresql/", "org/openjfx/javafx-controls/",
                "org/apache/sis/non-free/sis-embedded-data/", "com/zaxxer/HikariCP/", "info/picocli/picocli/",
                "software/amazon/awssdk/s3/", "org/apache/derby/derby/");
        Pattern jar = Pattern.compile("repository/(.+)/([^/]+)/([^/]+)/[^/]+\\.jar$");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace(File.separatorChar, '/');
            Matcher m = jar.matcher(path);
            if (m.find() && shipped.stream().anyMatch(path::contains)) {
                String coordinates = m.group(1).replace('/', '.') + ":" + m.group(2) + ":" + m.group(3);
                assertTrue(text.contains(coordinates), coordinates + " is not in the licence list");
                shipped.stream().filter(path::contains).forEach(seen::add);
            }
        }
        assertTrue(seen.containsAll(shipped), "not on the class path: " + seen);
        assertTrue(text.contains("(GPLv2+CE) javafx controls"), text);
        assertTrue(text.contains("(BSD-2-Clause) PostgreSQL JDBC Driver"), text);
    }

    @Test
    void theRuntimeAndTheEpsgDatasetAreNamedWithTheirTerms() {
        String text = BundledLicences.text();
        assertTrue(text.contains("OpenJDK 17 runtime"), text);
        assertTrue(Arrays.stream(text.split("\n")).anyMatch(l -> l.contains("EPSG Terms of Use")), text);
        assertTrue(text.contains("(EPSG terms of use) Data in embedded environment"), text);
    }

    @Test
    void theWorldOutlinesOfTheMapAreNamedWithTheirOriginAndTerms() {
        String text = BundledLicences.text();
        assertTrue(text.contains("Natural Earth's Admin 0 boundaries"), text);
        assertTrue(text.contains("(public domain) https://www.naturalearthdata.com/about/terms-of-use/"), text);
        assertTrue(text.contains("world-atlas package 2.0.2, (ISC licence"), text);
    }
}
