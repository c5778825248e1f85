package org.diffusionplayground.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javafx.scene.Scene;
import javafx.scene.text.Font;
import org.diffusionplayground.app.AppViewModel;
import org.diffusionplayground.render.Fonts;

/**
 * CSS themes: one base sheet plus a small light or dark sheet that only overrides colours (JabRef's
 * and AtlantaFX's approach), and a lecture class on the root that scales fonts.
 */
public final class Themes {

    private static boolean fontsLoaded;

    private Themes() {
    }

    /** Registers the bundled fonts with JavaFX once (the same files the renderer uses). */
    public static synchronized void loadFonts() {
        if (fontsLoaded) {
            return;
        }
        for (String file : new String[] {Fonts.SANS, Fonts.SANS_BOLD, Fonts.MATH}) {
            try (InputStream in = Fonts.open(file)) {
                Font.loadFont(in, 13);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        fontsLoaded = true;
    }

    public static void apply(Scene scene, AppViewModel app) {
        loadFonts();
        Runnable update = () -> {
            scene.getStylesheets().setAll(sheets(app));
            if (app.lectureProperty().get()) {
                if (!scene.getRoot().getStyleClass().contains("lecture")) {
                    scene.getRoot().getStyleClass().add("lecture");
                }
            } else {
                scene.getRoot().getStyleClass().remove("lecture");
            }
        };
        update.run();
        app.darkProperty().addListener(x -> update.run());
        app.lectureProperty().addListener(x -> update.run());
    }

    /**
     * Gives a dialog the window's theme and, in lecture mode, its font size: a dialog is a scene of its
     * own and inherits neither (the restore-after-crash question came up in small light type in a dark
     * lecture). Its pane is its scene's root, so the {@code .root.lecture} rule applies to it.
     */
    public static void apply(javafx.scene.control.Dialog<?> dialog, AppViewModel app) {
        loadFonts();
        javafx.scene.control.DialogPane pane = dialog.getDialogPane();
        pane.getStylesheets().setAll(sheets(app));
        if (app.lectureProperty().get()) {
            pane.getStyleClass().add("lecture");
        }
    }

    /**
     * An alert of the app: owned by {@code owner} (null: none) and, through {@link #apply(javafx.scene.control.Dialog,
     * AppViewModel)}, in the window's theme and lecture size. Every alert is made here so none forgets it.
     */
    public static javafx.scene.control.Alert alert(javafx.scene.control.Alert.AlertType type, String header,
            String text, javafx.stage.Window owner, AppViewModel app, javafx.scene.control.ButtonType... buttons) {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(type, text, buttons);
        a.setHeaderText(header);
        if (owner != null) {
            a.initOwner(owner);
        }
        apply(a, app);
        return a;
    }

    private static java.util.List<String> sheets(AppViewModel app) {
        return java.util.List.of(css("base.css"), css(app.darkProperty().get() ? "dark.css" : "light.css"));
    }

    private static String css(String name) {
        var url = Themes.class.getResource("/org/diffusionplayground/css/" + name);
        if (url == null) {
            throw new IllegalStateException("stylesheet " + name + " is missing from the class path");
        }
        return url.toExternalForm();
    }
}
