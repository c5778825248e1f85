package org.diffusionplayground.model.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.Parallel;
import org.diffusionplayground.model.util.ProgressListener;
import org.hipparchus.special.Erf;

/**
 * Exact reference 3 of MATH.md §6: the density q_t^𝔥 of the 𝔥-sampler for any score field, from the
 * Fokker–Planck equation on a grid, and with it the exact NLL(𝔥) = −E_data log q_{t_min}^𝔥.
 *
 * <h2>The equation</h2>
 * The sampler dx = F_𝔥 dt + √𝔥 g dw̄, F_𝔥 = f − ((1+𝔥)/2) g² s_θ, runs from T down to t_min. Its density
 * obeys (MATH.md §5: a continuity equation with velocity f_PF − (𝔥g²/2)(s_θ − ∇log q))
 * <pre>
 *   ∂_t q = −∇·(F_𝔥 q) − D Δq,      D = 𝔥 g²/2,
 * </pre>
 * which read in τ = −t (the direction the sampler runs) is a well-posed advection–diffusion equation,
 * ∂_τ q = −∇·(u q) + D Δq with u = −F_𝔥, started from the prior q_T and solved down to t_min.
 *
 * <h2>Splitting: what is implicit and why</h2>
 * In τ the velocity splits into the probability-flow part and the 𝔥 part:
 * <pre>
 *   ∂_τ q = ∇·(f_PF q)  +  ∇·( D (∇q − s_θ q) ),      f_PF = f − (g²/2) s_θ,   D = 𝔥 g²/2.
 *           (A: explicit)   (D: implicit)
 * </pre>
 * A is the same for every 𝔥: one velocity field per substep and one substep count serve all of them. It
 * goes to conservative finite differences with fifth-order upwind fluxes ({@link ConservativeGrid#advect})
 * and the third-order SSP Runge–Kutta scheme, substepped to Courant number ≤
 * {@link FokkerPlanckOptions#courant()}; near T, where g² ≈ 2000 for COSINE, f_PF = (g²/2)(x + s_θ) for a VP
 * schedule is small because s_θ ≈ −x there. D carries all the stiffness of the diffusion (an explicit step
 * would need Δτ ≲ Δx²/(4D) ≈ 10⁻⁸ at T) and goes to backward Euler with Scharfetter–Gummel fluxes of the
 * score ({@link ConservativeGrid#implicitDrift}): unconditionally stable, positive, conservative, and its
 * fixed point is exactly the density whose score s_θ is, so where s_θ is the true score the 𝔥 part leaves the
 * true density alone, as the equation does. That balance is what the first scheme lacked: it advected the
 * score explicitly with a limited second-order scheme whose numerical diffusion widened thin modes at 𝔥 = 0
 * and not at 𝔥 &gt; 0, a bias of −0.016 nats in NLL(1) − NLL(0) with the exact 25-gaussian score
 * (docs/results.md, "A Fokker–Planck reference with a stated error"). The parts alternate in Strang order
 * (½D, A, ½D) every macro step. The score is evaluated once per macro step and taken quadratic in λ
 * between macro levels, so the network cost does not depend on the Courant limit.
 *
 * <h2>Grid and error bar</h2>
 * The domain moves with the marginals ({@link MovingDomain}: data box × α_t + K σ_t), so the same cells
 * hold the prior at T and the thin data at t_min; in the reference coordinates ξ = (x − c)/B the density
 * q̃ = q B_x B_y obeys the same equation with velocity w = (u + ċ + Ḃξ)/B and diffusion D/B² (dots are
 * d/dt). The grid holds point values at the cell centres; it starts with {@code initialCells}² cells and
 * doubles (cubic interpolation, mass kept) whenever the density's Fisher width drops below
 * {@code cellsPerWidth} cells, up to {@code maxCells}². Macro steps are uniform in λ = log(σ²/α²), which is
 * fine near t_min (σ ∝ t) and near T for COSINE alike. With {@link FokkerPlanckOptions#errorEstimate()} the
 * whole solve is repeated at half the resolution (half the cells, twice the λ step, the same refinements)
 * and every NLL gets an error bar from the change ({@link FokkerPlanckResult.Marginal#gridError()}).
 *
 * <p>Walls carry zero flux, every update is a flux difference: total mass stays 1 to round-off
 * ({@link FokkerPlanckResult.Marginal#massError()}); mass piling up at the walls is reported
 * ({@link FokkerPlanckResult.Marginal#boundaryMass()}). Points outside the final domain, or where the
 * density underflows, are reported per point and left out of the mean, never silently NaN.
 */
public final class FokkerPlanckSolver {

    /** Most 𝔥 values per solve (each holds a density grid). */
    public static final int MAX_HS = 64;
    /** Memory the kept frames may take. */
    public static final long MAX_FRAME_BYTES = 1L << 30;
    /**
     * Density, relative to the peak, below which a cell holds no probability that matters (its mass is
     * below ~1e-12 of the peak cell's): its explicit speed may be clipped to the Courant limit.
     */
    static final double NEGLIGIBLE = 1e-12;
    /** Velocity bound margin: the score is linear in λ within a step, the coefficients nearly so. */
    private static final double CFL_MARGIN = 1.15;
    /** Share of the work the half-resolution run takes (¼ of the cells, ½ of the steps and substeps). */
    private static final double COARSE_SHARE = 1.0 / 9;

    private final Schedule schedule;
    private final ScoreModel score;
    private final FokkerPlanckOptions options;

    public FokkerPlanckSolver(Schedule schedule, ScoreModel score, FokkerPlanckOptions options) {
        if (schedule == null || score == null || options == null) {
            throw new IllegalArgumentException("the Fokker–Planck solver needs a schedule, a score and options");
        }
        this.schedule = schedule;
        this.score = score;
        this.options = options;
    }

    public FokkerPlanckOptions options() {
        return options;
    }

    /**
     * Solves for every 𝔥 of {@code hs} at once (one score evaluation per macro step and one velocity field
     * per substep serve all of them), then, when the options ask for the error estimate, once more at half
     * the resolution in space and time for the error bars.
     *
     * @param data    the box the data occupies at t_min (e.g. {@link Region#around} the training data)
     * @param hs      the 𝔥 values, each ≥ 0
     * @param points  where to evaluate log q_{t_min}^𝔥 (held-out data); may be empty
     * @param frames  density frames to keep per 𝔥, evenly spaced in λ from T to t_min (0 = none, else ≥ 2)
     */
    public FokkerPlanckResult solve(Region data, double[] hs, PointSet points, int frames, ProgressListener progress,
            Cancellation cancel) {
        long start = System.nanoTime();
        validate(data, hs, frames);
        ProgressListener report = progress == null ? ProgressListener.NONE : progress;
        MovingDomain domain = MovingDomain.around(schedule, data, options.tailSigmas());
        int steps = macroSteps();
        boolean estimate = options.errorEstimate();
        double fineShare = estimate ? 1 - COARSE_SHARE : 1;
        Run fine = new Run(domain, hs, options.initialCells(), steps, null, frames);
        fine.solve((f, m) -> report.progress(fineShare * f, m), cancel);
        Run coarse = null;
        if (estimate) {
            coarse = new Run(domain, hs, options.initialCells() / 2, steps / 2, fine.refinedAfter, 0);
            coarse.solve((f, m) -> report.progress(fineShare + COARSE_SHARE * f, "error estimate, half resolution: " + m),
                    cancel);
        }
        List<FokkerPlanckResult.Marginal> marginals = new ArrayList<>();
        for (int k = 0; k < hs.length; k++) {
            double[] coarseLogQ = coarse == null ? null : coarse.logQ(k, points, new String[points.size()]);
            marginals.add(fine.marginal(k, points, coarseLogQ));
        }
        return new FokkerPlanckResult(points, List.copyOf(marginals), fine.grid.n, steps, fine.evals.calls,
                fine.evals.points + (coarse == null ? 0 : coarse.evals.points), fine.priorOutside,
                (System.nanoTime() - start) / 1e9);
    }

    private void validate(Region data, double[] hs, int frames) {
        if (data == null) {
            throw new IllegalArgumentException("the data region is missing");
        }
        if (hs == null || hs.length == 0) {
            throw new IllegalArgumentException("at least one 𝔥 is needed");
        }
        if (hs.length > MAX_HS) {
            throw new IllegalArgumentException("at most " + MAX_HS + " values of 𝔥 per solve, got " + hs.length);
        }
        for (double h : hs) {
            ReverseProcess.requireValidH(h);
        }
        if (frames < 0 || frames == 1) {
            throw new IllegalArgumentException("keep 0 frames or at least 2 (T and t_min), got " + frames);
        }
        long cells = (long) options.maxCells() * options.maxCells();
        long frameBytes = (long) frames * hs.length * cells * Float.BYTES;
        if (frameBytes > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d frames × %d values of 𝔥 at up to %d² cells need %.1f GB; keep fewer frames or cells",
                    frames, hs.length, options.maxCells(), frameBytes / 1e9));
        }
    }

    /** λ(t) = log(σ_t² / α_t²), increasing in t for every schedule. */
    private double logSnr(double t) {
        double a = schedule.alpha(t);
        return Math.log(schedule.variance(t) / (a * a));
    }

    /** Macro steps from T to t_min: the λ span over the λ step, rounded up to an even number (for the half run). */
    int macroSteps() {
        double span = logSnr(schedule.tMax()) - logSnr(schedule.tMin());
        return 2 * Math.max(1, (int) Math.ceil(span / (2 * options.logSnrStep())));
    }

    /** {@code steps} + 1 macro times from T down to t_min, uniform in λ. */
    double[] macroTimes(int steps) {
        double tMax = schedule.tMax();
        double tMin = schedule.tMin();
        double lMax = logSnr(tMax);
        double lMin = logSnr(tMin);
        double[] t = new double[steps + 1];
        t[0] = tMax;
        t[steps] = tMin;
        for (int k = 1; k < steps; k++) {
            double target = lMax - (lMax - lMin) * k / steps;
            double lo = tMin;
            double hi = t[k - 1];
            for (int it = 0; it < 100 && hi - lo > 1e-15 * hi; it++) {
                double mid = 0.5 * (lo + hi);
                if (logSnr(mid) > target) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            t[k] = 0.5 * (lo + hi);
        }
        return t;
    }

    private static int[] frameSteps(int frames, int steps) {
        if (frames == 0) {
            return new int[0];
        }
        int[] at = new int[frames];
        for (int f = 0; f < frames; f++) {
            at[f] = (int) Math.round((double) f * steps / (frames - 1));
        }
        return at;
    }

    /**
     * The score at the cell centres (one array per component, the velocity loop reads them as vectors) and,
     * when some 𝔥 &gt; 0 needs them, the Scharfetter–Gummel weights of the drift 𝔥g²/2 · s in ξ.
     */
    private record ScoreField(double[] x, double[] y, ConservativeGrid.DriftWeights weights) {
    }

    /**
     * The score between two macro times t0 &gt; t1: the quadratic in λ through the levels at t_prev, t0 and t1
     * (linear through t0 and t1 on the first step). The quadratic matters: the score at a fixed point of the
     * moving grid changes fast where modes contract, and with linear interpolation the λ step of 0.1 alone moved
     * the exact-score 25-gaussian NLL by 1.4e-3 nats (docs/results.md).
     */
    private record ScoreInTime(Double tPrev, double t0, double t1, ScoreField prev, ScoreField a, ScoreField b) {
    }

    private static final class Evaluations {
        long calls;
        long points;
    }

    /** What one 𝔥's update needs for itself: Runge–Kutta stages and flux buffers. */
    private static final class Lane {
        final double[] stage;
        final double[] stage2;
        final ConservativeGrid.Scratch scratch;

        Lane(int n) {
            stage = new double[n * n];
            stage2 = new double[n * n];
            scratch = new ConservativeGrid.Scratch(n);
        }
    }

    /**
     * Scratch arrays of one grid size: the velocities of a substep and the drift weights (shared by every 𝔥),
     * and lanes for the 𝔥 values updated at the same time.
     */
    private static final class Work {
        final int n;
        double[] wxA;
        double[] wyA;
        double[] wxB;
        double[] wyB;
        final double[] wxM;
        final double[] wyM;
        final ConservativeGrid.DriftWeights weights;
        private final java.util.concurrent.ConcurrentLinkedQueue<Lane> lanes =
                new java.util.concurrent.ConcurrentLinkedQueue<>();

        Work(int n) {
            this.n = n;
            wxA = new double[n * n];
            wyA = new double[n * n];
            wxB = new double[n * n];
            wyB = new double[n * n];
            wxM = new double[n * n];
            wyM = new double[n * n];
            weights = ConservativeGrid.DriftWeights.of(n);
        }

        /**
         * Runs {@code update} for every 𝔥 (index k), several at a time: the densities are independent within a
         * step, and on the grids below 256² the kernels are too small to split across cores by rows.
         */
        void eachH(int count, java.util.function.ObjIntConsumer<Lane> update) {
            Parallel.forBlocks(count, 1, (from, to) -> {
                Lane lane = lanes.poll();
                if (lane == null) {
                    lane = new Lane(n);
                }
                try {
                    for (int k = from; k < to; k++) {
                        update.accept(lane, k);
                    }
                } finally {
                    lanes.add(lane);
                }
            });
        }

        /** The velocity at the end of a substep is the one at the start of the next. */
        void swapVelocities() {
            double[] x = wxA;
            double[] y = wyA;
            wxA = wxB;
            wyA = wyB;
            wxB = x;
            wyB = y;
        }
    }

    /**
     * One solution of all 𝔥 at one resolution. The full-resolution run refines its grid where the densities
     * need it (after even macro steps only); the half-resolution run refines after the same fraction of the
     * way, so every stage of it is the full run with twice the cell size and twice the steps.
     */
    private final class Run {
        final MovingDomain domain;
        final double[] hs;
        final double[] times;
        final int[] frameSteps;
        final List<Integer> refinedAfter;
        final boolean adaptive;
        final double[][] q;
        final long[] substeps;
        final List<List<DensityFrame>> kept = new ArrayList<>();
        final Evaluations evals = new Evaluations();
        final boolean diffusive;
        ConservativeGrid grid;
        Work work;
        double priorOutside;

        /** @param refineAt macro steps (of a run with twice as many) after which to refine; null = adaptive */
        Run(MovingDomain domain, double[] hs, int cells, int steps, List<Integer> refineAt, int frames) {
            this.domain = domain;
            this.hs = hs;
            this.times = macroTimes(steps);
            this.frameSteps = frameSteps(frames, steps);
            this.adaptive = refineAt == null;
            this.refinedAfter = adaptive ? new ArrayList<>() : refineAt;
            this.grid = new ConservativeGrid(cells);
            this.work = new Work(cells);
            double[] prior = new double[cells * cells];
            priorOutside = initialisePrior(grid, domain, prior);
            q = new double[hs.length][];
            substeps = new long[hs.length];
            boolean anyDiffusion = false;
            for (int k = 0; k < hs.length; k++) {
                q[k] = prior.clone();
                kept.add(new ArrayList<>());
                anyDiffusion |= hs[k] > 0;
            }
            diffusive = anyDiffusion;
        }

        void solve(ProgressListener report, Cancellation cancel) {
            int steps = times.length - 1;
            ScoreField sPrev = null;
            ScoreField sNow = evaluateScore(times[0]);
            keepFrames(0, times[0]);
            for (int step = 0; step < steps; step++) {
                cancel.check();
                double t1 = times[step + 1];
                ScoreField sNext = evaluateScore(t1);
                advance(new ScoreInTime(step == 0 ? null : times[step - 1], times[step], t1, sPrev, sNow, sNext),
                        cancel);
                for (int k = 0; k < hs.length; k++) {
                    if (!Double.isFinite(grid.mass(q[k]))) {
                        throw new IllegalStateException(String.format(Locale.ROOT,
                                "the density for 𝔥 = %s became non-finite at t = %.6g", hs[k], t1));
                    }
                }
                sPrev = sNow;
                sNow = sNext;
                if (refineAfter(step + 1)) {
                    ConservativeGrid fine = new ConservativeGrid(grid.n * 2);
                    for (int k = 0; k < hs.length; k++) {
                        q[k] = grid.refined(q[k]);
                    }
                    grid = fine;
                    work = new Work(grid.n);
                    sPrev = evaluateScore(times[step]);
                    sNow = evaluateScore(t1);
                }
                keepFrames(step + 1, t1);
                report.progress((step + 1.0) / steps, String.format(Locale.ROOT, "Fokker–Planck grid %d², t = %.4g",
                        grid.n, t1));
            }
        }

        private boolean refineAfter(int done) {
            if (!adaptive) {
                return refinedAfter.contains(2 * done);
            }
            if (done % 2 != 0 || done == times.length - 1 || 2 * grid.n > options.maxCells()
                    || !needsRefinement(grid, q)) {
                return false;
            }
            refinedAfter.add(done);
            return true;
        }

        /** The score at every cell centre at time t: one call of the model. */
        private ScoreField evaluateScore(double t) {
            int n = grid.n;
            double cx = domain.centreX(t);
            double cy = domain.centreY(t);
            double bx = domain.halfX(t);
            double by = domain.halfY(t);
            double[] xy = new double[2 * n * n];
            for (int j = 0; j < n; j++) {
                double y = cy + by * grid.centre(j);
                for (int i = 0; i < n; i++) {
                    int c = j * n + i;
                    xy[2 * c] = cx + bx * grid.centre(i);
                    xy[2 * c + 1] = y;
                }
            }
            double[] s = new double[2 * n * n];
            score.score(t, xy, n * n, s);
            evals.calls++;
            evals.points += (long) n * n;
            for (int c = 0; c < s.length; c++) {
                if (!Double.isFinite(s[c])) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "the score model (%s) returned %s at (%.4g, %.4g), t = %.6g: the Fokker–Planck grid needs a "
                                    + "finite score everywhere in its domain", score.describe(), s[c], xy[c & ~1],
                            xy[c | 1], t));
                }
            }
            double[] sx = new double[n * n];
            double[] sy = new double[n * n];
            for (int c = 0; c < n * n; c++) {
                sx[c] = s[2 * c];
                sy[c] = s[2 * c + 1];
            }
            ConservativeGrid.DriftWeights weights = null;
            if (diffusive) {
                double[] ax = new double[n * n];
                double[] ay = new double[n * n];
                for (int c = 0; c < n * n; c++) {
                    ax[c] = sx[c] * bx;
                    ay[c] = sy[c] * by;
                }
                weights = grid.driftWeights(ax, ay, ConservativeGrid.DriftWeights.of(n));
            }
            return new ScoreField(sx, sy, weights);
        }

        /**
         * One macro step t0 → t1 (&lt; t0) for every 𝔥: Strang splitting ½D, A, ½D with A the probability-flow
         * advection (substeps of SSP-RK3 under the Courant limit; its velocity is the same for every 𝔥, so one
         * velocity field and one substep count serve all) and D the 𝔥 part (backward Euler: unconditionally
         * stable, and it keeps the balance of diffusion and score drift exactly, so it needs no substeps). D
         * between every two substeps instead changed the Gaussian oracle's secant slope of NLL(𝔥) at 𝔥 = 0.01 by
         * 2e-5 (of 0.53) and the bundled swiss roll's NLL(𝔥) by ≤ 2e-4 nats, inside the grid's error bar. The
         * score is interpolated in λ between the macro times.
         *
         * <p>The substeps follow the Courant condition of the cells that hold probability (q ≥
         * {@link #NEGLIGIBLE} · max q for some 𝔥); in the others the explicit speed is clipped to the Courant
         * limit. Those are the far corners of the domain near T, where the network extrapolates (|s_θ + x|
         * large) and g² is large: on a paper-setup COSINE model their speed was 3–20 times that of every cell
         * with q &gt; 1e-10 max q while they held 1e-19 to 1e-59 of the peak density.
         */
        private void advance(ScoreInTime s, Cancellation cancel) {
            Work w = work;
            double t0 = s.t0();
            double t1 = s.t1();
            double span = t0 - t1;
            velocity(t1, s, w.wxB, w.wyB);
            velocity(t0, s, w.wxA, w.wyA);
            double speed = 0;
            for (double[] density : q) {
                double floor = NEGLIGIBLE * max(density);
                speed = Math.max(speed, Math.max(maxSpeed(w.wxA, w.wyA, density, floor),
                        maxSpeed(w.wxB, w.wyB, density, floor)));
            }
            int sub = Math.max(1, (int) Math.ceil(CFL_MARGIN * speed * span / (options.courant() * grid.d)));
            double dt = span / sub;
            double limit = options.courant() * grid.d / dt;
            limitSpeed(w.wxA, w.wyA, limit);
            // D with the coefficients of the time the density is at: where the score is exact, q = p_t is D's
            // fixed point at time t, so the step leaves it alone whatever its length
            diffuse(t0, 0.5 * span, s);
            for (int m = 0; m < sub; m++) {
                if ((m & 15) == 15) {
                    cancel.check();
                }
                boolean last = m == sub - 1;
                double ta = t0 - m * dt;
                double tb = last ? t1 : t0 - (m + 1) * dt;
                double tm = ta - 0.5 * dt;
                velocity(tb, s, w.wxB, w.wyB);
                limitSpeed(w.wxB, w.wyB, limit);
                velocity(tm, s, w.wxM, w.wyM);
                limitSpeed(w.wxM, w.wyM, limit);
                w.eachH(q.length, (lane, k) -> {
                    // SSP-RK3 (Shu–Osher): q1 = q + Δτ L(q; ta), q2 = ¾q + ¼(q1 + Δτ L(q1; tb)),
                    // q ← ⅓q + ⅔(q2 + Δτ L(q2; ta + Δτ/2))
                    double[] density = q[k];
                    grid.advect(density, w.wxA, w.wyA, dt, lane.stage, lane.scratch);
                    grid.advect(lane.stage, w.wxB, w.wyB, dt, lane.stage2, lane.scratch);
                    grid.combine(lane.stage2, 0.25, density, 0.75);
                    grid.advect(lane.stage2, w.wxM, w.wyM, dt, lane.stage, lane.scratch);
                    grid.combine(density, 1.0 / 3, lane.stage, 2.0 / 3);
                });
                w.swapVelocities();
            }
            diffuse(t1, 0.5 * span, s);
            for (int k = 0; k < hs.length; k++) {
                substeps[k] += sub;
            }
        }


        /**
         * Lagrange weights in λ of the levels (prev, a, b) of {@code s} at time t: with u = (λ₀ − λ)/(λ₀ − λ₁)
         * (0 at t0, 1 at t1) and the previous level at u = −1 (the macro steps are uniform in λ).
         */
        private double[] weights(double t, ScoreInTime s) {
            double u = (logSnr(s.t0()) - logSnr(t)) / (logSnr(s.t0()) - logSnr(s.t1()));
            if (s.prev() == null) {
                return new double[] {0, 1 - u, u};
            }
            return new double[] {0.5 * u * (u - 1), (1 - u) * (1 + u), 0.5 * u * (u + 1)};
        }

        /**
         * Backward Euler over Δτ of the 𝔥 part, ∂q/∂τ = ∇·(D (∇q − s q)) with D = 𝔥g²/2, in ξ along x and then
         * y; the weights (the score at the faces) are shared by every 𝔥, only D differs.
         */
        private void diffuse(double t, double dt, ScoreInTime s) {
            if (!diffusive) {
                return;
            }
            double[] c = weights(t, s);
            work.weights.combine(s.prev() == null ? null : s.prev().weights(), c[0], s.a().weights(), c[1],
                    s.b().weights(), c[2]);
            double g2 = schedule.g2(t);
            double bx = domain.halfX(t);
            double by = domain.halfY(t);
            double d2 = grid.d * grid.d;
            work.eachH(hs.length, (lane, k) -> {
                if (hs[k] > 0) {
                    double diff = 0.5 * hs[k] * g2;
                    grid.implicitDrift(q[k], 0, dt * diff / (bx * bx * d2), work.weights, lane.scratch);
                    grid.implicitDrift(q[k], 1, dt * diff / (by * by * d2), work.weights, lane.scratch);
                }
            });
        }

        /**
         * The probability-flow velocity in ξ at time t with the score interpolated in λ ({@link #weights}):
         * <pre>
         *   w = ( −κ x + (g²/2) s + ċ + Ḃ ξ ) / B,    x = c + B ξ   (per axis)
         * </pre>
         * (u = −f_PF read in τ = −t, in the moving frame; the same for every 𝔥).
         */
        private void velocity(double t, ScoreInTime s, double[] wx, double[] wy) {
            int n = grid.n;
            double kappa = schedule.kappa(t);
            double cs = 0.5 * schedule.g2(t);
            double cx = domain.centreX(t);
            double cy = domain.centreY(t);
            double bx = domain.halfX(t);
            double by = domain.halfY(t);
            double cxDot = domain.centreXDot(t);
            double cyDot = domain.centreYDot(t);
            double bxDot = domain.halfXDot(t);
            double byDot = domain.halfYDot(t);
            double[] xPart = new double[n];
            for (int i = 0; i < n; i++) {
                double xi = grid.centre(i);
                xPart[i] = (-kappa * (cx + bx * xi) + cxDot + bxDot * xi) / bx;
            }
            double[] lw = weights(t, s);
            ScoreField sP = s.prev() == null ? s.a() : s.prev();
            ScoreField sA = s.a();
            ScoreField sB = s.b();
            double axP = cs * lw[0] / bx;
            double axA = cs * lw[1] / bx;
            double axB = cs * lw[2] / bx;
            double ayP = cs * lw[0] / by;
            double ayA = cs * lw[1] / by;
            double ayB = cs * lw[2] / by;
            ConservativeGrid g = grid;
            double[] pX = sP.x();
            double[] pY = sP.y();
            double[] aX = sA.x();
            double[] aY = sA.y();
            double[] bX = sB.x();
            double[] bY = sB.y();
            // plain loops: the JIT vectorises them (the Vector API form of this lambda was too large to inline)
            Parallel.forBlocks(n, Math.max(1, 16_384 / n), (from, to) -> {
                for (int j = from; j < to; j++) {
                    double eta = g.centre(j);
                    double yPart = (-kappa * (cy + by * eta) + cyDot + byDot * eta) / by;
                    int row = j * n;
                    for (int i = 0; i < n; i++) {
                        int c = row + i;
                        wx[c] = xPart[i] + axP * pX[c] + axA * aX[c] + axB * bX[c];
                        wy[c] = yPart + ayP * pY[c] + ayA * aY[c] + ayB * bY[c];
                    }
                }
            });
        }

        private void keepFrames(int step, double t) {
            if (Arrays.stream(frameSteps).noneMatch(s -> s == step)) {
                return;
            }
            double jac = 1 / (domain.halfX(t) * domain.halfY(t));
            for (int k = 0; k < hs.length; k++) {
                float[] v = new float[q[k].length];
                for (int c = 0; c < v.length; c++) {
                    // the fifth-order fluxes may leave ripples of ~1e-6 of the peak in the far tails: not a density
                    v[c] = (float) Math.max(0, q[k][c] * jac);
                }
                kept.get(k).add(new DensityFrame(t, hs[k], domain.region(t), grid.n, v));
            }
        }

        /** log q_{t_min} of 𝔥 number k at the points; NaN with the reason in {@code failure} where it fails. */
        double[] logQ(int k, PointSet points, String[] failure) {
            double t = times[times.length - 1];
            int n = points.size();
            double[] logQ = new double[n];
            double cx = domain.centreX(t);
            double cy = domain.centreY(t);
            double bx = domain.halfX(t);
            double by = domain.halfY(t);
            double logJac = Math.log(bx * by);
            for (int i = 0; i < n; i++) {
                double u = (points.x(i) - cx) / bx;
                double v = (points.y(i) - cy) / by;
                if (Math.abs(u) > 1 || Math.abs(v) > 1) {
                    logQ[i] = Double.NaN;
                    failure[i] = String.format(Locale.ROOT, "(%.4g, %.4g) lies outside the grid's domain %s",
                            points.x(i), points.y(i), domain.region(t));
                    continue;
                }
                double l = grid.logDensity(q[k], u, v);
                if (Double.isNaN(l)) {
                    logQ[i] = Double.NaN;
                    failure[i] = String.format(Locale.ROOT,
                            "the density at (%.4g, %.4g) underflows on the grid (below ~1e-300)", points.x(i),
                            points.y(i));
                    continue;
                }
                logQ[i] = l - logJac;
            }
            return logQ;
        }

        FokkerPlanckResult.Marginal marginal(int k, PointSet points, double[] coarseLogQ) {
            String[] failure = new String[points.size()];
            double[] logQ = logQ(k, points, failure);
            double massError = Math.abs(grid.mass(q[k]) - 1);
            return new FokkerPlanckResult.Marginal(hs[k], logQ, failure, coarseLogQ, massError,
                    grid.boundaryMass(q[k]), substeps[k], List.copyOf(kept.get(k)));
        }
    }

    /**
     * Point values of the prior N(0, v I) at the cell centres of the domain at T, normalised to mass 1 on the
     * grid; returns the prior's mass outside the domain (exact, from erf).
     */
    private double initialisePrior(ConservativeGrid grid, MovingDomain domain, double[] q) {
        double t = schedule.tMax();
        double v = schedule.priorVariance();
        double cx = domain.centreX(t);
        double cy = domain.centreY(t);
        double bx = domain.halfX(t);
        double by = domain.halfY(t);
        int n = grid.n;
        double mass = 0;
        for (int j = 0; j < n; j++) {
            double y = cy + by * grid.centre(j);
            for (int i = 0; i < n; i++) {
                double x = cx + bx * grid.centre(i);
                q[j * n + i] = Math.exp(-(x * x + y * y) / (2 * v));
                mass += q[j * n + i];
            }
        }
        double scale = 1 / (mass * grid.d * grid.d);
        for (int c = 0; c < q.length; c++) {
            q[c] *= scale;
        }
        double root = Math.sqrt(2 * v);
        double inX = 0.5 * Erf.erf((cx - bx) / root, (cx + bx) / root);
        double inY = 0.5 * Erf.erf((cy - by) / root, (cy + by) / root);
        return 1 - inX * inY;
    }

    private static double max(double[] q) {
        double m = 0;
        for (double v : q) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** max |w_x| + max |w_y| over the cells with q ≥ floor. */
    private static double maxSpeed(double[] wx, double[] wy, double[] q, double floor) {
        double mx = 0;
        double my = 0;
        for (int c = 0; c < wx.length; c++) {
            if (q[c] >= floor) {
                mx = Math.max(mx, Math.abs(wx[c]));
                my = Math.max(my, Math.abs(wy[c]));
            }
        }
        return mx + my;
    }

    /** Scales (w_x, w_y) of every cell down to |w_x| + |w_y| ≤ limit (cells under the limit are untouched). */
    private static void limitSpeed(double[] wx, double[] wy, double limit) {
        for (int c = 0; c < wx.length; c++) {
            double v = Math.abs(wx[c]) + Math.abs(wy[c]);
            if (v > limit) {
                double f = limit / v;
                wx[c] *= f;
                wy[c] *= f;
            }
        }
    }


    /** Refine when the narrowest of the densities is thinner than {@code cellsPerWidth} cells. */
    private boolean needsRefinement(ConservativeGrid grid, double[][] q) {
        if (options.cellsPerWidth() == 0) {
            return false;
        }
        double narrowest = Double.POSITIVE_INFINITY;
        for (double[] density : q) {
            narrowest = Math.min(narrowest, grid.fisherWidth(density));
        }
        return narrowest < options.cellsPerWidth() * grid.d;
    }
}
