package org.diffusionplayground.scene.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.lens.TweedieDenoiser;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.render.SceneSnapshot;
import org.diffusionplayground.scene.SamplerSettings;
import org.diffusionplayground.scene.SceneComposer;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SceneState;
import org.diffusionplayground.scene.SolverChoice;
import org.diffusionplayground.scene.ViewOptions;
import org.junit.jupiter.api.Test;

/**
 * The lenses' scene layers as a headless render or an export composes them (no JavaFX): what each lens
 * adds to a frame, and that it is computed from the frame's own particles.
 */
class LensOverlaysTest {

    private static SceneState scene(SceneMode mode, double t) {
        DataSet data = DataSet.builtIn(ToyData.GAUSSIANS_8, 400, 0);
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        MixtureScore exact = new MixtureScore(data.mixture().orElseThrow(), s, "exact score");
        return new SceneState(data, s, exact, new SamplerSettings(1.0, 300, 40, 3, SolverChoice.EULER_MARUYAMA, false),
                false, 1.0, null, null, mode, t, ViewOptions.DEFAULT);
    }

    private static SceneSnapshot compose(SceneState s, List<String> lenses) {
        SampledPaths run = SceneComposer.sample(s, false, null, Cancellation.NEVER);
        return new SceneComposer().compose(s, run, false, 16.0 / 9, List.of(),
                LensOverlays.of(s, lenses, Cancellation.NEVER));
    }

    @Test
    void tweedieRingsAreTheDenoisedParticlesOfTheFrame() {
        SceneState s = scene(SceneMode.BACKWARD, 0.4);
        SceneSnapshot frame = compose(s, List.of("tweedie"));
        assertEquals(1, frame.ghosts().size());
        assertEquals(1, frame.arrows().size());
        int n = frame.particleCount();
        double[] expected = new double[2 * n];
        new TweedieDenoiser(s.schedule(), s.score()).denoise(s.time(), frame.particles(), n, expected);
        double[] rings = frame.ghosts().get(0).xy();
        for (int i = 0; i < 2 * n; i++) {
            assertEquals(expected[i], rings[i], 1e-12);
        }
        assertEquals(4 * Math.min(n, TweedieOverlay.ARROWS), frame.arrows().get(0).segments().length);
        assertEquals((float) frame.particles()[0], frame.arrows().get(0).segments()[0]);
    }

    @Test
    void speciationColoursEveryParticleAndDrawsTheLineThroughTwoModes() {
        SceneSnapshot frame = compose(scene(SceneMode.BACKWARD, 0.05), List.of("speciation"));
        assertNotNull(frame.particleRgb());
        assertEquals(frame.particleCount(), frame.particleRgb().length);
        assertEquals(1, frame.trails().size(), "the line through the modes");
        assertEquals(2, frame.markers().size(), "the two modes");
        // at t = 0.05 the ring's modes have split (t_c of neighbours ≈ 0.25): particles wear mode colours, not grey
        long grey = java.util.Arrays.stream(frame.particleRgb()).filter(c -> c == 0x9A9A9A).count();
        assertTrue(grey < frame.particleCount() / 10, grey + " grey particles");
    }

    @Test
    void langevinRingsFollowTheAnimationAndOnlyInBackwardMode() {
        SceneSnapshot backward = compose(scene(SceneMode.BACKWARD, 1.0), List.of("langevin"));
        assertEquals(1, backward.ghosts().size());
        assertEquals(300, backward.ghosts().get(0).count(), "the scene's particles, one chain each");
        SceneSnapshot forward = compose(scene(SceneMode.FORWARD, 0.5), List.of("langevin"));
        assertTrue(forward.ghosts().isEmpty());
    }

    @Test
    void currentLensDrawsTheGridsCurrentWhichIsThePfVelocityForTheExactScore() {
        SceneState s = scene(SceneMode.BACKWARD, 0.3);
        // a coarse grid without refinement keeps this fast; the lens's own grid is finer
        CurrentView view = CurrentView.solve(s.schedule(), s.score(), s.data().points(), 1.0,
                new org.diffusionplayground.model.reference.FokkerPlanckOptions(64, 64, 0, 0.2, 0.4, 6), null,
                Cancellation.NEVER);
        SampledPaths run = SceneComposer.sample(s, false, null, Cancellation.NEVER);
        SceneSnapshot frame = new SceneComposer().compose(s, run, false, 16.0 / 9, List.of(), view.overlay());
        assertNotNull(frame.field(), "the quiver of J/q");
        assertTrue(frame.legend().stream().anyMatch(e -> e.label().startsWith("J/q − v_PF")));
        // exact score: the density of every 𝔥 is p_t, whose current is the PF velocity (grid error ~0.1 %)
        assertTrue(view.field(0.3).relativeDifference() < 0.02, "" + view.field(0.3).relativeDifference());
        assertTrue(view.field(0.3).resolvedCount() > 100);
    }

    @Test
    void thePotentialChartsBarrierAppearsAtTheClosedFormCriticalTime() {
        // an isolated equal pair: the barrier between the wells exists exactly below t_c
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        MixtureScore pair = new MixtureScore(new org.diffusionplayground.model.data.GaussianMixture(
                new double[] {1, 1}, new double[] {-1, 0, 1, 0}, new double[] {0.01, 0.01}), s, "pair");
        SpeciationView view = new SpeciationView(pair);
        double tc = view.criticalTime();
        assertTrue(SpeciationView.barrier(view.potential(tc - 0.01, 241)) > 0, "double well below t_c");
        assertEquals(0.0, SpeciationView.barrier(view.potential(tc + 0.01, 241)), "one well above t_c");
        assertEquals(Math.log(2), view.maxEntropy(), 1e-12);
    }

    @Test
    void namesThatAreNotLensesAndChartOnlyLensesAddNothing() {
        SceneSnapshot frame = compose(scene(SceneMode.BACKWARD, 0.5), List.of("correction-map", "entropy",
                "objectives"));
        assertTrue(frame.ghosts().isEmpty());
        assertTrue(frame.arrows().isEmpty());
        assertNull(frame.particleRgb());
    }
}
