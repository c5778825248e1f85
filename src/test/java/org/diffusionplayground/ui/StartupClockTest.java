package org.diffusionplayground.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class StartupClockTest {

    /**
     * The process's age brackets the JVM's own uptime: it is at least the uptime (the process existed
     * before the JVM initialised; /proc counts in 10 ms ticks) and not much more (exec and loading libjvm
     * take tens of milliseconds). ProcessHandle's start instant, the clock this replaced, put the start
     * 0.63 s early on the benchmark machine and would fail the upper bound.
     */
    @Test
    void processAgeBracketsTheJvmUptime() {
        double before = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        double age = StartupClock.processAgeSeconds();
        double after = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        assertTrue(age >= before - 0.011, "process age " + age + " s is less than the JVM uptime " + before + " s");
        assertTrue(age <= after + 0.3, "process age " + age + " s is far beyond the JVM uptime " + after + " s");
    }
}
