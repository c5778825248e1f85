package org.diffusionplayground.ui;

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
