package org.diffusionplayground;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/ARCHITECTURE.md, checked on the compiled main classes: every package imports only
 * the layers below it, no two packages import each other (directly or round a loop), and nothing below
 * the view-models knows JavaFX.
 */
class ArchitectureTest {

    private static final String ROOT = "org.diffusionplayground";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() throws URISyntaxException {
        // the folder of the main classes alone: scanning the whole class path for the package reads every
        // library jar and takes seconds
        Path main = Path.of(Cancellation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        classes = new ClassFileImporter().importPath(main);
    }

    @Test
    void everyLayerImportsOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("model").definedBy(ROOT + ".model..")
                .layer("render").definedBy(ROOT + ".render..")
                .layer("scene").definedBy(ROOT + ".scene..")
                .layer("export").definedBy(ROOT + ".export..")
                .layer("preset").definedBy(ROOT + ".preset..")
                .layer("app").definedBy(ROOT + ".app..")
                .layer("bench").definedBy(ROOT + ".bench..")
                .layer("ui").definedBy(ROOT + ".ui..")
                .layer("cli").definedBy(ROOT + ".cli..")
                .whereLayer("model").mayNotAccessAnyLayer()
                .whereLayer("render").mayOnlyAccessLayers("model")
                .whereLayer("scene").mayOnlyAccessLayers("render", "model")
                .whereLayer("export").mayOnlyAccessLayers("scene", "render", "model")
                .whereLayer("preset").mayOnlyAccessLayers("export", "scene", "render", "model")
                .whereLayer("app").mayOnlyAccessLayers("preset", "export", "scene", "render", "model")
                .whereLayer("bench").mayOnlyAccessLayers("app", "preset", "export", "scene", "render", "model")
                .whereLayer("ui").mayOnlyAccessLayers("app", "preset", "export", "scene", "render", "model")
                .whereLayer("cli").mayOnlyAccessLayers("bench", "app", "preset", "export", "scene", "render", "model")
                .check(classes);
    }

    @Test
    void noPackagesImportEachOther() {
        // every package is its own slice: app and app.lens, ui and ui.lens, model.score and model.train …
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothingBelowTheViewModelsKnowsJavaFx() {
        noClasses().that().resideInAnyPackage(ROOT + ".model..", ROOT + ".render..", ROOT + ".scene..",
                ROOT + ".export..", ROOT + ".preset..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }
}
