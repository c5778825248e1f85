package org.diffusionplayground.model.lens;

import java.util.SplittableRandom;
import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.util.Estimate;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * The entropy-production rate of the forward process (MATH.md §7.3). Forward Fokker–Planck
 * ∂_t p = −∇·J with J = f p − (g²/2)∇p; at temperature g²/2 and unit mobility
 * <pre>
 *   Ṡ(t) = ∫ |J|² / ((g²/2) p) dx = (2/g²) E_{p_t} ‖v(x, t)‖²,    v = J/p = f − (g²/2)∇log p_t,
 * </pre>
 * and v is exactly the probability-flow velocity with the true score, so it is computed by the one
 * PF-ODE drift of {@link ReverseProcess} at 𝔥 = 0 with the exact mixture score.
 *
 * <p><b>How the expectation is estimated.</b> By Monte Carlo over exact samples of p_t,
 * x_t = α_t x₀ + σ_t ε with x₀ drawn from the mixture, rather than by quadrature on a grid: the toy
 * mixtures have components of standard deviation 0.02 at t_min, which a grid over the plane would need
 * ~10⁵–10⁶ nodes per t to resolve, while samples of p_t sit where the mass is at any t and any width
 * and carry an honest standard error. The same (x₀, ε) serve every t (common random numbers), so a
 * curve Ṡ(t) is smooth and its time integral has a per-sample standard error.
 */
public final class EntropyProduction {

    /** Gauss–Legendre points per panel of the time integral. */
    private static final int GAUSS_POINTS = 8;

    private final MixtureScore exact;
    private final Schedule schedule;
    private final ReverseProcess flow;
    private final int n;
    private final double[] x0;
    private final double[] eps;

    /**
     * @param exact   the exact score of the data mixture (its schedule is the forward process)
     * @param samples Monte-Carlo samples per time
     * @param seed    seeds x₀ and ε
     */
    public EntropyProduction(MixtureScore exact, int samples, long seed) {
        if (samples < 2 || samples > 10_000_000) {
            throw new IllegalArgumentException("entropy production needs between 2 and 10⁷ samples, got " + samples);
        }
        this.exact = exact;
        this.schedule = exact.schedule();
        this.flow = new ReverseProcess(schedule, exact, 0.0);
        this.n = samples;
        SplittableRandom rng = new SplittableRandom(seed);
        GaussianMixture m = exact.mixture();
        this.x0 = m.sample(samples, rng).toArray();
        this.eps = new double[2 * samples];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = rng.nextGaussian();
        }
    }

    public Schedule schedule() {
        return schedule;
    }

    /** The per-sample terms (2/g²)‖v(x_t^i, t)‖² of Ṡ(t), into {@code out[0..n)}. */
    private void terms(double t, double[] xt, double[] v, double[] s, double[] out) {
        double a = schedule.alpha(t);
        double sigma = schedule.sigma(t);
        for (int i = 0; i < 2 * n; i++) {
            xt[i] = a * x0[i] + sigma * eps[i];
        }
        flow.drift(t, xt, n, v, s);
        double c = 2 / schedule.g2(t);
        for (int i = 0; i < n; i++) {
            out[i] = c * (v[2 * i] * v[2 * i] + v[2 * i + 1] * v[2 * i + 1]);
        }
    }

    /** Ṡ(t) in nats per unit time, with its Monte-Carlo standard error. */
    public Estimate rate(double t) {
        double[] out = new double[n];
        terms(t, new double[2 * n], new double[2 * n], new double[2 * n], out);
        return Estimate.of(out);
    }

    /** Ṡ at each time (means; one set of samples for all, so the curve is smooth). */
    public double[] rates(double[] times) {
        double[] xt = new double[2 * n];
        double[] v = new double[2 * n];
        double[] s = new double[2 * n];
        double[] out = new double[n];
        double[] r = new double[times.length];
        for (int j = 0; j < times.length; j++) {
            terms(times[j], xt, v, s, out);
            double sum = 0;
            for (double o : out) {
                sum += o;
            }
            r[j] = sum / n;
        }
        return r;
    }

    /**
     * ∫_{ta}^{tb} Ṡ dt, the mean total entropy produced between the two times (second law: ≥ 0), by
     * composite Gauss–Legendre (8 points per panel) on panels graded geometrically toward ta — Ṡ behaves
     * like g²/(α²v + σ²) and is steepest at small t. The standard error comes from the per-sample time
     * integrals (common random numbers).
     */
    public Estimate integral(double ta, double tb, int panels) {
        if (!(tb > ta) || panels < 1) {
            throw new IllegalArgumentException("need ta < tb and at least one panel");
        }
        double[] perSample = new double[n];
        double[] xt = new double[2 * n];
        double[] v = new double[2 * n];
        double[] s = new double[2 * n];
        double[] out = new double[n];
        double[] edges = geometricGrid(ta, tb, panels);
        GaussIntegratorFactory factory = new GaussIntegratorFactory();
        for (int p = 0; p < panels; p++) {
            GaussIntegrator rule = factory.legendre(GAUSS_POINTS, edges[p], edges[p + 1]);
            for (int q = 0; q < rule.getNumberOfPoints(); q++) {
                terms(rule.getPoint(q), xt, v, s, out);
                double w = rule.getWeight(q);
                for (int i = 0; i < n; i++) {
                    perSample[i] += w * out[i];
                }
            }
        }
        return Estimate.of(perSample);
    }

    /**
     * {@code panels + 1} times from ta to tb, geometric when ta &gt; 0 (uniform otherwise): fine where the
     * entropy production is steep, at small t.
     */
    public static double[] geometricGrid(double ta, double tb, int panels) {
        double[] e = new double[panels + 1];
        for (int p = 0; p <= panels; p++) {
            double u = (double) p / panels;
            e[p] = ta > 0 ? ta * Math.pow(tb / ta, u) : ta + (tb - ta) * u;
        }
        e[0] = ta;
        e[panels] = tb;
        return e;
    }

    /** The exact score this rate is computed with. */
    public MixtureScore exactScore() {
        return exact;
    }
}
