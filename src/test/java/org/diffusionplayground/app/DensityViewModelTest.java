package org.diffusionplayground.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.ComponentClassScore;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.render.SceneLayers;
import org.diffusionplayground.render.SceneSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The model-density heatmap's view-model without a window (the test thread is the UI thread): when 𝔥
 * changes while a grid is being solved, the solve for the old 𝔥 never reaches the scene.
 */
class DensityViewModelTest {

    private final BlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    private final Jobs jobs = new Jobs(uiQueue::add, 2);
    private final SceneViewModel scene = new SceneViewModel(jobs);
    private final DensityViewModel density = new DensityViewModel(scene, jobs);
    private final DataSet data = DataSet.builtIn(ToyData.GAUSSIANS_8, 200, 0);
    private final Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();

    /** A small 8-gaussian scene with the heatmap's layer and a coarse grid; each test sets the score. */
    @org.junit.jupiter.api.BeforeEach
    void smallScene() {
        scene.overlaysProperty().set(density.overlay());
        density.gridOptionsProperty().set(new FokkerPlanckOptions(48, 48, 0, 0.3, 0.4, 6));
        scene.particlesProperty().set(200);
        scene.stepsProperty().set(20);
        scene.dataSetProperty().set(data);
        scene.scheduleProperty().set(s);
    }

    @AfterEach
    void close() {
        jobs.close();
    }

    private void runUiUntil(BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            Runnable r = uiQueue.poll(60, TimeUnit.SECONDS);
            assertNotNull(r, "the view-models stopped reporting before they were done");
            r.run();
        }
    }

    @Test
    void withAClassAskedForTheHeatmapIsTheDensityTheGuidedSamplerFollows() throws Exception {
        scene.scoreProperty().set(new ComponentClassScore(data.mixture().orElseThrow(), s));
        scene.guidanceLabelProperty().set(0); // the mode at angle 0, (√2, 0)
        scene.hProperty().set(1.0);
        density.showProperty().set(true);
        runUiUntil(() -> !density.activity().busyProperty().get() && !scene.activity().isBusy());
        scene.timeProperty().set(s.tMin());
        scene.rebuild();
        SceneLayers.ScalarGrid q = scene.snapshotProperty().get().heatmap();
        assertNotNull(q, "the solved heatmap is drawn");
        // the class's own mode holds the mass; the opposite mode, (−√2, 0), almost none (unguided: the same)
        double own = valueAt(q, Math.sqrt(2), 0);
        double opposite = valueAt(q, -Math.sqrt(2), 0);
        assertTrue(own > 100 * opposite, "q at the class's mode " + own + ", at the opposite mode " + opposite);
    }

    /** The grid's value in the cell holding (x, y). */
    private static double valueAt(SceneLayers.ScalarGrid g, double x, double y) {
        int i = (int) Math.floor((x - g.xMin()) / (g.xMax() - g.xMin()) * g.nx());
        int j = (int) Math.floor((y - g.yMin()) / (g.yMax() - g.yMin()) * g.ny());
        return g.values()[j * g.nx() + i];
    }

    @Test
    void theHeatmapIsForTheNewestH() throws Exception {
        scene.scoreProperty().set(new MixtureScore(data.mixture().orElseThrow(), s, "exact"));
        scene.hProperty().set(0.5);
        density.showProperty().set(true);
        assertTrue(density.activity().busyProperty().get(), "switching the heatmap on solves for it");
        scene.hProperty().set(1.0); // while the grid for 𝔥 = 0.5 is being solved
        runUiUntil(() -> !density.activity().busyProperty().get() && !scene.activity().isBusy());
        assertEquals("", density.activity().statusProperty().get());
        scene.rebuild();
        SceneSnapshot shown = scene.snapshotProperty().get();
        assertNotNull(shown.heatmap(), "the solved heatmap is drawn");
        assertTrue(shown.heatmapScale().label().contains("𝔥 = 1.00"), shown.heatmapScale().label());
        density.showProperty().set(false);
        assertFalse(density.activity().busyProperty().get());
        scene.rebuild();
        assertEquals(null, scene.snapshotProperty().get().heatmap(), "switched off, nothing is drawn");
    }
}
