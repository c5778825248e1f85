package org.diffusionplayground.model.reference;

import java.util.SplittableRandom;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreJets;
import org.diffusionplayground.model.score.ScoreModel;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * Test oracle 1 of MATH.md §6: data N(0, v₀ I), a VP schedule and a deliberately wrong linear score
 * s(x,t) = −x / c(t) with c = α² v₁ + λ σ². Every 𝔥-process density stays Gaussian,
 * q_t^𝔥 = N(0, V_𝔥(t) I), with
 * <pre>
 *   dV/dt = 2κ V + (1+𝔥) g² V / c − 𝔥 g²,    V(T) = prior variance,
 * </pre>
 * solved backward to t_min. Then log q₀^𝔥(x) = −log(2π V) − ‖x‖²/(2V) exactly (d = 2), and the WKB
 * coefficient C = ∂/∂𝔥 log q₀^𝔥 at 𝔥 = 0 follows from W = ∂V/∂𝔥, which obeys the 𝔥-derivative of the
 * same equation: dW/dt = 2κW + g²W/c + g²V/c − g² (at 𝔥 = 0), W(T) = 0.
 *
 * <p>Beware (MATH.md §6.1): λ = 1 makes the model the exact score of the diffused N(0, v₁), i.e. of its
 * own PF density, so C ≡ 0; λ ≠ 1 breaks that.
 */
public final class GaussianOracle {

    private static final double TOLERANCE = 1e-13;

    private final Schedule schedule;
    private final double v0;
    private final double v1;
    private final double lambda;

    public GaussianOracle(Schedule schedule, double v0, double v1, double lambda) {
        if (!(v0 > 0) || !(v1 > 0) || !(lambda > 0)) {
            throw new IllegalArgumentException("oracle variances and λ must be positive");
        }
        this.schedule = schedule;
        this.v0 = v0;
        this.v1 = v1;
        this.lambda = lambda;
    }

    public Schedule schedule() {
        return schedule;
    }

    public double dataVariance() {
        return v0;
    }

    /** c(t) = α² v₁ + λ σ²: the model believes the marginal variance is c. */
    public double c(double t) {
        double a = schedule.alpha(t);
        return a * a * v1 + lambda * schedule.variance(t);
    }

    /** The linear model score s = −x / c(t), with exact jets (J = −I/c, no higher terms). */
    public ScoreModel score() {
        return new ScoreModel() {
            @Override
            public void score(double t, double[] xy, int n, double[] out) {
                double inv = 1 / c(t);
                for (int i = 0; i < 2 * n; i++) {
                    out[i] = -xy[i] * inv;
                }
            }

            @Override
            public void score(double[] t, double[] xy, int n, double[] out) {
                for (int i = 0; i < n; i++) {
                    double inv = 1 / c(t[i]);
                    out[2 * i] = -xy[2 * i] * inv;
                    out[2 * i + 1] = -xy[2 * i + 1] * inv;
                }
            }

            @Override
            public void jets(double[] t, double[] xy, int n, int order, ScoreJets out) {
                out.ensureCapacity(n);
                double[] d = out.data();
                for (int i = 0; i < n; i++) {
                    int b = i * ScoreJets.STRIDE;
                    java.util.Arrays.fill(d, b, b + ScoreJets.STRIDE, 0.0);
                    double inv = 1 / c(t[i]);
                    d[b] = -xy[2 * i] * inv;
                    d[b + 1] = -xy[2 * i + 1] * inv;
                    d[b + ScoreJets.JACOBIAN] = -inv;
                    d[b + ScoreJets.JACOBIAN + 3] = -inv;
                }
            }

            @Override
            public String describe() {
                return "linear oracle score −x/(α²·" + v1 + " + " + lambda + "·σ²)";
            }
        };
    }

    /** {V_𝔥(t_min), W(t_min)} with W = ∂V/∂𝔥 evaluated at this 𝔥. */
    private double[] solve(double h) {
        return solve(h, schedule.tMin());
    }

    /** {V_𝔥(t), W(t)}, integrated backward from T. */
    private double[] solve(double h, double tEnd) {
        if (tEnd >= schedule.tMax()) {
            return new double[] {schedule.priorVariance(), 0.0};
        }
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 2;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double kappa = schedule.kappa(t);
                double g2 = schedule.g2(t);
                double cc = c(t);
                double v = y[0];
                double w = y[1];
                double dv = 2 * kappa * v + (1 + h) * g2 * v / cc - h * g2;
                double dw = 2 * kappa * w + (1 + h) * g2 * w / cc + g2 * v / cc - g2;
                return new double[] {dv, dw};
            }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-12, 1.0, TOLERANCE, TOLERANCE);
        ODEState end = integrator.integrate(ode,
                new ODEState(schedule.tMax(), new double[] {schedule.priorVariance(), 0.0}), tEnd);
        return end.getPrimaryState();
    }

    /** V_𝔥(t_min): the variance of the 𝔥-model's samples in each coordinate. */
    public double modelVariance(double h) {
        return solve(h)[0];
    }

    /** V_𝔥(t): the variance of the 𝔥-process density q_t^𝔥 = N(0, V I) at any t in [t_min, T]. */
    public double modelVariance(double h, double t) {
        return solve(h, Math.max(schedule.tMin(), t))[0];
    }

    /** Exact log q₀^𝔥(x, y) in nats. */
    public double logDensity(double h, double x, double y) {
        double v = modelVariance(h);
        return -Math.log(2 * Math.PI * v) - (x * x + y * y) / (2 * v);
    }

    /** Exact first-order coefficient C(x) = ∂/∂𝔥 log q₀^𝔥(x) at 𝔥 = 0. */
    public double correction(double x, double y) {
        double[] vw = solve(0.0);
        double v = vw[0];
        double w = vw[1];
        return -w / v + (x * x + y * y) * w / (2 * v * v);
    }

    /** n data points from N(0, v₀ I), seeded. */
    public PointSet sampleData(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] xy = new double[2 * n];
        double s = Math.sqrt(v0);
        for (int i = 0; i < xy.length; i++) {
            xy[i] = s * rng.nextGaussian();
        }
        return PointSet.of(xy);
    }
}
