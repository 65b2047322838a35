package org.rasterdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Only ui/ may know JavaFX: the engine and the headless commands run where there is no screen. */
class EngineWithoutJavaFxTest {

    @Test
    void onlyTheUiPackageUsesJavaFx() throws URISyntaxException {
        // The main classes folder only: scanning the whole class path for the package takes many seconds.
        Path mainClasses = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        // Package names are all the rule needs; loading every referenced library class is what takes the time.
        config.setResolveMissingDependenciesFromClassPath(false);
        JavaClasses classes;
        try {
            classes = new ClassFileImporter().importPath(mainClasses);
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
        noClasses().that().resideOutsideOfPackage("org.rasterdesk.ui..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }
}
