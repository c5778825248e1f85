package org.diffusionplayground.model.lens;

import java.util.SplittableRandom;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.sampling.ForwardNoising;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.util.Cancellation;

/**
 * Stochastic thermodynamics of single forward paths (Seifert 2005; MATH.md §7.3). Along a
 * path of dx = f dt + g dw from t_a to t_b, at temperature g²/2:
 * <pre>
 *   medium entropy   Δs_m   = ∫ (2/g²) f ∘ dx                 (Stratonovich: heat into the bath / temperature)
 *   system entropy   Δs_sys = ln p_{t_a}(x_{t_a}) − ln p_{t_b}(x_{t_b})
 *   total            Δs     = Δs_m + Δs_sys,       ⟨e^{−Δs}⟩ = 1,   ⟨Δs⟩ = ∫ Ṡ dt ≥ 0,
 * </pre>
 * with the exact densities p_t of the diffused mixture. The integral fluctuation theorem holds path by
 * path in expectation: individual paths may consume entropy (Δs &lt; 0), and those rare paths carry the
 * average of e^{−Δs}.
 *
 * <p><b>Discretisation.</b> Paths are drawn with the exact transition kernel between grid times
 * ({@link ForwardNoising#exactPaths}), so the path law has no step error; the medium entropy uses the
 * Stratonovich midpoint rule (2/g²(t_m)) f(x_m, t_m)·Δx, t_m and x_m the step's midpoints. Since
 * f = κ x, f(x_m)·Δx = κ (|x_{k+1}|² − |x_k|²)/2 exactly, so the only error is from c(t) = 2κ/g² varying
 * within a step: none for VP schedules (c ≡ −1: Δs_m = (|x_a|² − |x_b|²)/2) and VE (c ≡ 0), O(Δt²)
 * per step for sub-VP, whose c = −1/(1 − e^{−2∫β}) is steep at small t — the grid is therefore
 * geometric in t when t_a &gt; 0.
 */
public final class PathEntropy {

    /** Most paths per run: 10⁷ paths of two doubles each is already 160 MB of positions. */
    public static final int MAX_PATHS = 10_000_000;

    private final MixtureScore exact;
    private final Schedule schedule;

    public PathEntropy(MixtureScore exact) {
        this.exact = exact;
        this.schedule = exact.schedule();
    }

    /**
     * Per-path entropies of one forward run.
     *
     * @param times   the grid, t_a = times[0] &lt; ... &lt; t_b
     * @param medium  Δs_m per path
     * @param system  Δs_sys per path
     * @param running cumulative Δs(t) of the first {@code kept} paths at every grid time, path-major
     *                ({@code running[p * times.length + k]})
     */
    public record Run(double[] times, double[] medium, double[] system, int kept, float[] running) {

        public int paths() {
            return medium.length;
        }

        /** Δs = Δs_m + Δs_sys of every path. */
        public double[] total() {
            double[] s = new double[medium.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = medium[i] + system[i];
            }
            return s;
        }

        public FluctuationCheck check() {
            return FluctuationCheck.of(total());
        }
    }

    /**
     * Samples {@code n} forward paths from x_{t_a} ~ p_{t_a} (exact) to t_b in {@code steps} exact steps.
     *
     * @param keep how many paths keep their running Δs(t) for plotting
     */
    public Run sample(double ta, double tb, int steps, int n, long seed, int keep, Cancellation cancel) {
        if (!(ta >= schedule.tMin()) || !(tb <= schedule.tMax()) || !(tb > ta)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "entropy paths need t_min ≤ t_a < t_b ≤ T, got [%g, %g]", ta, tb));
        }
        if (n < 1 || n > MAX_PATHS) {
            throw new IllegalArgumentException("number of paths must be between 1 and " + MAX_PATHS + ", got " + n);
        }
        double[] times = EntropyProduction.geometricGrid(ta, tb, steps);
        double[] xy = new double[2 * n];
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x0 = exact.mixture().sample(n, rng).toArray();
        double a = schedule.alpha(ta);
        double s = schedule.sigma(ta);
        for (int i = 0; i < 2 * n; i++) {
            xy[i] = a * x0[i] + s * rng.nextGaussian();
        }
        double[] logStart = new double[n];
        for (int i = 0; i < n; i++) {
            logStart[i] = exact.logDensity(ta, xy[2 * i], xy[2 * i + 1]);
        }
        int kept = Math.min(keep, n);
        float[] running = new float[kept * times.length];
        double[] medium = new double[n];
        double[] previous = xy.clone();
        new ForwardNoising(schedule).exactPaths(times, xy, n, new CounterNormal(seed), (k, t, p, count) -> {
            if (k > 0) {
                double tm = 0.5 * (times[k - 1] + times[k]);
                double c = 2 / schedule.g2(tm);
                double kappa = schedule.kappa(tm);
                for (int i = 0; i < count; i++) {
                    double xm = 0.5 * (previous[2 * i] + p[2 * i]);
                    double ym = 0.5 * (previous[2 * i + 1] + p[2 * i + 1]);
                    double dx = p[2 * i] - previous[2 * i];
                    double dy = p[2 * i + 1] - previous[2 * i + 1];
                    medium[i] += c * kappa * (xm * dx + ym * dy);
                }
                System.arraycopy(p, 0, previous, 0, 2 * count);
            }
            for (int i = 0; i < kept; i++) {
                double sys = logStart[i] - exact.logDensity(t, p[2 * i], p[2 * i + 1]);
                running[i * times.length + k] = (float) (medium[i] + sys);
            }
        }, cancel);
        double[] system = new double[n];
        for (int i = 0; i < n; i++) {
            system[i] = logStart[i] - exact.logDensity(tb, xy[2 * i], xy[2 * i + 1]);
        }
        return new Run(times, medium, system, kept, running);
    }
}
