package org.diffusionplayground.ui;

import javafx.application.Application;

/**
 * Entry point for {@code ./mvnw javafx:run}: a plain main so JavaFX can start from the class path.
 */
public final class PlaygroundLauncher {

    private PlaygroundLauncher() {
    }

    public static void main(String[] args) {
        StartupClock.mainEntered();
        System.setProperty("java.awt.headless", "true"); // Java2D draws off-screen only; no AWT windows
        ScenePreload.start(PlaygroundApp.startModel(java.util.Arrays.asList(args))); // while JavaFX starts
        Application.launch(PlaygroundApp.class, args);
    }
}
