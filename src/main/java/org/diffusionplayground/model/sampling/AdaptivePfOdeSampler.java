package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.ode.DenseTrajectories;
import org.diffusionplayground.model.ode.EnsembleDormandPrince;
import org.diffusionplayground.model.ode.EnsembleOde;
import org.diffusionplayground.model.ode.EnsembleResult;
import org.diffusionplayground.model.ode.Tolerance;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.util.Cancellation;

/**
 * The probability-flow ODE (𝔥 = 0) solved with adaptive Dormand–Prince 5(4), each particle with its own
 * steps; the observer sees the particles at the grid's times through the solver's dense output, so an
 * animation looks the same as with a fixed-step sampler. A particle whose integration fails is left
 * where it stopped and counted in {@link #lastFailures()}.
 */
public final class AdaptivePfOdeSampler implements Sampler {

    private final Tolerance tolerance;
    private volatile int lastFailures;

    public AdaptivePfOdeSampler(Tolerance tolerance) {
        this.tolerance = tolerance;
    }

    @Override
    public String name() {
        return "Dormand–Prince (𝔥 = 0, tol " + tolerance.rtol() + ")";
    }

    public int lastFailures() {
        return lastFailures;
    }

    @Override
    public void sample(ReverseProcess process, double[] xy, int n, TimeGrid grid, CounterNormal noise,
            StepObserver observer, Cancellation cancel) {
        if (process.h() != 0) {
            throw new IllegalArgumentException("the adaptive sampler integrates the probability-flow ODE (𝔥 = 0); got 𝔥 = "
                    + process.h());
        }
        EnsembleOde ode = new EnsembleOde() {
            private double[] score = new double[0];

            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void derivatives(int[] members, double[] t, double[] y, double[] dydt, int count) {
                if (score.length < 2 * count) {
                    score = new double[2 * count];
                }
                process.drift(t, y, count, dydt, score);
            }
        };
        DenseTrajectories dense = new DenseTrajectories(n, 2);
        double[] start = xy.clone();
        EnsembleResult r = new EnsembleDormandPrince(tolerance, 100_000).integrate(ode, grid.start(), grid.end(), xy,
                n, dense.listener(), null, cancel);
        lastFailures = r.failures();
        double[] frame = new double[2 * n];
        for (int k = 0; k <= grid.steps(); k++) {
            double t = grid.time(k);
            for (int i = 0; i < n; i++) {
                if (dense.points(i) > 0) {
                    dense.interpolate(i, t, frame, 2 * i);
                } else {
                    frame[2 * i] = start[2 * i];
                    frame[2 * i + 1] = start[2 * i + 1];
                }
            }
            observer.onStep(k, t, frame, n);
        }
    }
}
