package org.diffusionplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The start-up clock's reading of a process's age, bracketed by what must hold whatever the machine's
 * load: a process is at least as old as anything it started, and a process started just now is no
 * older than the time since we started it. /proc counts the start in ticks of 1/USER_HZ seconds and
 * the uptime in hundredths, so each bracket allows two ticks.
 */
class StartupClockTest {

    private static final double TWO_TICKS = 2 / StartupClock.USER_HZ;

    /**
     * The rest of the window is built after the first moving frame; a scene that is paused before it moves
     * (a start at a fixed time, a preset that stops) never has one, and must not leave the window unbuilt.
     */
    @Test
    void aSceneThatIsOrGetsPausedBeforeItMovesEndsTheWatchOnce() {
        org.diffusionplayground.app.Jobs jobs = new org.diffusionplayground.app.Jobs(Runnable::run, 1);
        try {
            org.diffusionplayground.app.SceneViewModel paused = new org.diffusionplayground.app.SceneViewModel(jobs);
            paused.playback().playingProperty().set(false);
            int[] calls = {0};
            StartupClock.watch(paused, () -> calls[0]++);
            assertEquals(1, calls[0], "paused from the start");
            paused.playback().playingProperty().set(true);
            paused.playback().playingProperty().set(false);
            assertEquals(1, calls[0], "once");

            org.diffusionplayground.app.SceneViewModel playing = new org.diffusionplayground.app.SceneViewModel(jobs);
            playing.playback().playingProperty().set(true);
            int[] later = {0};
            StartupClock.watch(playing, () -> later[0]++);
            assertEquals(0, later[0], "a playing scene waits for its first moving frame");
            playing.playback().playingProperty().set(false);
            assertEquals(1, later[0], "paused before it moved");
        } finally {
            jobs.close();
        }
    }

    @Test
    void thisProcessIsAtLeastAsOldAsItsJvm() {
        double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        double age = StartupClock.processAgeSeconds();
        assertTrue(age >= uptime - TWO_TICKS, "process age " + age + " s is less than the JVM uptime " + uptime + " s");
    }

    /**
     * The upper side, on a process whose start we witness: its age lies between zero and the time since
     * we asked for it. ProcessHandle's start instant, which put the start 0.63 s early on the benchmark
     * machine (docs/benchmarks.md), would fail this.
     */
    @Test
    void aProcessStartedNowIsNoOlderThanTheTimeSinceItsStart() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "ages are read from /proc on Linux only");
        long before = System.nanoTime();
        Process child = new ProcessBuilder("cat").redirectErrorStream(true).start();
        try {
            double age = StartupClock.procAgeSeconds(Long.toString(child.pid())).orElseThrow();
            double since = (System.nanoTime() - before) / 1e9;
            assertTrue(age >= -TWO_TICKS && age <= since + TWO_TICKS,
                    "a process started " + since + " s ago reads as " + age + " s old");
        } finally {
            child.destroy();
            child.waitFor();
        }
    }
}
