package org.diffusionplayground.model.schedule;

import java.util.random.RandomGenerator;

/**
 * A linear forward SDE {@code dx = f(x,t) dt + g(t) dw} with {@code f = κ(t) x} (MATH.md §1).
 *
 * <p>Conventions used everywhere in the app: time runs over {@code [tMin, tMax]}; data sits at
 * {@code t = tMin} (the paper's "t = 0"), noise at {@code t = tMax = T}. The transition kernel is
 * closed-form, {@code x_t | x_0 ~ N(α_t x_0, σ_t² I)}, and it fixes the drift and diffusion:
 * <pre>
 *   κ(t) = d log α / dt,     g(t)² = dσ²/dt − 2 κ(t) σ².
 * </pre>
 * The prior {@code q_T} is the isotropic Gaussian {@code N(0, priorVariance · I)}. All log-densities
 * are in nats, in the data's own coordinates, for the dimension {@link #DIM} = 2.
 */
public interface Schedule {

    /** The space the app lives in. */
    int DIM = 2;

    ScheduleSpec spec();

    /** Data end of the time interval (the likelihood is evaluated here). */
    double tMin();

    /** Noise end of the time interval, T. */
    double tMax();

    /** Signal scale α_t of the transition kernel. */
    double alpha(double t);

    /** Noise scale σ_t of the transition kernel. */
    double sigma(double t);

    /** κ(t) = d log α_t / dt, so that the drift is f(x,t) = κ(t) x. */
    double kappa(double t);

    /** g(t)², the squared diffusion coefficient. */
    double g2(double t);

    /** Variance of the isotropic Gaussian prior q_T. */
    double priorVariance();

    default String name() {
        return spec().kind().name();
    }

    default double g(double t) {
        return Math.sqrt(g2(t));
    }

    /** dα/dt = κ α. */
    default double alphaDot(double t) {
        return kappa(t) * alpha(t);
    }

    /** dσ/dt, from g² = dσ²/dt − 2κσ²: σ' = (g² + 2κσ²)/(2σ). */
    default double sigmaDot(double t) {
        double s = sigma(t);
        return (g2(t) + 2 * kappa(t) * s * s) / (2 * s);
    }

    default double variance(double t) {
        double s = sigma(t);
        return s * s;
    }

    /** log q_T(x) of the prior N(0, v I) in two dimensions. */
    default double priorLogDensity(double x, double y) {
        double v = priorVariance();
        return -Math.log(2 * Math.PI * v) - (x * x + y * y) / (2 * v);
    }

    /** Fills {@code xy} (interleaved x,y pairs) with independent draws from the prior. */
    default void samplePrior(double[] xy, RandomGenerator rng) {
        double s = Math.sqrt(priorVariance());
        for (int i = 0; i < xy.length; i++) {
            xy[i] = s * rng.nextGaussian();
        }
    }

    /**
     * Exact forward marginal sample x_t = α_t x_0 + σ_t ε, written into {@code out}; {@code eps}
     * receives the noise when it is not null (training needs it as the regression target).
     */
    default void sampleMarginal(double t, double[] x0, double[] out, double[] eps, RandomGenerator rng) {
        double a = alpha(t);
        double s = sigma(t);
        for (int i = 0; i < x0.length; i++) {
            double e = rng.nextGaussian();
            if (eps != null) {
                eps[i] = e;
            }
            out[i] = a * x0[i] + s * e;
        }
    }
}
