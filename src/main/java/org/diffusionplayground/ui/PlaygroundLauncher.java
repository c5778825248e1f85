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
        boolean selfTest = SelfTest.requested(java.util.Arrays.asList(args));
        if (selfTest) {
            SelfTest.prepare(); // before JavaFX starts: it reads the platform once
        }
        ScenePreload.start(PlaygroundApp.startModel(java.util.Arrays.asList(args))); // while JavaFX starts
        Application.launch(PlaygroundApp.class, args);
        if (selfTest) {
            System.exit(SelfTest.exitCode()); // background jobs may still hold the JVM
        }
    }
}
