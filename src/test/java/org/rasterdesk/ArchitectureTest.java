package org.rasterdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plan of the code, checked: no package cycles, data flowing one way from the sources of rasters to the two
 * front doors (window and command line), an engine that runs headless, and the window's parts using only what
 * their {@code package-info.java} says they may.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rasterdesk");

    private static final String[] ENGINE = {"org.rasterdesk.system..", "org.rasterdesk.layer..",
            "org.rasterdesk.legend..", "org.rasterdesk.db..", "org.rasterdesk.source..", "org.rasterdesk.raster..",
            "org.rasterdesk.tiling..", "org.rasterdesk.parse..", "org.rasterdesk.render..", "org.rasterdesk.serve..",
            "org.rasterdesk.basemap..", "org.rasterdesk.webtiles..", "org.rasterdesk.cli..",
            "org.rasterdesk.work.."};

    /**
     * Engine classes that use AWT or Image I/O, each with its reason. The engine otherwise keeps to plain arrays and
     * its own encoders (render's {@code PngEncoder}), so that a headless worker needs no desktop libraries.
     */
    private static final Map<String, String> AWT_WITH_REASON = Map.of(
            "org.rasterdesk.raster.tiff.JpegBlocks",
            "JPEG-compressed TIFF blocks are decoded by the JDK's own JPEG decoder (javax.imageio), whose"
                    + " pixels come back as a java.awt.image.Raster; a JPEG decoder of our own is not worth it",
            "org.rasterdesk.raster.tiff.WebpBlocks",
            "WebP-compressed TIFF blocks are decoded by TwelveMonkeys' WebP plugin, which is an ImageIO reader"
                    + " returning a java.awt.image.Raster; no other kept Java WebP decoder exists",
            "org.rasterdesk.raster.WorldFileImageReader",
            "PNG, JPEG, GIF and BMP images are decoded by the JDK's Image I/O, whose pixels come back as a"
                    + " java.awt.image.Raster",
            "org.rasterdesk.raster.Jp2Reader",
            "JPEG 2000 is decoded by the jai-imageio JPEG 2000 plugin, an Image I/O reader returning a Raster",
            "org.rasterdesk.raster.SisCoverageReader",
            "Apache SIS's coverages (ASCII grid, NetCDF) hand their samples out as java.awt.image.RenderedImage",
            "org.rasterdesk.serve.TileEncodings",
            "django-raster's .jpg tiles are encoded by the JDK's own JPEG encoder (javax.imageio), which takes a"
                    + " java.awt.image.BufferedImage; nothing is drawn with AWT");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.rasterdesk.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    /**
     * DESIGN.md's one-way flow: source → raster → tiling → parse → render → the window and the command line, over
     * the domain's records (layer, legend) and the database; the launcher at the root starts one of the two doors.
     * The tile server draws as render does and is started by either door; the world outlines are data any map
     * may draw; web map tiles are fetched for the window's map; parses on workers (work) are queued by either door
     * and run parse's units.
     */
    @Test
    void dataFlowsOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Launcher").definedBy("org.rasterdesk")
                .layer("Window").definedBy("org.rasterdesk.ui..")
                .layer("Command line").definedBy("org.rasterdesk.cli..")
                .layer("Serve").definedBy("org.rasterdesk.serve..")
                .layer("Render").definedBy("org.rasterdesk.render..")
                .layer("Basemap").definedBy("org.rasterdesk.basemap..")
                .layer("Web tiles").definedBy("org.rasterdesk.webtiles..")
                .layer("Work").definedBy("org.rasterdesk.work..")
                .layer("Parse").definedBy("org.rasterdesk.parse..")
                .layer("Source").definedBy("org.rasterdesk.source..")
                .layer("Layer").definedBy("org.rasterdesk.layer..")
                .layer("Legend").definedBy("org.rasterdesk.legend..")
                .layer("Tiling").definedBy("org.rasterdesk.tiling..")
                .layer("Raster").definedBy("org.rasterdesk.raster..")
                .layer("Database").definedBy("org.rasterdesk.db..")
                .layer("System").definedBy("org.rasterdesk.system..")
                .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("Window").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Command line").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Serve").mayOnlyBeAccessedByLayers("Window", "Command line")
                .whereLayer("Render").mayOnlyBeAccessedByLayers("Window", "Command line", "Serve")
                .whereLayer("Basemap").mayOnlyBeAccessedByLayers("Window", "Command line", "Serve")
                .whereLayer("Web tiles").mayOnlyBeAccessedByLayers("Window")
                .whereLayer("Work").mayOnlyBeAccessedByLayers("Window", "Command line")
                .whereLayer("Parse").mayOnlyBeAccessedByLayers("Work", "Window", "Command line")
                .whereLayer("Source").mayOnlyBeAccessedByLayers("Parse", "Window", "Command line")
                .whereLayer("Layer").mayOnlyBeAccessedByLayers("Source", "Parse", "Render", "Serve", "Window",
                        "Command line")
                .whereLayer("Legend").mayOnlyBeAccessedByLayers("Render", "Serve", "Window", "Command line")
                .whereLayer("Tiling").mayOnlyBeAccessedByLayers("Layer", "Work", "Parse", "Render", "Serve", "Web tiles",
                        "Window", "Command line")
                .whereLayer("Raster").mayOnlyBeAccessedByLayers("Tiling", "Layer", "Parse", "Render", "Serve",
                        "Window", "Command line", "Launcher")
                .whereLayer("Database").mayOnlyBeAccessedByLayers("Layer", "Legend", "Source", "Parse", "Render",
                        "Serve", "Window", "Command line")
                .check(CLASSES);
    }

    /** The window's parts: the shell composes them; a part uses only the parts its package-info names. */
    @Test
    void theWindowsPartsUseOnlyWhatTheirPackageInfoAllows() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Shell").definedBy("org.rasterdesk.ui")
                .layer("Connection").definedBy("org.rasterdesk.ui.connection..")
                .layer("Inspector").definedBy("org.rasterdesk.ui.inspector..")
                .layer("Layers").definedBy("org.rasterdesk.ui.layers..")
                .layer("Parses").definedBy("org.rasterdesk.ui.parse..")
                .layer("Map").definedBy("org.rasterdesk.ui.map..")
                .layer("Legends").definedBy("org.rasterdesk.ui.legend..")
                .layer("Serving").definedBy("org.rasterdesk.ui.serve..")
                .layer("Common").definedBy("org.rasterdesk.ui.common..")
                .layer("About").definedBy("org.rasterdesk.ui.about..")
                .whereLayer("Shell").mayNotBeAccessedByAnyLayer()
                .whereLayer("Connection").mayOnlyBeAccessedByLayers("Shell")
                .whereLayer("Inspector").mayOnlyBeAccessedByLayers("Shell")
                .whereLayer("Layers").mayOnlyBeAccessedByLayers("Shell", "Inspector")
                .whereLayer("Parses").mayOnlyBeAccessedByLayers("Shell", "Layers")
                .whereLayer("Map").mayOnlyBeAccessedByLayers("Shell")
                .whereLayer("Legends").mayOnlyBeAccessedByLayers("Shell", "Map")
                .whereLayer("Serving").mayOnlyBeAccessedByLayers("Shell")
                .whereLayer("About").mayOnlyBeAccessedByLayers("Shell")
                .check(CLASSES);
    }

    @Test
    void theEngineDoesNotUseJavaFx() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(CLASSES);
    }

    @Test
    void theEngineUsesAwtOnlyWhereAReasonIsWritten() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .and(DescribedPredicate.not(DescribedPredicate.describe("a class of AWT_WITH_REASON",
                        (JavaClass c) -> AWT_WITH_REASON.containsKey(c.getName().split("\\$")[0]))))
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.swing..", "javax.imageio..")
                .because("a headless worker needs no desktop libraries; an exception needs its reason in "
                        + "ArchitectureTest.AWT_WITH_REASON")
                .check(CLASSES);
    }

    @Test
    void onlyTheCommandLineWritesToStandardOutput() {
        noClasses().that().resideOutsideOfPackage("org.rasterdesk.cli..")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("the window and the engine report through the log, listeners and the screen")
                .check(CLASSES);
    }
}
