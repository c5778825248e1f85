package org.diffusionplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code playground guidance} and the guidance options: a table per score, and words for every misuse. */
class GuidanceCommandTest {

    @TempDir
    Path dir;

    @Test
    void theConditionalLectureModelGivesATableForTheExactScoresAndForTheNetwork() {
        CliRun r = CliRun.of("guidance", "--model", "assets/checkpoints/8gaussians-conditional", "--w", "0,4",
                "--h", "0", "--particles", "40", "--steps", "30");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("exact class scores"), r.out());
        assertTrue(r.out().contains("draw versus draw"), r.out());
        // one row per (𝔥, w) in each of the two tables
        assertEquals(4, r.out().lines().filter(l -> l.matches("\\s+0\\s+[04]\\s+\\d.*")).count(), r.out());
    }

    @Test
    void guidanceNeedsAConditionalModelAClassItKnowsAndAScaleInRange() {
        CliRun plain = CliRun.of("guidance", "--model", "25gaussians-simple");
        assertEquals(2, plain.code());
        assertTrue(plain.err().contains("trained without labels"), plain.err());
        assertEquals(2, CliRun.of("guidance", "--model", "assets/checkpoints/8gaussians-conditional", "--w", "9")
                .code());
        String out = dir.resolve("x.png").toString();
        CliRun label = CliRun.of("render", "--preset", "presets/ode-versus-sde.json", "--label", "1", "--out", out);
        assertEquals(2, label.code());
        assertTrue(label.err().contains("needs a conditional model"), label.err());
        CliRun range = CliRun.of("render", "--preset", "presets/classifier-free-guidance.json", "--label", "8", "--out",
                out);
        assertEquals(2, range.code());
        assertTrue(range.err().contains("between 0 and 7"), range.err());
        CliRun alone = CliRun.of("render", "--preset", "presets/classifier-free-guidance.json", "--guidance", "2",
                "--out", out);
        assertEquals(2, alone.code());
        assertTrue(alone.err().contains("--guidance needs --label"), alone.err());
    }

    @Test
    void trainConditionalNeedsLabelledData() {
        CliRun r = CliRun.of("train", "--dataset", "swissroll", "--conditional", "--steps", "1", "--out",
                dir.toString(), "--quiet");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("needs labelled data"), r.err());
    }
}
