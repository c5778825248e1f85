package org.diffusionplayground.model.train;

/** How t is drawn for the uniform weightings ({@link Weighting#SIGMA2}, {@link Weighting#G2}). */
public enum TimeSampling {
    /** t ~ U[t_min, T], continuous. */
    UNIFORM,
    /** t uniform on linspace(t_min, T, 1000), one index per sample: the paper's code (MATH.md §2). */
    GRID_1000
}
