package org.diffusionplayground.app;

/**
 * How the scene samples: 𝔥 of the reverse process (MATH.md §3), the particle count, the number of
 * Euler–Maruyama steps from T to t_min, the noise seed (the same seed gives the same noise at every
 * 𝔥), the solver and the optional Langevin corrector.
 */
public record SamplerSettings(double h, int particles, int steps, long seed, SolverChoice solver, boolean corrector) {

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
