package org.diffusionplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplersCommandTest {

    @TempDir
    Path dir;

    @Test
    void everySamplerAtEveryBudgetIsARowOfTheTableAndTheCsv() throws Exception {
        Path csv = dir.resolve("lab.csv");
        CliRun r = CliRun.of("samplers", "--data", "8gaussians", "--nfe", "8,16", "--particles", "120",
                "--metric-points", "100", "--csv", csv.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("exact score on 8 gaussians, SIMPLE"), r.out());
        for (String name : List.of("Euler–Maruyama", "Exponential integrator", "Heun", "DDIM", "DPM-Solver++(2M)",
                "EDM churn")) {
            assertEquals(2, r.out().lines().filter(l -> l.startsWith(name)).count(), name + " in\n" + r.out());
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 6 * 2, lines.size());
        assertTrue(lines.get(0).startsWith("model,data,schedule,h,sampler,step_schedule,budget,nfe,steps,w2,mmd2,"
                + "err_vs_exact,net_err"), lines.get(0));
    }

    @Test
    void dataWithoutAnExactScoreOrBadBudgetsAreUsageErrors() {
        CliRun moons = CliRun.of("samplers", "--data", "moons", "--quiet");
        assertEquals(2, moons.code());
        assertTrue(moons.err().contains("has no exact score"), moons.err());
        assertEquals(2, CliRun.of("samplers", "--nfe", "0", "--quiet").code());
        assertEquals(2, CliRun.of("samplers", "--h", "-1", "--quiet").code());
    }
}
