package org.diffusionplayground.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.diffusionplayground.model.util.FaultySteps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model save is all-or-nothing: a failing write, rename or delete at every step of it, or the process
 * dying after any step, leaves a model that loads, and it is the old one until the new card is written.
 */
class ModelSaveFaultTest {

    @TempDir
    Path dir;

    private static Checkpoint model(long seed) {
        return TestModels.model(seed);
    }

    private static void assertIsModel(long seed, Path base) throws IOException {
        assertEquals(seed, TestModels.seedOf(CheckpointIO.load(base)));
    }

    /** Steps a save takes over an existing model, counted by a save that does not fail. */
    private int stepsOfASave() throws IOException {
        Path base = dir.resolve("count").resolve("model");
        CheckpointIO.save(base, model(1));
        FaultySteps counting = FaultySteps.failingAt(Integer.MAX_VALUE);
        CheckpointIO.save(base, model(2), counting);
        return counting.calls();
    }

    @Test
    void aFailureAtEveryStepLeavesThePreviousModelLoadable() throws IOException {
        int steps = stepsOfASave();
        assertTrue(steps >= 4, "keep, weights, card, drop: " + steps);
        for (int k = 1; k <= steps; k++) {
            Path base = dir.resolve("fail-" + k).resolve("model");
            CheckpointIO.save(base, model(1));
            FaultySteps faulty = FaultySteps.failingAt(k);
            boolean committed;
            try {
                CheckpointIO.save(base, model(2), faulty);
                committed = true;
            } catch (CheckpointException e) {
                committed = false;
                assertTrue(e.getMessage().contains("previous model"), e.getMessage());
            }
            assertIsModel(committed ? 2 : 1, base);
            // and the next save, with nothing failing, replaces it
            CheckpointIO.save(base, model(3));
            assertIsModel(3, base);
            assertTrue(leftovers(base.getParent()).isEmpty(), "step " + k + ": " + leftovers(base.getParent()));
        }
    }

    @Test
    void aFailureThatAlsoDefeatsTheUndoStillLeavesThePreviousModelLoadable() throws IOException {
        Path base = dir.resolve("model");
        CheckpointIO.save(base, model(1));
        // the card's write fails, then so does putting the old weights back
        FaultySteps faulty = FaultySteps.failingFrom(3);
        assertThrows(CheckpointException.class, () -> CheckpointIO.save(base, model(2), faulty));
        assertIsModel(1, base);
        CheckpointIO.save(base, model(3));
        assertIsModel(3, base);
    }

    @Test
    void aCrashAfterEveryStepLeavesTheOldOrTheNewModelNeverAMix() throws IOException {
        int steps = stepsOfASave();
        for (int k = 0; k <= steps; k++) {
            Path live = dir.resolve("crash-" + k);
            Path base = live.resolve("model");
            CheckpointIO.save(base, model(1));
            Path disk = dir.resolve("disk-after-" + k);
            FaultySteps crashing = FaultySteps.crashingAfter(k, live, disk);
            assertThrows(FaultySteps.Crash.class, () -> CheckpointIO.save(base, model(2), crashing));
            // what a crash after step k leaves on disk loads as one whole model, the new one once its card is in
            long seed = TestModels.seedOf(CheckpointIO.load(disk.resolve("model")));
            assertTrue(seed == 1 || seed == 2, "step " + k + ": " + seed);
            assertIsModel(seed, disk.resolve("model"));
            // the next start saves over it cleanly
            CheckpointIO.save(disk.resolve("model"), model(3));
            assertIsModel(3, disk.resolve("model"));
        }
    }

    private static java.util.List<String> leftovers(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }
}
