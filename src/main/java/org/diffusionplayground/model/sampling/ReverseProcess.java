package org.diffusionplayground.model.sampling;

import java.util.Locale;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;

/**
 * The 𝔥-family of reverse processes (Hirono, Tanaka & Fukushima, ICML 2024; MATH.md §3), derived once from any forward schedule and
 * any score:
 * <pre>
 *   dx = F_𝔥(x,t) dt + √𝔥 g(t) dw̄,    F_𝔥 = f − ((1+𝔥)/2) g² s_θ,
 * </pre>
 * integrated from t = T down to t_min. 𝔥 = 0 is the probability-flow ODE, 𝔥 = 1 the reverse SDE,
 * 𝔥 = 2 the f − (3/2)g²s sampler. The ODE and the SDE are two values of 𝔥, not two classes.
 */
public record ReverseProcess(Schedule schedule, ScoreModel score, double h) {

    /**
     * Largest 𝔥 accepted anywhere: the window, presets, the command line and the model itself. At 𝔥 = 10
     * the sampler's noise variance is ten times the reverse SDE's, far past the range the paper studies
     * (MATH.md §3), and an Euler–Maruyama step is dominated by its noise.
     */
    public static final double MAX_H = 10.0;

    public ReverseProcess {
        if (schedule == null || score == null) {
            throw new IllegalArgumentException("a reverse process needs a schedule and a score");
        }
        requireValidH(h);
    }

    /** What is wrong with 𝔥, in words for the user, or null when 0 ≤ 𝔥 ≤ {@link #MAX_H}. */
    public static String problemWithH(double h) {
        if (Double.isNaN(h)) {
            return "𝔥 must be a number";
        }
        if (h < 0) {
            return "𝔥 must be ≥ 0 (𝔥 = 0 is the probability-flow ODE)";
        }
        if (h > MAX_H) {
            return String.format(Locale.ROOT, "𝔥 must be at most %.0f", MAX_H);
        }
        return null;
    }

    /** Rejects what {@link #problemWithH} finds wrong, with its message. */
    public static void requireValidH(double h) {
        String problem = problemWithH(h);
        if (problem != null) {
            throw new IllegalArgumentException(problem + ", got " + h);
        }
    }

    /** The probability-flow ODE of the same score: 𝔥 = 0. */
    public ReverseProcess probabilityFlow() {
        return new ReverseProcess(schedule, score, 0.0);
    }

    public ReverseProcess withH(double newH) {
        return new ReverseProcess(schedule, score, newH);
    }

    /** √𝔥 g(t), the diffusion coefficient of the reverse SDE. */
    public double diffusion(double t) {
        return Math.sqrt(h * schedule.g2(t));
    }

    /**
     * F_𝔥(x,t) at n points, all at time t, into {@code out}; {@code scoreOut} receives s_θ (callers
     * such as the Langevin corrector and the Tweedie lens reuse it) and may be {@code out} itself
     * only if the score is not needed afterwards.
     */
    public void drift(double t, double[] xy, int n, double[] out, double[] scoreOut) {
        score.score(t, xy, n, scoreOut);
        double kappa = schedule.kappa(t);
        double c = 0.5 * (1 + h) * schedule.g2(t);
        for (int i = 0; i < 2 * n; i++) {
            out[i] = kappa * xy[i] - c * scoreOut[i];
        }
    }

    /**
     * The Tweedie denoiser D = (x + σ_t² s_θ(x, t)) / α_t at n points, all at time t, into {@code out} (not
     * {@code xy}): the data point the score points to, the quantity DDIM and the DPM-Solvers extrapolate
     * (docs/MATH.md §3.1).
     */
    public void denoise(double t, double[] xy, int n, double[] out) {
        score.score(t, xy, n, out);
        double alpha = schedule.alpha(t);
        double variance = schedule.variance(t);
        for (int i = 0; i < 2 * n; i++) {
            out[i] = (xy[i] + variance * out[i]) / alpha;
        }
    }

    /**
     * The exact transition of the 𝔥-process from t down to s &lt; t when the denoiser
     * D(x, u) = (x + σ_u² s_θ(x, u)) / α_u is a given linear function of ℓ = log(α/σ) over the step,
     * D(ℓ) = D_t + (ℓ − ℓ_t) D′ (docs/MATH.md §3.1). Written through D, the score is −x/σ² + αD/σ², so F_𝔥 is
     * linear in x up to the input D; since g² = −2σ² dℓ/du the linear SDE integrates in closed form to
     * <pre>
     *   x_s = (α_s/α_t) e^{−cδ} x_t + α_s (1 − e^{−cδ}) D_t + α_s (δ − (1 − e^{−cδ})/c) D′ + σ_s √(1 − e^{−2𝔥δ}) z,
     *   c = 1 + 𝔥,   δ = ℓ_s − ℓ_t &gt; 0.
     * </pre>
     * With D′ = 0 this is DDIM / DPM-Solver++(1) at 𝔥 = 0 and SDE-DPM-Solver++(1) at 𝔥 = 1 (Lu et al. 2022).
     */
    public Transition exponentialTransition(double t, double s) {
        double c = 1 + h;
        double as = schedule.alpha(s);
        double delta = TimeGrid.logSnr(schedule, s) - TimeGrid.logSnr(schedule, t);
        double gain = -Math.expm1(-c * delta); // 1 − e^{−cδ}, accurate for small δ
        return new Transition(as / schedule.alpha(t) * Math.exp(-c * delta), as * gain, as * (delta - gain / c),
                schedule.sigma(s) * Math.sqrt(-Math.expm1(-2 * h * delta)), delta);
    }

    /**
     * One step x_s = x · x_t + denoiser · D_t + slope · D′ + noise · z of an exponential integrator, over a
     * log-SNR interval {@code delta}.
     */
    public record Transition(double x, double denoiser, double slope, double noise, double delta) {
    }

    /** F_𝔥 with one time per point. */
    public void drift(double[] t, double[] xy, int n, double[] out, double[] scoreOut) {
        score.score(t, xy, n, scoreOut);
        for (int i = 0; i < n; i++) {
            double kappa = schedule.kappa(t[i]);
            double c = 0.5 * (1 + h) * schedule.g2(t[i]);
            out[2 * i] = kappa * xy[2 * i] - c * scoreOut[2 * i];
            out[2 * i + 1] = kappa * xy[2 * i + 1] - c * scoreOut[2 * i + 1];
        }
    }
}
