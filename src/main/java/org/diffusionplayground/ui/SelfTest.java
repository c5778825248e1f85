package org.diffusionplayground.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

/**
 * {@code --self-test}: the installed app checks itself without a display. It opens the default scene as a
 * normal start does, waits for the first animated frame, takes a picture of the scene and exits 0 when
 * the picture shows something (particles on the background), 1 when it is blank, 2 when no frame came.
 *
 * <p>Without a display it runs on Monocle's headless platform with JavaFX's software renderer (the packaged
 * app carries Monocle for this; the tests run the same way). The run autosaves into a temporary folder and
 * offers no restore, so it neither touches nor shows the user's work.
 */
final class SelfTest {

    static final String FLAG = "--self-test";
    /** The least share of the scene's pixels that must differ from its background: a few hundred particles. */
    static final double MIN_INK = 0.002;
    private static final long NO_FRAME_SECONDS = 180;
    private static final String MONOCLE = "com.sun.glass.ui.monocle.MonoclePlatformFactory";

    private static volatile int exitCode = 2;

    private SelfTest() {
    }

    static boolean requested(List<String> args) {
        return args.contains(FLAG);
    }

    /**
     * Before JavaFX starts: the headless platform when Monocle is on the class path (else the display's),
     * a throw-away autosave folder, and a deadline for the first frame.
     */
    static void prepare() {
        if (isOnClassPath(MONOCLE)) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
        }
        try {
            Path autosave = Files.createTempDirectory("playground-self-test");
            autosave.toFile().deleteOnExit();
            System.setProperty("playground.autosave.dir", autosave.toString());
        } catch (IOException e) {
            System.err.println("self-test: no temporary folder for the autosave (" + e.getMessage() + ")");
        }
        ScheduledExecutorService deadline = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "self-test-deadline");
            t.setDaemon(true);
            return t;
        });
        deadline.schedule(() -> {
            System.err.println("self-test: FAILED, no animated frame within " + NO_FRAME_SECONDS + " s");
            System.exit(2);
        }, NO_FRAME_SECONDS, TimeUnit.SECONDS);
    }

    /** On the FX thread, once the scene animates: pictures {@code scene}, reports and ends the app. */
    static void check(Node scene) {
        WritableImage picture = scene.snapshot(null, null);
        double ink = inkFraction(pixels(picture));
        boolean ok = ink >= MIN_INK;
        System.err.printf(java.util.Locale.ROOT, "self-test: %s, the default scene's first frame (%d x %d) has %.1f %% "
                + "of its pixels off the background (at least %.1f %% expected)%n", ok ? "passed" : "FAILED",
                (int) picture.getWidth(), (int) picture.getHeight(), 100 * ink, 100 * MIN_INK);
        exitCode = ok ? 0 : 1;
        Platform.exit();
    }

    /** What the process exits with once JavaFX has stopped. */
    static int exitCode() {
        return exitCode;
    }

    /**
     * The share of pixels whose colour is not the most frequent one (the background): 0 for a blank
     * picture, 0.5 for one half covered.
     */
    static double inkFraction(int[] argb) {
        if (argb.length == 0) {
            return 0;
        }
        Map<Integer, Integer> counts = new HashMap<>();
        int most = 0;
        for (int p : argb) {
            most = Math.max(most, counts.merge(p, 1, Integer::sum));
        }
        return (argb.length - most) / (double) argb.length;
    }

    private static int[] pixels(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        PixelReader r = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                argb[y * w + x] = r.getArgb(x, y);
            }
        }
        return argb;
    }

    private static boolean isOnClassPath(String name) {
        try {
            Class.forName(name, false, SelfTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
