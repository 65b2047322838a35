package org.rasterdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgPassFileTest {

    @TempDir
    Path dir;

    @Test
    void starMatchesAnythingAndTheFirstMatchingLineWins() {
        PgPassFile file = PgPassFile.parse(List.of(
                "# comment line",
                "gis.local:5432:rasters:ann:first",
                "*:*:rasters:ann:second",
                "*:*:*:*:catch-all"));
        assertEquals(Optional.of("first"), file.password("gis.local", "5432", "rasters", "ann"));
        assertEquals(Optional.of("second"), file.password("other", "6000", "rasters", "ann"));
        assertEquals(Optional.of("catch-all"), file.password("other", "6000", "vectors", "bob"));
    }

    @Test
    void fieldsMustMatchExactly() {
        PgPassFile file = PgPassFile.parse(List.of("gis:5432:rasters:ann:pw"));
        assertEquals(Optional.empty(), file.password("gis", "5433", "rasters", "ann"));
        assertEquals(Optional.empty(), file.password("GIS", "5432", "rasters", "ann"));
        assertEquals(Optional.empty(), file.password("gis", "5432", "raster", "ann"));
    }

    @Test
    void backslashEscapesColonAndBackslashInAnyField() {
        PgPassFile file = PgPassFile.parse(List.of("\\:\\:1:*:db\\:one:do\\\\main:p\\:w\\\\d\\:x"));
        assertEquals(Optional.of("p:w\\d:x"), file.password("::1", "5432", "db:one", "do\\main"));
    }

    @Test
    void passwordEndsAtItsFirstUnescapedColon() {
        PgPassFile file = PgPassFile.parse(List.of("*:*:*:*:p\\:w:ignored"));
        assertEquals(Optional.of("p:w"), file.password("h", "5432", "d", "u"));
    }

    @Test
    void spacesArePartOfTheFields() {
        PgPassFile file = PgPassFile.parse(List.of(" h:5432:d:u:pw", "*:*:*:*:pw  "));
        assertEquals(Optional.of("pw  "), file.password("h", "5432", "d", "u"));
    }

    @Test
    void anEscapedStarIsALiteralStar() {
        PgPassFile file = PgPassFile.parse(List.of("\\*:*:*:*:literal"));
        assertEquals(Optional.empty(), file.password("gis", "5432", "db", "u"));
        assertEquals(Optional.of("literal"), file.password("*", "5432", "db", "u"));
    }

    @Test
    void linesWithTooFewFieldsAreSkipped() {
        PgPassFile file = PgPassFile.parse(List.of("gis:5432:db:pw", "", "gis:5432:db:u:ok"));
        assertEquals(Optional.of("ok"), file.password("gis", "5432", "db", "u"));
    }

    @Test
    void fileReadableByGroupOrOthersIsIgnoredWithAWarning() throws IOException {
        Path pgpass = write("rw-r--r--");
        List<String> warnings = new ArrayList<>();
        assertEquals(Optional.empty(), PgPassFile.load(pgpass, warnings::add));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("group or world access"), warnings.get(0));

        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw----r--"));
        assertEquals(Optional.empty(), PgPassFile.load(pgpass, warnings::add));
    }

    @Test
    void ownerOnlyFileIsUsedSilently() throws IOException {
        for (String permissions : List.of("rw-------", "r--------", "rwx------")) {
            Path pgpass = write(permissions);
            List<String> warnings = new ArrayList<>();
            assertEquals(Optional.of("pw"), PgPassFile.load(pgpass, warnings::add).orElseThrow()
                    .password("h", "5432", "d", "u"), permissions);
            assertEquals(List.of(), warnings);
        }
    }

    @Test
    void missingFileIsNoFileAndNoWarning() {
        List<String> warnings = new ArrayList<>();
        assertEquals(Optional.empty(), PgPassFile.load(dir.resolve("absent"), warnings::add));
        assertEquals(List.of(), warnings);
    }

    @Test
    void aFolderIsNotAPasswordFile() {
        List<String> warnings = new ArrayList<>();
        assertEquals(Optional.empty(), PgPassFile.load(dir, warnings::add));
        assertTrue(warnings.get(0).contains("not a plain file"));
    }

    private Path write(String permissions) throws IOException {
        Path file = dir.resolve(".pgpass");
        Files.writeString(file, "h:5432:d:u:pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
