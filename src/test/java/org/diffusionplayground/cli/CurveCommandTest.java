package org.diffusionplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void theBundledModelsCurveHasARowPerHAndTheSpreadOfC() {
        CliRun r = run("curve", "--points", "30", "--tolerance", "1e-3", "--hs", "0.01,1", "--grid-cells", "48,64",
                "--grid-step", "0.3", "--quiet");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.startsWith("swissroll-simple on Swiss roll"), out);
        assertTrue(out.contains("E[C] = ") && out.contains("C(x) over the points: 1% "), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("0.01 ")), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("1 ")), out);
        assertTrue(out.lines().noneMatch(l -> l.startsWith("0 ")), "𝔥 = 0 is the reference, not a row:\n" + out);
    }

    @Test
    void badInputIsAUsageErrorOrAOneLineFailure() throws Exception {
        assertEquals(2, run("curve", "--hs", "0").code());
        assertEquals(2, run("curve", "--hs", "0.1,0.1").code());
        assertEquals(2, run("curve", "--hs", "0.5,11").code(), "past the one limit of 𝔥 (ReverseProcess.MAX_H)");
        assertEquals(2, run("curve", "--points", "1").code());
        assertEquals(2, run("curve", "--grid-cells", "64").code());
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{ not a model");
        CliRun bad = run("curve", "--model", junk.toString(), "--quiet");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("junk"), bad.err());
    }
}
