package org.diffusionplayground.model.sampling;

import java.util.Arrays;
import org.diffusionplayground.model.ode.DenseTrajectories;
import org.diffusionplayground.model.ode.EnsembleDormandPrince;
import org.diffusionplayground.model.ode.EnsembleOde;
import org.diffusionplayground.model.ode.EnsembleResult;
import org.diffusionplayground.model.ode.Tolerance;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.util.Cancellation;

/**
 * The probability-flow ODE (𝔥 = 0) solved with adaptive Dormand–Prince 5(4), each particle with its own
 * steps. Alone, it integrates from T to t_min in one go and the observer sees the particles at the grid's
 * times through the solver's dense output, so an animation looks the same as with a fixed-step sampler;
 * as the predictor of a {@link PredictorCorrector} each grid step is one adaptive integration. A particle
 * whose integration fails is left where it stopped and reported failed in the result.
 */
public final class AdaptivePfOdeSampler implements Sampler {

    /** Step budget per particle and integration: far above what a smooth score needs. */
    private static final int MAX_STEPS = 100_000;

    private final Tolerance tolerance;

    public AdaptivePfOdeSampler(Tolerance tolerance) {
        this.tolerance = tolerance;
    }

    @Override
    public String name() {
        return "Dormand–Prince (𝔥 = 0, tol " + tolerance.rtol() + ")";
    }

    @Override
    public void requireSupported(ReverseProcess process) {
        if (process.h() != 0) {
            throw new IllegalArgumentException("the adaptive sampler integrates the probability-flow ODE (𝔥 = 0); got 𝔥 = "
                    + process.h());
        }
    }

    @Override
    public void step(ReverseProcess process, double[] xy, int n, double t, double tNext, CounterNormal noise,
            long stream, StepWork work) {
        double[] starts = new double[n];
        for (int i = 0; i < n; i++) {
            starts[i] = work.failed(i) ? tNext : t; // a failed particle stays where it stopped
        }
        EnsembleResult r = new EnsembleDormandPrince(tolerance, MAX_STEPS).integrate(flow(process), starts, tNext, xy,
                n, null, null, Cancellation.NEVER);
        record(r, work);
    }

    @Override
    public SampleResult sample(ReverseProcess process, double[] start, int n, TimeGrid grid, CounterNormal noise,
            StepObserver observer, Cancellation cancel) {
        requireSupported(process);
        double[] xy = Arrays.copyOf(start, 2 * n);
        DenseTrajectories dense = new DenseTrajectories(n, 2);
        EnsembleResult r = new EnsembleDormandPrince(tolerance, MAX_STEPS).integrate(flow(process), grid.start(),
                grid.end(), xy, n, dense.listener(), null, cancel);
        StepWork work = new StepWork(n);
        record(r, work);
        work.markNonFinite(xy);
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
        return work.result(xy, grid.steps());
    }

    private static void record(EnsembleResult r, StepWork work) {
        long rejected = 0;
        for (int i = 0; i < work.particles(); i++) {
            if (r.failed(i)) {
                work.fail(i);
            }
            rejected += r.rejected()[i];
        }
        work.scoreEvaluated(r.memberEvaluations());
        work.rejected(rejected);
    }

    private static EnsembleOde flow(ReverseProcess process) {
        return new EnsembleOde() {
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
    }
}
