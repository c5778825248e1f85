package org.diffusionplayground.scene;

import org.diffusionplayground.model.sampling.ReverseProcess;

/**
 * How the scene samples: 𝔥 of the reverse process (MATH.md §3), the particle count, the number of
 * sampler steps from T to t_min, the noise seed (the same seed gives the same noise at every
 * 𝔥), the solver and the optional Langevin corrector.
 */
public record SamplerSettings(double h, int particles, int steps, long seed, SolverChoice solver, boolean corrector) {

    /** Slider range of 𝔥 (MATH.md §3: past 1, e.g. 0…3); typed values may go up to MAX_H. */
    public static final double SLIDER_MAX_H = 3.0;
    /** The one limit of 𝔥, {@link ReverseProcess#MAX_H}, where presets look for it. */
    public static final double MAX_H = ReverseProcess.MAX_H;
    public static final int MAX_PARTICLES = 20_000;
    /** The split view's second 𝔥 at start: the reverse SDE next to the ODE. */
    public static final double DEFAULT_COMPARE_H = 1.0;

    /**
     * The window's defaults: the probability-flow ODE, 4 000 particles, 200 steps of the exponential integrator
     * on equal log-SNR steps (stable near T on every schedule, docs/MATH.md §3.1), seed 1.
     */
    public static final SamplerSettings DEFAULT = new SamplerSettings(0.0, 4000, 200, 1, SolverChoice.EXPONENTIAL,
            false);

    public SamplerSettings {
        if (solver == null) {
            throw new IllegalArgumentException("the solver is missing");
        }
    }

    /** Particles of the live view while a model trains (at most; fewer when the scene has fewer). */
    public static final int LIVE_PARTICLES = 600;
    /** Sampler steps of the live view while a model trains (at most). */
    public static final int LIVE_STEPS = 30;

    /**
     * These settings thinned for the live view of a model in training: at most {@link #LIVE_PARTICLES}
     * particles and {@link #LIVE_STEPS} steps, without the corrector. It samples anew every second of
     * training on the same two cores, so it must cost a small share of a second (docs/benchmarks.md,
     * live view while training); 30 steps of the default exponential integrator already show the data's
     * shape (docs/MATH.md §3.1). The same 𝔥, seed and solver: the view is the scene's, only coarser.
     */
    public SamplerSettings live() {
        return new SamplerSettings(h, Math.min(particles, LIVE_PARTICLES), Math.min(steps, LIVE_STEPS), seed, solver,
                false);
    }

    public SamplerSettings withH(double newH) {
        return new SamplerSettings(newH, particles, steps, seed, solver, corrector);
    }
}
