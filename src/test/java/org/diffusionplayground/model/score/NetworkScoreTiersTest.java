package org.diffusionplayground.model.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.junit.jupiter.api.Test;

/**
 * The network's output does not depend on which JIT tier runs its kernels: in a JVM that only interprets
 * and in one where C2 has compiled them, the same weights and inputs give the same bits. The output
 * layer's lane sums and the SiLU's e^{−z} used to differ between the two, so a likelihood near a cliff of
 * the density depended on when the JIT got to them (docs/results.md, "Reproducible to the last digit").
 * Two child JVMs, so the tiers are certain.
 */
class NetworkScoreTiersTest {

    /** Child: the bits of the app network's score at one time and at per-point times, after WARM calls. */
    public static void main(String[] args) {
        int warm = Integer.parseInt(args[0]);
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        NetworkScore score = new NetworkScore(Mlp.initialise(MlpSpec.paper(), 3), s);
        int n = 64;
        double[] xy = new double[2 * n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = 1.7 * Math.sin(0.37 * i);
            xy[2 * i + 1] = 1.3 * Math.cos(0.91 * i);
            t[i] = s.tMin() + (s.tMax() - s.tMin()) * i / (n - 1.0);
        }
        double[] out = new double[2 * n];
        double[] perPoint = new double[2 * n];
        for (int r = 0; r <= warm; r++) {
            score.score(0.3, xy, n, out);
            score.score(t, xy, n, perPoint);
        }
        long hash = 17;
        for (int i = 0; i < 2 * n; i++) {
            hash = 31 * hash + Double.doubleToLongBits(out[i]);
            hash = 31 * hash + Double.doubleToLongBits(perPoint[i]);
        }
        System.out.println("bits " + Long.toHexString(hash));
    }

    private static String child(String tier, int warm) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", tier, "-cp", System.getProperty("java.class.path"),
                NetworkScoreTiersTest.class.getName(), Integer.toString(warm)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), text);
        return text.lines().filter(l -> l.startsWith("bits ")).findFirst().orElseThrow(() -> new AssertionError(text));
    }

    @Test
    void theInterpreterAndC2GiveTheSameBits() throws Exception {
        String interpreted = child("-Xint", 0);
        // 20 000 calls: long past C2's thresholds for the kernels' loops (they differed at this point before)
        String compiled = child("-XX:+TieredCompilation", 20_000);
        assertEquals(interpreted, compiled);
    }
}
