package org.diffusionplayground.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.lab.LabCell;
import org.diffusionplayground.model.lab.LabOptions;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.scene.SolverChoice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sampler lab's view-model without a window (the test thread is the UI thread). */
class SamplerLabViewModelTest {

    private final BlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    private final Jobs jobs = new Jobs(uiQueue::add, 2);
    private final SceneViewModel scene = new SceneViewModel(jobs);
    private final SamplerLabViewModel lab = new SamplerLabViewModel(scene, jobs);

    @AfterEach
    void close() {
        jobs.close();
    }

    @Test
    void theLabComparesEverySolverOnTheScenesModelAndExactScore() throws Exception {
        DataSet data = DataSet.builtIn(ToyData.GAUSSIANS_8, 200, 0);
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        scene.particlesProperty().set(200);
        scene.dataSetProperty().set(data);
        scene.scheduleProperty().set(s);
        scene.scoreProperty().set(new MixtureScore(data.mixture().orElseThrow(), s, "exact"));
        lab.run();
        assertTrue(lab.activity().isBusy());
        while (lab.resultProperty().get() == null && lab.activity().error().isEmpty()) {
            Runnable r = uiQueue.poll(60, TimeUnit.SECONDS);
            assertNotNull(r, "the lab stopped reporting before it was done");
            r.run();
        }
        assertEquals("", lab.activity().error());
        var report = lab.resultProperty().get().report();
        assertEquals(SolverChoice.labChoices(0).size() * LabOptions.DEFAULT.budgets().length, report.cells().size());
        assertFalse(report.networkModel(), "the scene's exact score is the exact score, not a network");
        for (LabCell c : report.cells()) {
            assertTrue(Double.isFinite(c.exactError()), c.sampler().name() + " at " + c.budget());
        }
        assertFalse(lab.activity().isBusy());
    }

    @Test
    void withoutAModelTheLabSaysWhatIsMissing() {
        lab.run();
        assertNull(lab.resultProperty().get());
        assertTrue(lab.activity().error().contains("model"), lab.activity().error());
    }
}
