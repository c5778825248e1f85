package org.diffusionplayground.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.value.ChangeListener;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.render.SceneSnapshot;

/**
 * Measures the start-up goal of issue 5 (open in ≤ 3 s into an animating scene): the time from the
 * JVM's start to the window being shown, and to the first frame in which the backward sampling has
 * moved, printed once to standard error ({@code -Dplayground.startup.quiet=true} silences it).
 */
final class StartupClock {

    private static volatile double windowShownSeconds = Double.NaN;
    private static volatile double animatingSeconds = Double.NaN;

    private StartupClock() {
    }

    /** Seconds since this JVM started (the process start time; the class-load time if the OS hides it). */
    static double sinceJvmStart() {
        Instant start = ProcessHandle.current().info().startInstant().orElse(LOADED);
        return Duration.between(start, Instant.now()).toNanos() / 1e9;
    }

    private static final Instant LOADED = Instant.now();

    static void windowShown() {
        windowShownSeconds = sinceJvmStart();
    }

    /** Watches the scene until its particles have moved away from T for the first time. */
    static void watch(SceneViewModel scene) {
        ChangeListener<SceneSnapshot> first = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends SceneSnapshot> obs, SceneSnapshot old,
                    SceneSnapshot s) {
                if (s != null && s.particles() != null && scene.playingProperty().get()
                        && scene.timeProperty().get() < scene.tMax()) {
                    animatingSeconds = sinceJvmStart();
                    scene.snapshotProperty().removeListener(this);
                    if (!Boolean.getBoolean("playground.startup.quiet")) {
                        // CPU time too: on a shared machine the wall time says more about the neighbours
                        double cpu = ProcessHandle.current().info().totalCpuDuration()
                                .map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
                        System.err.printf(Locale.ROOT, "Diffusion Playground: window shown %.2f s, animating %.2f s "
                                + "after the JVM started (%.2f s of CPU time)%n", windowShownSeconds, animatingSeconds,
                                cpu);
                    }
                }
            }
        };
        scene.snapshotProperty().addListener(first);
    }

    /** Seconds from JVM start to the first animated frame (NaN until then): for benchmarks and tests. */
    static double animatingSeconds() {
        return animatingSeconds;
    }
}
