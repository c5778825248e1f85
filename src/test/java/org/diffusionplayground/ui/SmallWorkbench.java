package org.diffusionplayground.ui;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.diffusionplayground.app.window.PlaygroundViewModels;

/**
 * The window as the app opens it, made light for UI tests: few particles and steps, no automatic
 * likelihood, the pretrained default scene.
 */
final class SmallWorkbench {

    private SmallWorkbench() {
    }

    /**
     * Builds the window on {@code vms} and shows it on {@code stage} at {@code width × height}; {@code pinned}
     * keeps the side panels docked whatever the size (for tests that click in them).
     */
    static Workbench show(Stage stage, PlaygroundViewModels vms, boolean pinned, double width, double height) {
        Workbench bench = new Workbench(vms);
        vms.scene().particlesProperty().set(600);
        vms.scene().stepsProperty().set(60);
        vms.likelihood().autoProperty().set(false);
        PlaygroundApp.openDefaultScene(vms);
        bench.window().panelsPinnedProperty().set(pinned);
        Scene fx = new Scene(bench.window().root(), width, height);
        bench.install(fx);
        stage.setScene(fx);
        // the primary stage outlives test classes: size it to this scene even if an earlier test resized it
        stage.sizeToScene();
        stage.show();
        return bench;
    }
}
