package org.diffusionplayground.model.ode;

import java.util.Arrays;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;

/**
 * Dormand–Prince 5(4) with FSAL and per-member step-size control, vectorised over an ensemble
 * (Hairer–Nørsett–Wanner, Solving ODEs I, II.5; the tableau is the one of Hipparchus's
 * DormandPrince54Integrator and scipy's RK45). Every stage is one {@link EnsembleOde#derivatives}
 * call for all members still running, each at its own time and step: members that need small steps
 * do not slow the others, and one network evaluation still serves the whole batch.
 *
 * <p>A member whose step size underflows, whose state or derivative stays non-finite, or that exceeds
 * the step budget is stopped and reported as failed with the reason; the others carry on. Nothing
 * loops forever: every rejection shrinks the step (5× when the trial state is not finite) and the
 * step budget counts rejections too.
 */
public final class EnsembleDormandPrince {

    private static final double C2 = 1.0 / 5;
    private static final double C3 = 3.0 / 10;
    private static final double C4 = 4.0 / 5;
    private static final double C5 = 8.0 / 9;
    private static final double[][] A = {
        {},
        {1.0 / 5},
        {3.0 / 40, 9.0 / 40},
        {44.0 / 45, -56.0 / 15, 32.0 / 9},
        {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
        {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
        {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84},
    };
    private static final double[] C = {0, C2, C3, C4, C5, 1, 1};
    /** Error weights: 5th-order minus embedded 4th-order solution. */
    private static final double[] E = {71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525,
        -1.0 / 40};

    private static final double SAFETY = 0.9;
    private static final double MIN_FACTOR = 0.2;
    private static final double MAX_FACTOR = 10.0;

    private final Tolerance tolerance;
    private final int maxSteps;

    /** Observes accepted steps of one member (trajectory recording, dense output). */
    public interface StepListener {
        /**
         * Member {@code m} stepped from tOld to tNew; its states are at {@code offset .. offset + dim} of
         * {@code yOld} and {@code yNew}, and the seven stage derivatives of the step at the same slots of
         * {@code stages[0..6]} (stage 0 is f(tOld, yOld), stage 6 is f(tNew, yNew)), which is what the
         * method's own continuous extension needs ({@link DenseTrajectories}).
         */
        void accepted(int m, double tOld, double tNew, double[] yOld, double[] yNew, double[][] stages, int offset);
    }

    public EnsembleDormandPrince(Tolerance tolerance, int maxSteps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("the step budget must be at least 1, got " + maxSteps);
        }
        this.tolerance = tolerance;
        this.maxSteps = maxSteps;
    }

    public Tolerance tolerance() {
        return tolerance;
    }

    /**
     * Integrates every member from t0 to t1 (either direction). {@code y} holds the initial states and
     * receives the final ones.
     */
    public EnsembleResult integrate(EnsembleOde ode, double t0, double t1, double[] y, int members,
            StepListener listener, ProgressListener progress, Cancellation cancel) {
        double[] starts = new double[members];
        Arrays.fill(starts, t0);
        return integrate(ode, starts, t1, y, members, listener, progress, cancel);
    }

    /**
     * Integrates member m from {@code t0[m]} to the common end t1; all members must run in the same
     * direction (members already at t1 are left as they are).
     */
    public EnsembleResult integrate(EnsembleOde ode, double[] t0, double t1, double[] y, int members,
            StepListener listener, ProgressListener progress, Cancellation cancel) {
        int d = ode.dimension();
        if (y.length < members * d) {
            throw new IllegalArgumentException("state array too short for " + members + " members of dimension " + d);
        }
        Work w = new Work(members, d);
        String[] failure = new String[members];
        int[] steps = new int[members];
        int[] rejected = new int[members];
        double[] t = t0.clone();
        double[] h = new double[members];
        double[] span = new double[members];
        boolean[] lastRejected = new boolean[members];
        int[] active = new int[members];
        int count = 0;
        double direction = 0;
        for (int m = 0; m < members; m++) {
            span[m] = Math.abs(t1 - t0[m]);
            if (span[m] == 0) {
                continue;
            }
            double dir = Math.signum(t1 - t0[m]);
            if (direction != 0 && dir != direction) {
                throw new IllegalArgumentException("all members must integrate in the same direction");
            }
            direction = dir;
            active[count++] = m;
        }
        Counter evaluations = new Counter();
        if (count == 0) {
            return new EnsembleResult(y, failure, steps, rejected, 0, 0);
        }

        // k1 at the start, then Hairer's initial step guess (one more evaluation)
        evaluate(ode, w, active, count, t, h, y, 0, evaluations);
        initialSteps(ode, w, active, count, t, y, h, direction, span, evaluations);
        count = dropNonFinite(w, active, count, d, 0, failure, t);

        while (count > 0) {
            cancel.check();
            for (int s = 1; s < 7; s++) {
                evaluate(ode, w, active, count, t, h, y, s, evaluations);
            }
            int kept = 0;
            for (int a = 0; a < count; a++) {
                int m = active[a];
                int off = m * d;
                double err = errorNorm(w, y, off, d, h[m]);
                if (err <= 1.0) {
                    double tNew = t[m] + h[m];
                    boolean last = Math.abs(t1 - tNew) <= 1e-12 * Math.max(1, Math.abs(t1));
                    if (last) {
                        tNew = t1;
                    }
                    if (listener != null) {
                        listener.accepted(m, t[m], tNew, y, w.yNew, w.k, off);
                    }
                    System.arraycopy(w.yNew, off, y, off, d);
                    System.arraycopy(w.k[6], off, w.k[0], off, d); // FSAL
                    t[m] = tNew;
                    steps[m]++;
                    double factor = err == 0 ? MAX_FACTOR : Math.min(MAX_FACTOR, SAFETY * Math.pow(err, -0.2));
                    if (lastRejected[m]) {
                        factor = Math.min(1.0, factor);
                    }
                    lastRejected[m] = false;
                    h[m] *= Math.max(MIN_FACTOR, factor);
                    if (last) {
                        continue;
                    }
                } else {
                    rejected[m]++;
                    lastRejected[m] = true;
                    h[m] *= Double.isFinite(err) ? Math.max(MIN_FACTOR, SAFETY * Math.pow(err, -0.2)) : MIN_FACTOR;
                }
                String why = checkMember(t[m], h[m], steps[m] + rejected[m]);
                if (why != null) {
                    failure[m] = why;
                    continue;
                }
                // never step past t1
                double remaining = t1 - t[m];
                if (Math.abs(h[m]) >= Math.abs(remaining)) {
                    h[m] = remaining;
                }
                active[kept++] = m;
            }
            count = kept;
            if (progress != null) {
                progress.progress(meanProgress(t, t0, span, members, failure), "integrating " + count + " of " + members);
            }
        }
        return new EnsembleResult(y, failure, steps, rejected, evaluations.memberEvaluations, evaluations.calls);
    }

    private String checkMember(double t, double h, int attempts) {
        if (!Double.isFinite(h) || Math.abs(h) < 1e-14 * Math.max(1.0, Math.abs(t))) {
            return String.format("step size underflow at t = %.6g (the field is stiff or not finite there)", t);
        }
        if (attempts >= maxSteps) {
            return String.format("more than %d steps before reaching the end (stopped at t = %.6g)", maxSteps, t);
        }
        return null;
    }

    private static double meanProgress(double[] t, double[] t0, double[] span, int members, String[] failure) {
        double sum = 0;
        for (int m = 0; m < members; m++) {
            sum += failure[m] != null || span[m] == 0 ? 1 : Math.abs(t[m] - t0[m]) / span[m];
        }
        return sum / members;
    }

    /** RMS of the scaled local error of member at {@code off}; ∞ when anything is not finite. */
    private double errorNorm(Work w, double[] y, int off, int d, double h) {
        double sum = 0;
        for (int i = 0; i < d; i++) {
            double e = 0;
            for (int s = 0; s < 7; s++) {
                e += E[s] * w.k[s][off + i];
            }
            e *= h;
            double yn = w.yNew[off + i];
            double sc = tolerance.atol() + tolerance.rtol() * Math.max(Math.abs(y[off + i]), Math.abs(yn));
            double r = e / sc;
            sum += r * r;
        }
        double norm = Math.sqrt(sum / d);
        return Double.isFinite(norm) ? norm : Double.POSITIVE_INFINITY;
    }

    /** Stage s: state y + h Σ_{j<s} a_sj k_j at time t + c_s h, for every active member, one call. */
    private static void evaluate(EnsembleOde ode, Work w, int[] active, int count, double[] t, double[] h,
            double[] y, int s, Counter evaluations) {
        int d = w.d;
        for (int a = 0; a < count; a++) {
            int m = active[a];
            int off = m * d;
            w.tc[a] = t[m] + C[s] * h[m];
            double[] target = s == 6 ? w.yNew : null;
            for (int i = 0; i < d; i++) {
                double v = y[off + i];
                for (int j = 0; j < s; j++) {
                    v += h[m] * A[s][j] * w.k[j][off + i];
                }
                w.yc[a * d + i] = v;
                if (target != null) {
                    target[off + i] = v;
                }
            }
        }
        ode.derivatives(active, w.tc, w.yc, w.kc, count);
        evaluations.calls++;
        evaluations.memberEvaluations += count;
        for (int a = 0; a < count; a++) {
            System.arraycopy(w.kc, a * d, w.k[s], active[a] * d, d);
        }
    }

    /** Hairer's starting step (Solving ODEs I, II.4): h from ‖y₀‖/‖f₀‖ and a second-derivative probe. */
    private void initialSteps(EnsembleOde ode, Work w, int[] active, int count, double[] t0, double[] y, double[] h,
            double direction, double[] span, Counter evaluations) {
        int d = w.d;
        double[] h0 = new double[count];
        for (int a = 0; a < count; a++) {
            int off = active[a] * d;
            double d0 = 0;
            double d1 = 0;
            for (int i = 0; i < d; i++) {
                double sc = tolerance.atol() + tolerance.rtol() * Math.abs(y[off + i]);
                d0 += sq(y[off + i] / sc);
                d1 += sq(w.k[0][off + i] / sc);
            }
            d0 = Math.sqrt(d0 / d);
            d1 = Math.sqrt(d1 / d);
            double guess = d0 < 1e-5 || d1 < 1e-5 || !Double.isFinite(d1) ? 1e-6 : 0.01 * d0 / d1;
            h0[a] = Math.min(guess, span[active[a]]);
            w.tc[a] = t0[active[a]] + direction * h0[a];
            for (int i = 0; i < d; i++) {
                w.yc[a * d + i] = y[off + i] + direction * h0[a] * w.k[0][off + i];
            }
        }
        ode.derivatives(active, w.tc, w.yc, w.kc, count);
        evaluations.calls++;
        evaluations.memberEvaluations += count;
        for (int a = 0; a < count; a++) {
            int m = active[a];
            int off = m * d;
            double d1 = 0;
            double d2 = 0;
            for (int i = 0; i < d; i++) {
                double sc = tolerance.atol() + tolerance.rtol() * Math.abs(y[off + i]);
                d1 += sq(w.k[0][off + i] / sc);
                d2 += sq((w.kc[a * d + i] - w.k[0][off + i]) / sc);
            }
            d1 = Math.sqrt(d1 / d);
            d2 = Math.sqrt(d2 / d) / h0[a];
            double big = Math.max(d1, d2);
            double h1 = big <= 1e-15 || !Double.isFinite(big) ? Math.max(1e-6, h0[a] * 1e-3) : Math.pow(0.01 / big, 0.2);
            h[m] = direction * Math.min(Math.min(100 * h0[a], h1), span[m]);
        }
    }

    private static int dropNonFinite(Work w, int[] active, int count, int d, int stage, String[] failure, double[] t) {
        int kept = 0;
        for (int a = 0; a < count; a++) {
            int m = active[a];
            boolean finite = true;
            for (int i = 0; i < d; i++) {
                finite &= Double.isFinite(w.k[stage][m * d + i]);
            }
            if (finite) {
                active[kept++] = m;
            } else {
                failure[m] = String.format("the vector field is not finite at the start (t = %.6g)", t[m]);
            }
        }
        return kept;
    }

    private static double sq(double v) {
        return v * v;
    }

    private static final class Counter {
        long memberEvaluations;
        int calls;
    }

    /** Stage storage for every member plus compact buffers for the active ones. */
    private static final class Work {
        final int d;
        final double[][] k;
        final double[] yNew;
        final double[] tc;
        final double[] yc;
        final double[] kc;

        Work(int members, int d) {
            this.d = d;
            k = new double[7][members * d];
            yNew = new double[members * d];
            tc = new double[members];
            yc = new double[members * d];
            kc = new double[members * d];
        }
    }
}
