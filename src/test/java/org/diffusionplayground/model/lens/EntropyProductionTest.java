package org.diffusionplayground.model.lens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.Estimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Entropy production of the forward process (MATH.md §7.3): the rate against its closed form, the
 * second law, and the integral fluctuation theorem on sampled paths.
 */
class EntropyProductionTest {

    private static MixtureScore twoModes(Schedule s, double std) {
        GaussianMixture m = new GaussianMixture(new double[] {0.6, 0.4}, new double[] {-1, 0.2, 1, -0.3},
                new double[] {std * std, std * std});
        return new MixtureScore(m, s, "two modes");
    }

    @ParameterizedTest
    @EnumSource(ScheduleKind.class)
    void rateMatchesTheClosedFormForAGaussian(ScheduleKind kind) {
        // p_t = N(0, V I), V = α² v₀ + σ²: J/p = (κ + g²/(2V)) x, so Ṡ = (2/g²)(κ + g²/(2V))² · 2V
        Schedule s = ScheduleSpec.of(kind).build();
        double v0 = 0.3;
        MixtureScore single = new MixtureScore(new GaussianMixture(new double[] {1}, new double[] {0, 0},
                new double[] {v0}), s, "N(0, 0.3)");
        EntropyProduction ep = new EntropyProduction(single, 20_000, 3);
        for (double t : new double[] {s.tMin(), 0.05, 0.3, 0.7}) {
            double v = s.alpha(t) * s.alpha(t) * v0 + s.variance(t);
            double drift = s.kappa(t) + s.g2(t) / (2 * v);
            double exact = 2 / s.g2(t) * drift * drift * 2 * v;
            Estimate rate = ep.rate(t);
            assertTrue(rate.mean() >= 0);
            assertEquals(exact, rate.mean(), 4 * rate.standardError() + 1e-12, kind + " t = " + t);
        }
    }

    @Test
    void meanPathEntropyEqualsTheIntegratedRate() {
        // second law in its integrated form: ⟨Δs⟩ over paths = ∫ Ṡ dt ≥ 0, two independent estimates.
        // The quadrature (24 panels × 8 Gauss points) agrees with 48 panels to < 1e-6 relative, so the
        // tolerance is Monte-Carlo only: 4 combined standard errors.
        for (ScheduleKind kind : new ScheduleKind[] {ScheduleKind.SIMPLE, ScheduleKind.SUB_VP}) {
            Schedule s = ScheduleSpec.of(kind).build();
            MixtureScore exact = twoModes(s, 0.5);
            double ta = kind == ScheduleKind.SUB_VP ? 0.1 : s.tMin();
            Estimate integral = new EntropyProduction(exact, 20_000, 5).integral(ta, s.tMax(), 24);
            FluctuationCheck paths = new PathEntropy(exact).sample(ta, s.tMax(), 200, 40_000, 6, 0, Cancellation.NEVER)
                    .check();
            double tol = 4 * Math.hypot(integral.standardError(), paths.total().standardError());
            assertEquals(integral.mean(), paths.total().mean(), tol, kind.toString());
            assertTrue(integral.mean() > 10 * integral.standardError(), "entropy is produced: " + integral);
        }
    }

    @Test
    void integralFluctuationTheoremHoldsWithExactDensities() {
        // ⟨e^{−Δs}⟩ = 1 within 4 standard errors. Data broad enough (component variance 0.64 > ½) that
        // e^{−Δs} has a finite variance, so the standard error means something; the effective sample
        // size confirms it. SIMPLE (c = 2κ/g² ≡ −1: no discretisation error) and sub-VP (c varies: the
        // Stratonovich midpoint rule on 200 geometric steps, from t = 0.1 where c is moderate).
        for (ScheduleKind kind : new ScheduleKind[] {ScheduleKind.SIMPLE, ScheduleKind.SUB_VP}) {
            Schedule s = ScheduleSpec.of(kind).build();
            double ta = kind == ScheduleKind.SUB_VP ? 0.1 : s.tMin();
            PathEntropy.Run run = new PathEntropy(twoModes(s, 0.8)).sample(ta, s.tMax(), 200, 40_000, 7, 0,
                    Cancellation.NEVER);
            FluctuationCheck check = run.check();
            assertTrue(check.reliable(), "ESS " + check.effectiveSampleSize() + ", k̂ " + check.tailIndex());
            assertEquals(1.0, check.exponential().mean(), 4 * check.exponential().standardError(), kind.toString());
            // individual paths do consume entropy — and must, for the average of e^{−Δs} to be 1
            assertTrue(check.entropyConsuming() > 0.05 && check.entropyConsuming() < 0.5,
                    "fraction with Δs < 0: " + check.entropyConsuming());
        }
    }

    @Test
    void vpMediumEntropyIsTheChangeOfTheGaussianPotential() {
        // for VP schedules 2κ/g² ≡ −1, so Δs_m = (|x_a|² − |x_b|²)/2 exactly: check it on the kept paths'
        // running totals, which include the system part −ln p_t evaluated independently
        Schedule s = ScheduleSpec.of(ScheduleKind.VP_LINEAR).build();
        MixtureScore exact = twoModes(s, 0.4);
        PathEntropy.Run run = new PathEntropy(exact).sample(s.tMin(), s.tMax(), 50, 200, 8, 200, Cancellation.NEVER);
        double[] total = run.total();
        int last = run.times().length - 1;
        for (int i = 0; i < run.paths(); i++) {
            assertEquals(total[i], run.running()[i * run.times().length + last], 1e-4 * (1 + Math.abs(total[i])));
            assertEquals(0.0, run.running()[i * run.times().length], 1e-6, "Δs starts at 0");
        }
    }

    @Test
    void narrowDataMakesTheFluctuationTheoremEstimateUnreliable() {
        // component variance 0.01 ≪ ½: e^{−Δs} has infinite variance and a handful of rare paths carry the
        // mean — the check must say so rather than print a confident interval
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        FluctuationCheck check = new PathEntropy(twoModes(s, 0.1)).sample(s.tMin(), s.tMax(), 50, 20_000, 9, 0,
                Cancellation.NEVER).check();
        assertTrue(check.tailIndex() > 0.7, "k̂ " + check.tailIndex());
        assertFalse(check.reliable());
        assertTrue(check.total().mean() > 1, "a lot of entropy is produced: " + check.total());
    }
}
