package org.rasterdesk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The installer's runtime image links only JavaFX modules that the build actually copies for it. */
class InstallerModulesTest {

    @Test
    void everyJavaFxModuleOfTheInstallerIsADependency() throws IOException {
        String args = Files.readString(Path.of("installer/jpackage.args"));
        Matcher line = Pattern.compile("--add-modules\\s+(\\S+)").matcher(args);
        assertTrue(line.find(), "installer/jpackage.args names no modules");
        List<String> javaFx = Arrays.stream(line.group(1).split(","))
                .filter(m -> m.startsWith("javafx."))
                .toList();
        assertFalse(javaFx.isEmpty(), "the installer links no JavaFX module");

        String pom = Files.readString(Path.of("pom.xml"));
        for (String module : javaFx) {
            String artifact = "<artifactId>javafx-" + module.substring("javafx.".length()) + "</artifactId>";
            // javafx.base and javafx.graphics come with javafx-controls.
            boolean transitive = module.equals("javafx.base") || module.equals("javafx.graphics");
            assertTrue(transitive || pom.contains(artifact),
                    module + " is linked by the installer but " + artifact + " is not a dependency: jlink fails");
        }
    }
}
