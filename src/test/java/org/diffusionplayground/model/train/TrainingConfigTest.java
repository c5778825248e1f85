package org.diffusionplayground.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MlpSpec;
import org.junit.jupiter.api.Test;

class TrainingConfigTest {

    @Test
    void paperSetupIsTheOneOfItsCode() {
        TrainingConfig p = TrainingConfig.paper(ScheduleSpec.of(ScheduleKind.COSINE));
        assertEquals(MlpSpec.paper(), p.network());
        assertEquals(Weighting.G2, p.weighting());
        assertEquals(TimeSampling.GRID_1000, p.timeSampling());
        assertEquals(512, p.batchSize());
        assertEquals(Batching.EPOCHS, p.batching());
        assertEquals(1e-3, p.learningRate());
        assertEquals(0, p.clipNorm());
        assertEquals(0, p.emaDecay());
        // 16 000 epochs × ⌊3000 / 512⌋ = 5 full batches
        assertEquals(80_000, p.steps());
    }

    @Test
    void invalidValuesAreRejectedWithMessagesNamingThem() {
        TrainingConfig base = TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.SIMPLE));
        assertMessage("batch size must be between 1 and 65536, got 0", () -> base.toBuilder().batchSize(0).build());
        assertMessage("learning rate must be in (0, 10], got -1.0", () -> base.toBuilder().learningRate(-1).build());
        assertMessage("EMA decay must be 0 (off) or in (0, 1), got 1.0", () -> base.toBuilder().emaDecay(1).build());
        assertMessage("gradient clip norm must be 0 (off) or a positive number, got NaN",
                () -> base.toBuilder().clipNorm(Double.NaN).build());
        assertMessage("steps must be between 1 and 100000000, got 0", () -> base.withSteps(0));
        assertMessage("importance-sampled g² weighting draws t from its own density; use UNIFORM time sampling with it",
                () -> base.toBuilder().weighting(Weighting.G2_IMPORTANCE).timeSampling(TimeSampling.GRID_1000).build());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
    }
}
