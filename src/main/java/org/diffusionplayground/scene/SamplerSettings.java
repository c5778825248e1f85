package org.diffusionplayground.scene;

/**
 * How the scene samples: 𝔥 of the reverse process (MATH.md §3), the particle count, the number of
 * Euler–Maruyama steps from T to t_min, the noise seed (the same seed gives the same noise at every
 * 𝔥), the solver and the optional Langevin corrector.
 */
public record SamplerSettings(double h, int particles, int steps, long seed, SolverChoice solver, boolean corrector) {

    /** Slider range of 𝔥 (MATH.md §3: past 1, e.g. 0…3); typed values may go up to MAX_H. */
    public static final double SLIDER_MAX_H = 3.0;
    public static final double MAX_H = 10.0;
    public static final int MAX_PARTICLES = 20_000;
    /** The split view's second 𝔥 at start: the reverse SDE next to the ODE. */
    public static final double DEFAULT_COMPARE_H = 1.0;

    /** The window's defaults: the probability-flow ODE, 4 000 particles, 200 Euler–Maruyama steps, seed 1. */
    public static final SamplerSettings DEFAULT = new SamplerSettings(0.0, 4000, 200, 1, SolverChoice.EULER_MARUYAMA,
            false);

    public SamplerSettings {
        if (solver == null) {
            throw new IllegalArgumentException("the solver is missing");
        }
    }

    public SamplerSettings withH(double newH) {
        return new SamplerSettings(newH, particles, steps, seed, solver, corrector);
    }
}
