package org.rasterdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's choice between the window (bare, or with files to add) and a headless command. */
class LaunchRequestTest {

    private static final Set<String> COMMANDS = Set.of("layers", "parse", "render");

    @TempDir
    Path dir;

    @Test
    void noArgumentOpensTheBareWindow() {
        LaunchRequest request = LaunchRequest.of(new String[0], COMMANDS, dir);
        assertTrue(request.window());
        assertEquals(List.of(), request.files());
    }

    @Test
    void existingFilesOpenTheWindowWithThemAsAbsolutePaths() throws Exception {
        Files.writeString(dir.resolve("a.tif"), "");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b c.tif"), "");
        LaunchRequest request = LaunchRequest.of(new String[] {"a.tif", "sub/../sub/b c.tif"}, COMMANDS, dir);
        assertTrue(request.window());
        assertEquals(List.of(dir.resolve("a.tif"), dir.resolve("sub/b c.tif")), request.files());
        assertEquals(dir.resolve("a.tif") + java.io.File.pathSeparator + dir.resolve("sub/b c.tif"),
                request.filesSetting());
    }

    @Test
    void aCommandStaysACommandEvenBesideAFileOfItsName() throws Exception {
        Files.writeString(dir.resolve("parse"), "");
        assertFalse(LaunchRequest.of(new String[] {"parse", "--name", "x", "a.tif"}, COMMANDS, dir).window());
        assertFalse(LaunchRequest.of(new String[] {"parse"}, COMMANDS, dir).window());
    }

    @Test
    void optionsAMissingFileAndAFolderGoToTheCommandLine() throws Exception {
        Files.writeString(dir.resolve("a.tif"), "");
        assertFalse(LaunchRequest.of(new String[] {"--version"}, COMMANDS, dir).window());
        assertFalse(LaunchRequest.of(new String[] {"a.tif", "missing.tif"}, COMMANDS, dir).window());
        assertFalse(LaunchRequest.of(new String[] {"."}, COMMANDS, dir).window());
    }
}
