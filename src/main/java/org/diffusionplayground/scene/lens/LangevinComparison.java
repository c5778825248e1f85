package org.diffusionplayground.scene.lens;

import org.diffusionplayground.model.lens.FixedLevelLangevin;
import org.diffusionplayground.model.lens.ModeHopCounter;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.Sampler;
import org.diffusionplayground.model.sampling.StepObserver;
import org.diffusionplayground.model.sampling.TrajectoryRecorder;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.render.SceneLayers.LegendEntry;
import org.diffusionplayground.render.SceneLayers.PointCloud;
import org.diffusionplayground.render.SceneSnapshot;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.SceneLegend;
import org.diffusionplayground.scene.SceneOverlays;

/**
 * A fixed-level Langevin chain run beside the annealed sampler (MATH.md §7.1): the same score and the same
 * starting particles (the sampler's prior draws for the same seed), {@code steps} moves at noise level t
 * with step size η, recorded for the animation, with mode-hop counts when the data is a mixture.
 *
 * @param time       the fixed noise level t
 * @param stepSize   η
 * @param steps      moves made
 * @param frames     recorded positions (frame k after about k·steps/(frames−1) moves)
 * @param hops       cumulative hops after every move (null without a mixture)
 * @param occupancy  fraction of the chain's particles in each mode at the end (null without a mixture)
 * @param weightError total-variation distance between the chain's final mode occupancy and the mixture
 *                   weights (NaN without a mixture)
 */
public record LangevinComparison(double time, double stepSize, int steps, TrajectoryRecorder frames, long[] hops,
        double[] occupancy, double weightError) {

    /** Frames kept for the animation. */
    public static final int FRAMES = 240;
    /** The lens's default step size η / σ_t²: biased by ~7 % on a Gaussian of variance σ_t², stable. */
    public static final double DEFAULT_STEP_RATIO = 0.25;
    /** The lens's default number of moves. */
    public static final int DEFAULT_MOVES = 1000;
    static final java.awt.Color COLOUR = Theme.OKABE_ITO[0];

    /**
     * Runs the chain.
     *
     * @param exact the data mixture for mode assignments, or null
     */
    public static LangevinComparison run(Schedule schedule, ScoreModel score, MixtureScore exact, double t,
            double eta, int n, int steps, long seed, Cancellation cancel) {
        double[] xy = new double[2 * n];
        CounterNormal noise = new CounterNormal(seed);
        Sampler.samplePrior(new ReverseProcess(schedule, score, 0), xy, n, noise);
        int stride = Math.max(1, (steps + FRAMES - 2) / (FRAMES - 1));
        TrajectoryRecorder recorder = new TrajectoryRecorder(n, steps, stride);
        ModeHopCounter counter = exact == null ? null : new ModeHopCounter(exact, t);
        StepObserver observer = counter == null ? recorder : recorder.andThen(counter);
        new FixedLevelLangevin(score, t, eta).run(xy, n, 0, steps, noise, observer, cancel);
        return new LangevinComparison(t, eta, steps, recorder, counter == null ? null : counter.history(),
                counter == null ? null : counter.occupancy(), counter == null ? Double.NaN : counter.weightError());
    }

    /**
     * Where the annealed sampler's particles end, by mode (assigned at t_min), and its error in mode
     * proportions (total-variation distance to the mixture's weights) as the last element.
     */
    public static double[] annealedOccupancy(MixtureScore exact, double[] finalPositions, int n) {
        ModeHopCounter c = new ModeHopCounter(exact, exact.schedule().tMin());
        c.onStep(0, 0, finalPositions, n);
        double[] occ = c.occupancy();
        double[] out = java.util.Arrays.copyOf(occ, occ.length + 1);
        out[occ.length] = c.weightError();
        return out;
    }

    /**
     * The chain's particles as rings, at the frame the animation has reached: a backward sweep from T to
     * t_min plays the chain from its start to its last move.
     */
    public SceneOverlays overlay(Schedule schedule) {
        return (b, legend, t, h) -> contribute(b, legend, schedule, t);
    }

    private void contribute(SceneSnapshot.Builder b, SceneLegend legend, Schedule schedule, double t) {
        double progress = (schedule.tMax() - t) / (schedule.tMax() - schedule.tMin());
        int k = (int) Math.round(Math.max(0, Math.min(1, progress)) * (frames.frames() - 1));
        double[] xy = frames.frame(k);
        b.ghosts(new PointCloud(xy, frames.particles(), COLOUR, 0.7f));
        legend.add(String.format(java.util.Locale.ROOT, "Langevin at fixed t = %.3f, η = %.2g", time, stepSize),
                COLOUR, LegendEntry.Shape.DOT);
    }
}
