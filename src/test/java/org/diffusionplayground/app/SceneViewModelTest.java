package org.diffusionplayground.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scene view-model without a window: the test thread plays the UI thread and runs what the
 * background jobs hand back. What the user may type for 𝔥, and that the newest inputs win.
 */
class SceneViewModelTest {

    private final BlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    private final Jobs jobs = new Jobs(uiQueue::add, 2);
    private final SceneViewModel scene = new SceneViewModel(jobs);

    @AfterEach
    void close() {
        jobs.close();
    }

    /** A small scene of the 8 gaussians (300 particles, 20 steps); returns their exact score, not yet set. */
    private MixtureScore eightGaussiansScene() {
        DataSet data = DataSet.builtIn(ToyData.GAUSSIANS_8, 200, 0);
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        scene.particlesProperty().set(300);
        scene.stepsProperty().set(20);
        scene.dataSetProperty().set(data);
        scene.scheduleProperty().set(s);
        return new MixtureScore(data.mixture().orElseThrow(), s, "exact");
    }

    private void runUiUntil(BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            Runnable r = uiQueue.poll(60, TimeUnit.SECONDS);
            assertNotNull(r, "the scene stopped reporting before it was done");
            r.run();
        }
    }

    /**
     * A conditional model enables the class chooser; the class and w reach the sampled score as the guided score,
     * and a model without classes drops them (and samples its own score).
     */
    @Test
    void guidanceReachesTheSampledScoreOnlyForAConditionalModel() {
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        org.diffusionplayground.model.score.ComponentClassScore classes =
                new org.diffusionplayground.model.score.ComponentClassScore(
                        ToyData.GAUSSIANS_8.mixture().orElseThrow(), s);
        org.diffusionplayground.model.score.NetworkScore net = new org.diffusionplayground.model.score.NetworkScore(
                org.diffusionplayground.model.score.Mlp.initialise(new org.diffusionplayground.model.score.MlpSpec(16,
                        1, org.diffusionplayground.model.score.Activation.SILU,
                        org.diffusionplayground.model.score.TimeEmbedding.RAW_T,
                        org.diffusionplayground.model.score.Target.SCORE, 8), 2), s);
        scene.scoreProperty().set(net);
        assertEquals(8, scene.modelClassesProperty().get());
        scene.guidanceLabelProperty().set(3);
        scene.guidanceScaleProperty().set(2);
        double[] xy = {0.4, -0.3};
        double[] shown = new double[2];
        double[] expected = new double[2];
        scene.state().scoreOf(false).score(0.2, xy, 1, shown);
        org.diffusionplayground.model.score.Guidance.of(3, 2).guide(net).score(0.2, xy, 1, expected);
        assertEquals(expected[0], shown[0], 1e-6);
        assertEquals(expected[1], shown[1], 1e-6);
        scene.scoreProperty().set(new MixtureScore(ToyData.GAUSSIANS_8.mixture().orElseThrow(), s, "exact"));
        assertEquals(0, scene.modelClassesProperty().get());
        assertEquals(-1, scene.guidanceLabelProperty().get(), "a model without classes clears the class");
        assertTrue(scene.state().scoreOf(false) == scene.scoreProperty().get(), "unguided");
        scene.scoreProperty().set(classes);
        assertEquals(8, scene.modelClassesProperty().get(), "the exact class scores are a conditional model too");
    }

    @Test
    void typedHFollowsTheModelsOneRule() {
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        MixtureScore score = new MixtureScore(DataSet.builtIn(ToyData.GAUSSIANS_8, 100, 0).mixture().orElseThrow(), s,
                "exact");
        for (double h : new double[] {-1, -1e-9, 0, 0.5, ReverseProcess.MAX_H, ReverseProcess.MAX_H + 1e-9, 1e6,
                Double.NaN, Double.POSITIVE_INFINITY}) {
            scene.hProperty().set(0.25);
            String problem = scene.requestH(h);
            boolean modelAccepts;
            try {
                new ReverseProcess(s, score, h);
                modelAccepts = true;
            } catch (IllegalArgumentException e) {
                modelAccepts = false;
            }
            assertEquals(modelAccepts, problem == null, "𝔥 = " + h + ": the window and the model disagree");
            assertEquals(problem == null ? h : 0.25, scene.hProperty().get(), "𝔥 = " + h);
            assertEquals(problem == null ? "" : problem, scene.activity().errorProperty().get());
            assertEquals(problem == null, scene.requestCompareH(h) == null, "second pane, 𝔥 = " + h);
        }
        assertTrue(scene.requestH(-1).contains("≥ 0"));
        assertTrue(scene.requestH(ReverseProcess.MAX_H * 2).contains("at most"));
        assertThrows(IllegalArgumentException.class, () -> ReverseProcess.requireValidH(ReverseProcess.MAX_H * 2));
    }

    @Test
    void theSamplesOnScreenAreForTheNewestInputs() throws Exception {
        scene.scoreProperty().set(eightGaussiansScene());
        scene.resample();
        // change the seed while the first run samples: that run is dropped, the screen shows the second
        scene.seedProperty().set(7);
        scene.resample();
        runUiUntil(() -> !scene.activity().isBusy() && scene.pathsProperty().get() != null
                && scene.pathsProperty().get().complete());
        assertEquals(7, scene.pathsProperty().get().seed());
        assertEquals(300, scene.pathsProperty().get().particles());
        assertEquals("", scene.activity().errorProperty().get());
        assertNotNull(scene.snapshotProperty().get());
        assertEquals(300, scene.snapshotProperty().get().particleCount());
    }

    /**
     * The first run goes on screen while it samples (there is nothing else to show) and completes as the same
     * object: whoever listens for finished runs — the live training view waits for one before training goes
     * on — must still hear of its completion.
     */
    @Test
    void theCompletionOfARunShownWhileItSampledReachesListeners() throws Exception {
        MixtureScore exact = eightGaussiansScene();
        java.util.List<Boolean> heard = new java.util.ArrayList<>();
        scene.pathsProperty().addListener((obs, old, run) -> heard.add(run != null && run.complete()));
        scene.scoreProperty().set(exact);
        scene.resample();
        runUiUntil(() -> !scene.activity().isBusy() && scene.pathsProperty().get() != null
                && scene.pathsProperty().get().complete());
        assertTrue(heard.contains(false), "the run was shown while it sampled: " + heard);
        assertEquals(Boolean.TRUE, heard.get(heard.size() - 1), "its completion was heard: " + heard);
    }

    @Test
    void withoutAModelNothingSamplesAndNothingIsBusy() {
        scene.resample();
        assertNull(scene.pathsProperty().get());
        assertEquals(false, scene.activity().isBusy());
    }
}
