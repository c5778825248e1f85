package org.diffusionplayground.ui;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import javafx.beans.value.ChangeListener;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.render.SceneSnapshot;

/**
 * Measures the start-up (docs/benchmarks.md, "Desktop app": open in ≤ 3 s into an animating scene): the time from the
 * process's start to {@code main}, to JavaFX calling {@code start}, to the window being shown, and to
 * the first frame in which the backward sampling has moved, printed once to standard error
 * ({@code -Dplayground.startup.quiet=true} silences it).
 *
 * <p>Events are stamped with {@link System#nanoTime()} (cheap, on the FX thread); the process's age is
 * read once, when the line is printed, and the stamps are placed relative to it. The age comes from
 * {@code /proc} on Linux (start time and uptime in the same clock, 10 ms ticks). Not from
 * {@code ProcessHandle.info().startInstant()}: it adds the process's ticks to the boot time in whole
 * seconds ({@code btime}), which can put the start most of a second too early (docs/benchmarks.md,
 * "Desktop app"). Elsewhere the JVM's own
 * uptime stands in, which misses only the few milliseconds before the JVM initialised.
 */
final class StartupClock {

    /** Linux's USER_HZ, the unit of the start time in {@code /proc/self/stat}: 100 on every platform Java runs on. */
    static final double USER_HZ = 100.0;

    private static volatile long mainNanos;
    private static volatile long startNanos;
    private static volatile long windowShownNanos;
    private static volatile long animatingNanos;
    /** Named steps between JavaFX's start and the window (view-models, model, window, CSS), in order. */
    private static final java.util.Map<String, Long> STEPS = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>());

    private StartupClock() {
    }

    /** {@code main} has begun. */
    static void mainEntered() {
        mainNanos = System.nanoTime();
    }

    /** JavaFX is up and has called {@code Application.start}. */
    static void fxStarted() {
        startNanos = System.nanoTime();
    }

    /** A step of building the window is done (printed in the start-up line: where the time goes). */
    static void step(String name) {
        STEPS.put(name, System.nanoTime());
    }

    static void windowShown() {
        windowShownNanos = System.nanoTime();
    }

    /**
     * Watches the scene until its particles have moved away from T for the first time, then stamps that and
     * runs {@code then}, once (on the FX thread). A scene that is paused, now or before it moved (a start
     * at a fixed time, a preset that stops), never moves: then {@code then} runs when it is paused.
     */
    static void watch(SceneViewModel scene, Runnable then) {
        javafx.beans.property.BooleanProperty playing = scene.playback().playingProperty();
        // one ending for both ways: stop watching either, run then
        Runnable[] end = new Runnable[1];
        ChangeListener<SceneSnapshot> moved = (obs, old, s) -> {
            if (s != null && s.particles() != null && playing.get() && scene.timeProperty().get() < scene.tMax()) {
                animatingNanos = System.nanoTime();
                end[0].run();
            }
        };
        ChangeListener<Boolean> paused = (obs, was, now) -> end[0].run();
        end[0] = () -> {
            scene.snapshotProperty().removeListener(moved);
            playing.removeListener(paused);
            then.run();
        };
        if (playing.get()) {
            scene.snapshotProperty().addListener(moved);
            playing.addListener(paused);
        } else {
            then.run();
        }
    }

    /**
     * Every part of the window is built (the parts deferred past the first frame too): prints the start-up
     * line.
     */
    static void complete() {
        long now = System.nanoTime();
        if (Boolean.getBoolean("playground.startup.quiet")) {
            return;
        }
        double age = processAgeSeconds();
        // CPU time too: on a shared machine the wall time says more about the neighbours
        double cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9)
                .orElse(Double.NaN);
        StringBuilder steps = new StringBuilder();
        synchronized (STEPS) {
            STEPS.forEach((name, nanos) -> steps.append(String.format(Locale.ROOT, ", %s %.2f s", name,
                    at(age, now, nanos))));
        }
        System.err.printf(Locale.ROOT, "Diffusion Playground: window shown %.2f s, animating %.2f s, every panel "
                + "built %.2f s after the process started (%.2f s of CPU time; main at %.2f s, JavaFX started at "
                + "%.2f s%s)%n", at(age, now, windowShownNanos), at(age, now, animatingNanos), at(age, now, now), cpu,
                at(age, now, mainNanos), at(age, now, startNanos), steps);
    }

    /** Seconds from the process's start to the event stamped {@code eventNanos} (NaN if never stamped). */
    private static double at(double ageNow, long nowNanos, long eventNanos) {
        return eventNanos == 0 ? Double.NaN : ageNow - (nowNanos - eventNanos) / 1e9;
    }

    /** Seconds since this process started. */
    static double processAgeSeconds() {
        return procAgeSeconds("self").orElseGet(() -> ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
    }

    /**
     * Linux: uptime now minus the start of process {@code pid} ("self" for this one; field 22 of
     * /proc/PID/stat), both since boot.
     */
    static OptionalDouble procAgeSeconds(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // the command name (field 2) may contain spaces; the fields after it start past the last ')'
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            double started = Long.parseLong(after[19]) / USER_HZ; // field 22 = index 19 after field 2
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0]);
            return OptionalDouble.of(uptime - started);
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty(); // not Linux, or /proc hidden: the JVM's uptime stands in
        }
    }
}
