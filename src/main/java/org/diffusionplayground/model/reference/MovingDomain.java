package org.diffusionplayground.model.reference;

import org.diffusionplayground.model.schedule.Schedule;

/**
 * The Fokker–Planck grid's domain follows the forward marginals: at time t it is the data box scaled by
 * α_t plus a tail of K σ_t,
 * <pre>
 *   x = c(t) + B(t) ξ,   ξ ∈ [−1, 1]²,   c(t) = α_t c_data,   B(t) = α_t H_data + K σ_t   (per axis)
 * </pre>
 * so the same number of cells covers the prior N(0, I) at T (B ≈ K) and the thin data at t_min (B ≈ H),
 * and the prior's mass outside the domain at T is below 2·P(|z| > K) (4e-9 for K = 6). Time derivatives
 * from the schedule: α̇ = κα, σ̇ = (g² + 2κσ²)/(2σ) (from dσ²/dt = g² + 2κσ²).
 */
record MovingDomain(Schedule schedule, double cx, double cy, double hx, double hy, double tail) {

    static MovingDomain around(Schedule schedule, Region data, double tail) {
        return new MovingDomain(schedule, data.centreX(), data.centreY(), data.halfWidth(), data.halfHeight(), tail);
    }

    double centreX(double t) {
        return schedule.alpha(t) * cx;
    }

    double centreY(double t) {
        return schedule.alpha(t) * cy;
    }

    double halfX(double t) {
        return schedule.alpha(t) * hx + tail * schedule.sigma(t);
    }

    double halfY(double t) {
        return schedule.alpha(t) * hy + tail * schedule.sigma(t);
    }

    private double alphaDot(double t) {
        return schedule.kappa(t) * schedule.alpha(t);
    }

    private double sigmaDot(double t) {
        double s = schedule.sigma(t);
        return (schedule.g2(t) + 2 * schedule.kappa(t) * s * s) / (2 * s);
    }

    /** dc_x/dt. */
    double centreXDot(double t) {
        return alphaDot(t) * cx;
    }

    double centreYDot(double t) {
        return alphaDot(t) * cy;
    }

    /** dB_x/dt. */
    double halfXDot(double t) {
        return alphaDot(t) * hx + tail * sigmaDot(t);
    }

    double halfYDot(double t) {
        return alphaDot(t) * hy + tail * sigmaDot(t);
    }

    /** The domain at time t as a region of the plane. */
    Region region(double t) {
        double x = centreX(t);
        double y = centreY(t);
        double bx = halfX(t);
        double by = halfY(t);
        return new Region(x - bx, y - by, x + bx, y + by);
    }
}
