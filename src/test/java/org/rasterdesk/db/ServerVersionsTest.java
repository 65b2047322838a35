package org.rasterdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The About box's database facts, checked against the server programs and extension files on disk. */
class ServerVersionsTest {

    @Test
    void versionsAreThoseOfTheServerProgramsAndTheExtensionFiles() throws Exception {
        PostgresInstallation installation = PostgresInstallation.find().orElseThrow();
        try (Database database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_versions_test"), false)) {
            ServerVersions versions = ServerVersions.read(database.dataSource());

            assertTrue(versions.postgresql().startsWith(installation.majorVersion() + "."), versions.postgresql());
            String onDisk = defaultVersion(Path.of("/usr/share/postgresql/" + installation.majorVersion()
                    + "/extension/postgis.control"));
            assertEquals(onDisk, versions.postgis());
            assertEquals(onDisk, versions.postgisRaster());
            assertEquals(onDisk, versions.postgisText());
        }
    }

    @Test
    void missingOrDifferingExtensionsAreSaid() {
        assertEquals("not installed", new ServerVersions("15.1", null, null).postgisText());
        assertEquals("3.3.2 (without raster)", new ServerVersions("15.1", "3.3.2", null).postgisText());
        assertEquals("3.3.2 (raster 3.3.1)", new ServerVersions("15.1", "3.3.2", "3.3.1").postgisText());
    }

    /** The default_version line of an extension's control file, which CREATE EXTENSION installs. */
    private static String defaultVersion(Path control) throws Exception {
        Matcher m = Pattern.compile("default_version\\s*=\\s*'([^']+)'").matcher(Files.readString(control));
        assertTrue(m.find(), control.toString());
        return m.group(1);
    }
}
