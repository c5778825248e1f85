package org.diffusionplayground.model.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.sampling.ForwardNoising;
import org.diffusionplayground.model.util.Cancellation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScheduleTest {

    @ParameterizedTest
    @EnumSource(ScheduleKind.class)
    void diffusionMatchesTheTransitionKernelByFiniteDifferences(ScheduleKind kind) {
        // MATH.md §1: g² = dσ²/dt − 2 (d log α/dt) σ² and κ = d log α / dt
        Schedule s = ScheduleSpec.of(kind).build();
        double h = 1e-6;
        for (int i = 1; i < 10; i++) {
            double t = s.tMin() + (s.tMax() - s.tMin()) * i / 10.0;
            double dVar = (s.variance(t + h) - s.variance(t - h)) / (2 * h);
            double dLogAlpha = (Math.log(s.alpha(t + h)) - Math.log(s.alpha(t - h))) / (2 * h);
            assertEquals(dLogAlpha, s.kappa(t), 1e-6 * (1 + Math.abs(dLogAlpha)), kind + " κ at t = " + t);
            double g2 = dVar - 2 * dLogAlpha * s.variance(t);
            assertEquals(g2, s.g2(t), 1e-5 * (1 + Math.abs(g2)), kind + " g² at t = " + t);
        }
    }

    @ParameterizedTest
    @EnumSource(ScheduleKind.class)
    void simulatedForwardSdeHasTheClosedFormMarginal(ScheduleKind kind) {
        // Euler–Maruyama with fine steps from a point mass x₀ reaches N(α_T x₀ / α_{t_min}, ...): compare the
        // mean and variance at T with the transition kernel between t_min and T, within Monte-Carlo error.
        Schedule s = ScheduleSpec.of(kind).build();
        int n = 10_000;
        // COSINE and LINEAR are stiff near T (g² ≈ 2000)
        int steps = kind == ScheduleKind.COSINE || kind == ScheduleKind.LINEAR ? 8_000 : 2_000;
        double x0 = 0.7;
        double y0 = -1.3;
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = x0;
            xy[2 * i + 1] = y0;
        }
        new ForwardNoising(s).simulate(xy, n, steps, new CounterNormal(3), (k, t, p, c) -> { }, Cancellation.NEVER);
        // between t_min and T: mean ratio α_T/α_min, variance σ_T² − (α_T/α_min)² σ_min²
        double ratio = s.alpha(s.tMax()) / s.alpha(s.tMin());
        double var = s.variance(s.tMax()) - ratio * ratio * s.variance(s.tMin());
        double mx = 0;
        double vx = 0;
        for (int i = 0; i < n; i++) {
            mx += xy[2 * i];
        }
        mx /= n;
        for (int i = 0; i < n; i++) {
            vx += (xy[2 * i] - mx) * (xy[2 * i] - mx);
        }
        vx /= n - 1;
        double seMean = Math.sqrt(var / n);
        double seVar = var * Math.sqrt(2.0 / (n - 1));
        assertEquals(ratio * x0, mx, 4 * seMean + 1e-3 * Math.abs(x0), kind + " mean");
        assertEquals(var, vx, 4 * seVar + 2e-3 * var, kind + " variance");
    }
}
