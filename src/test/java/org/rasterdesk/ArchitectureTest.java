package org.rasterdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine runs headless (command line, workers): only ui/ may use JavaFX, and nothing below ui/ calls up. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rasterdesk");

    private static final String[] ENGINE = {"org.rasterdesk.layer..", "org.rasterdesk.legend..",
            "org.rasterdesk.db..", "org.rasterdesk.source..", "org.rasterdesk.raster..", "org.rasterdesk.tiling..",
            "org.rasterdesk.parse..", "org.rasterdesk.render..", "org.rasterdesk.cli.."};

    @Test
    void theEngineDoesNotUseJavaFx() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void theEngineDoesNotCallTheUserInterface() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("org.rasterdesk.ui..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }
}
