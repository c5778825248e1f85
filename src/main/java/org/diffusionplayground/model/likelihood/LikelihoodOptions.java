package org.diffusionplayground.model.likelihood;

import org.diffusionplayground.model.ode.Tolerance;

/**
 * Settings of a likelihood computation: the adaptive solver's tolerance (rtol = atol = tol, MATH.md
 * §4; the paper's table uses 1e-3 and 1e-5), a per-point step budget (a point that needs more is
 * reported as failed, never waited on forever), and whether to also run the paper's δx form of the
 * correction as a cross-check of the adjoint form.
 */
public record LikelihoodOptions(Tolerance tolerance, int maxSteps, boolean deltaXForm) {

    public static final int DEFAULT_MAX_STEPS = 20_000;

    public LikelihoodOptions {
        if (tolerance == null) {
            throw new IllegalArgumentException("a tolerance is required");
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("the step budget must be at least 1, got " + maxSteps);
        }
    }

    public static LikelihoodOptions of(double tol) {
        return new LikelihoodOptions(Tolerance.of(tol), DEFAULT_MAX_STEPS, false);
    }

    public LikelihoodOptions withDeltaXForm(boolean on) {
        return new LikelihoodOptions(tolerance, maxSteps, on);
    }
}
