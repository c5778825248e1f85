package org.diffusionplayground.model.likelihood;

import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.ScoreJets;

/**
 * The density q_T at the end of the probability flow, where the likelihood's passes start their
 * terminal values (MATH.md §4–§5): log q₀⁰(x₀) = log q_T(x_T) + ℓ(T), and the backward pass starts from
 * ∇ log q_T and ∇∇ log q_T at x_T.
 *
 * <p>The app samples from the schedule's Gaussian prior, so that is the density of every likelihood it
 * reports ({@link #prior}). An exact-score oracle uses the data's own diffused density p_T instead
 * ({@link #diffused}): then the PF density is p_t at every t, log q₀⁰ = log p_{t_min} exactly and C ≡ 0
 * for every point, with no prior mismatch to allow for.
 */
public interface TerminalDensity {

    /** log q_T(x, y), in nats. */
    double logDensity(double x, double y);

    /** ∇ log q_T and ∇∇ log q_T at (x, y) into {@code out[0..4]} as (gx, gy, hxx, hxy, hyy). */
    void derivatives(double x, double y, double[] out);

    /** The schedule's prior N(0, vI): ∇ log q_T = −x/v, ∇∇ log q_T = −I/v. */
    static TerminalDensity prior(Schedule schedule) {
        double v = schedule.priorVariance();
        return new TerminalDensity() {
            @Override
            public double logDensity(double x, double y) {
                return schedule.priorLogDensity(x, y);
            }

            @Override
            public void derivatives(double x, double y, double[] out) {
                out[0] = -x / v;
                out[1] = -y / v;
                out[2] = -1 / v;
                out[3] = 0;
                out[4] = -1 / v;
            }
        };
    }

    /** The diffused mixture p_T itself: its exact log-density, score and score Jacobian at T. */
    static TerminalDensity diffused(MixtureScore exact) {
        double tMax = exact.schedule().tMax();
        return new TerminalDensity() {
            @Override
            public double logDensity(double x, double y) {
                return exact.logDensity(tMax, x, y);
            }

            @Override
            public void derivatives(double x, double y, double[] out) {
                ScoreJets jets = new ScoreJets(1);
                exact.jets(new double[] {tMax}, new double[] {x, y}, 1, 1, jets);
                out[0] = jets.value(0, 0);
                out[1] = jets.value(0, 1);
                out[2] = jets.jacobian(0, 0, 0);
                out[3] = 0.5 * (jets.jacobian(0, 0, 1) + jets.jacobian(0, 1, 0));
                out[4] = jets.jacobian(0, 1, 1);
            }
        };
    }
}
