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
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
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
 * With the reference score s_ref = −x/V, V(t) = α_t² + σ_t² (the exact score if the data were N(0, I)):
 * <pre>
 *   u = −(D/V) x                                            (Ornstein–Uhlenbeck part, with D Δq: implicit)
 *     + [−κ − g²/(2V)] x + ((1+𝔥)/2) g² (s_θ + x/V)          (the rest: explicit)
 * </pre>
 * For every VP schedule κ = −g²/2 and V = 1, so the bracket vanishes: the stiff part near T — drift and
 * diffusion both ∝ g² ≈ 2000 for COSINE, an explicit step limit of Δτ ≲ Δx²/(4D) ≈ 10⁻⁸ — is exactly the
 * Ornstein–Uhlenbeck operator whose equilibrium is the prior. It goes to backward Euler with
 * Scharfetter–Gummel fluxes (unconditionally stable, positive, conservative; its cell Péclet number
 * |x|Δx/V ≪ 1, so it is second order in space, and it keeps the discrete equilibrium exactly). What is left
 * scales with g² (s_θ − s_ref): the network's departure from the prior's score, small where g² is large.
 * It moves the density into the data's shape and goes to explicit MUSCL (second order, limited, positive),
 * substepped to Courant number ≤ {@link FokkerPlanckOptions#courant()}. Substeps are cheap: the score is
 * evaluated once per macro step and interpolated linearly in λ between macro times, so the network cost
 * does not depend on the Courant limit. The two parts alternate in Strang order (½ OU, advection, ½ OU).
 *
 * <h2>Grid</h2>
 * The domain moves with the marginals ({@link MovingDomain}: data box × α_t + K σ_t), so the same cells
 * hold the prior at T and the thin data at t_min; in the reference coordinates ξ = (x − c)/B the density
 * q̃ = q B_x B_y obeys the same equation with velocity w = (u + ċ + Ḃξ)/B and diffusion D/B² (dots are
 * d/dt). The grid starts with {@code initialCells}² cells and doubles (conservative limited-linear split)
 * whenever the density's Fisher width drops below {@code cellsPerWidth} cells, up to {@code maxCells}².
 * Macro steps are uniform in λ = log(σ²/α²), which is fine near t_min (σ ∝ t) and near T for COSINE alike.
 * The score is evaluated on all cell centres in one call per macro step, shared by every 𝔥.
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
     * Density, relative to the peak, below which a cell holds no probability that matters (its cell mass is
     * below ~1e-12 of the peak cell's): its explicit speed may be clipped to the Courant limit.
     */
    static final double NEGLIGIBLE = 1e-12;
    /** Velocity bound margin: the score is linear in λ within a step, the coefficients nearly so. */
    private static final double CFL_MARGIN = 1.15;

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
     * Solves for every 𝔥 of {@code hs} at once (one score evaluation per macro step serves all of them).
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
        double[] times = macroTimes();
        int steps = times.length - 1;
        int[] frameSteps = frameSteps(frames, steps);

        FiniteVolumeGrid grid = new FiniteVolumeGrid(options.initialCells());
        double[] prior = new double[grid.n * grid.n];
        double priorOutside = initialisePrior(grid, domain, prior);
        int hsCount = hs.length;
        double[][] q = new double[hsCount][];
        for (int k = 0; k < hsCount; k++) {
            q[k] = prior.clone();
        }
        long[] substeps = new long[hsCount];
        List<List<DensityFrame>> kept = new ArrayList<>();
        for (int k = 0; k < hsCount; k++) {
            kept.add(new ArrayList<>());
        }
        Work work = new Work(grid.n);
        Evaluations evals = new Evaluations();
        ScoreField sNow = evaluateScore(grid, domain, times[0], evals);
        keepFrames(frameSteps, 0, times[0], grid, domain, hs, q, kept);

        for (int step = 0; step < steps; step++) {
            cancel.check();
            double t0 = times[step];
            double t1 = times[step + 1];
            ScoreField sNext = evaluateScore(grid, domain, t1, evals);
            for (int k = 0; k < hsCount; k++) {
                substeps[k] += advance(grid, domain, hs[k], q[k], t0, t1, sNow, sNext, work, cancel);
                double mass = grid.mass(q[k]);
                if (!Double.isFinite(mass)) {
                    throw new IllegalStateException(String.format(Locale.ROOT,
                            "the density for 𝔥 = %s became non-finite at t = %.6g", hs[k], t1));
                }
            }
            sNow = sNext;
            if (2 * grid.n <= options.maxCells() && needsRefinement(grid, q)) {
                FiniteVolumeGrid fine = new FiniteVolumeGrid(grid.n * 2);
                for (int k = 0; k < hsCount; k++) {
                    q[k] = grid.refined(q[k]);
                }
                grid = fine;
                work = new Work(grid.n);
                sNow = evaluateScore(grid, domain, t1, evals);
            }
            keepFrames(frameSteps, step + 1, t1, grid, domain, hs, q, kept);
            report.progress((step + 1.0) / steps, String.format(Locale.ROOT, "Fokker–Planck grid %d², t = %.4g",
                    grid.n, t1));
        }

        List<FokkerPlanckResult.Marginal> marginals = new ArrayList<>();
        double tMin = times[steps];
        for (int k = 0; k < hsCount; k++) {
            marginals.add(atPoints(grid, domain, tMin, hs[k], q[k], points, substeps[k], kept.get(k)));
        }
        return new FokkerPlanckResult(points, List.copyOf(marginals), grid.n, steps, evals.calls, evals.points,
                priorOutside, (System.nanoTime() - start) / 1e9);
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

    /** Macro times from T down to t_min, uniform in λ. */
    double[] macroTimes() {
        double tMax = schedule.tMax();
        double tMin = schedule.tMin();
        double lMax = logSnr(tMax);
        double lMin = logSnr(tMin);
        int steps = Math.max(1, (int) Math.ceil((lMax - lMin) / options.logSnrStep()));
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
     * Cell averages of the prior N(0, v I) over the domain at T (exact, from erf of the cell edges),
     * renormalised to mass 1; returns the mass that lay outside.
     */
    private double initialisePrior(FiniteVolumeGrid grid, MovingDomain domain, double[] q) {
        double t = schedule.tMax();
        double scale = Math.sqrt(2 * schedule.priorVariance());
        double[] px = cellProbabilities(grid, domain.centreX(t), domain.halfX(t), scale);
        double[] py = cellProbabilities(grid, domain.centreY(t), domain.halfY(t), scale);
        double mass = 0;
        for (int j = 0; j < grid.n; j++) {
            for (int i = 0; i < grid.n; i++) {
                q[j * grid.n + i] = px[i] * py[j];
                mass += px[i] * py[j];
            }
        }
        double area = grid.d * grid.d;
        for (int c = 0; c < q.length; c++) {
            q[c] /= mass * area;
        }
        return 1 - mass;
    }

    private static double[] cellProbabilities(FiniteVolumeGrid grid, double c, double b, double scale) {
        double[] p = new double[grid.n];
        for (int i = 0; i < grid.n; i++) {
            double lo = (c + b * grid.face(i)) / scale;
            double hi = (c + b * grid.face(i + 1)) / scale;
            p[i] = 0.5 * Erf.erf(lo, hi);
        }
        return p;
    }

    /** The score at the cell centres, one array per component (the velocity loop reads them as vectors). */
    private record ScoreField(double[] x, double[] y) {
    }

    /** The score at every cell centre at time t: one call of the model. */
    private ScoreField evaluateScore(FiniteVolumeGrid grid, MovingDomain domain, double t, Evaluations evals) {
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
        return new ScoreField(sx, sy);
    }

    /** Scratch arrays of one grid size: velocities at the two ends of a substep, RK stages, slopes and fluxes. */
    private static final class Work {
        double[] wxA;
        double[] wyA;
        double[] wxB;
        double[] wyB;
        final double[] stage;
        final double[] stage2;
        final FiniteVolumeGrid.Scratch scratch;

        Work(int n) {
            wxA = new double[n * n];
            wyA = new double[n * n];
            wxB = new double[n * n];
            wyB = new double[n * n];
            stage = new double[n * n];
            stage2 = new double[n * n];
            scratch = new FiniteVolumeGrid.Scratch(n);
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

    private static final class Evaluations {
        long calls;
        long points;
    }

    /**
     * One macro step t0 → t1 (< t0) for one 𝔥: Strang splitting with the implicit OU half steps merged
     * between substeps — ½OU, A, OU, A, …, A, ½OU — each advection substep SSP-RK2 (Shu–Osher) with the
     * score interpolated in λ at its stage times. Returns the number of substeps.
     *
     * <p>The substeps follow the Courant condition of the cells that hold probability (q ≥
     * {@link #NEGLIGIBLE} · max q); in the others the explicit speed is clipped to the Courant limit. Those are
     * the far corners of the domain near T, where the network extrapolates (|s_θ − s_ref| large) and g² is
     * large: on a paper-setup COSINE model their speed was 3–20 times that of every cell with q > 1e-10 max q
     * while they held 1e-19 to 1e-59 of the peak density, and they alone set the number of substeps.
     */
    private int advance(FiniteVolumeGrid grid, MovingDomain domain, double h, double[] q, double t0, double t1,
            ScoreField sA, ScoreField sB, Work w, Cancellation cancel) {
        double span = t0 - t1;
        double l0 = logSnr(t0);
        double l1 = logSnr(t1);
        double floor = NEGLIGIBLE * max(q);
        velocity(grid, domain, h, t1, 1, sA, sB, w.wxB, w.wyB);
        double speedEnd = maxSpeed(w.wxB, w.wyB, q, floor);
        velocity(grid, domain, h, t0, 0, sA, sB, w.wxA, w.wyA);
        double speed = Math.max(maxSpeed(w.wxA, w.wyA, q, floor), speedEnd);
        int sub = Math.max(1, (int) Math.ceil(CFL_MARGIN * speed * span / (options.courant() * grid.d)));
        double dt = span / sub;
        double limit = options.courant() * grid.d / dt;
        limitSpeed(w.wxA, w.wyA, limit);
        limitSpeed(w.wxB, w.wyB, limit);
        boolean diffusive = h > 0;
        if (diffusive) {
            implicitOu(grid, domain, h, q, t0 - 0.25 * dt, 0.5 * dt);
        }
        for (int m = 0; m < sub; m++) {
            if ((m & 15) == 15) {
                cancel.check();
            }
            boolean last = m == sub - 1;
            double tb = last ? t1 : t0 - (m + 1) * dt;
            if (!last) {
                velocity(grid, domain, h, tb, (l0 - logSnr(tb)) / (l0 - l1), sA, sB, w.wxB, w.wyB);
                limitSpeed(w.wxB, w.wyB, limit);
            } else if (sub > 1) {
                velocity(grid, domain, h, t1, 1, sA, sB, w.wxB, w.wyB);
                limitSpeed(w.wxB, w.wyB, limit);
            }
            // SSP-RK2: q1 = q + Δτ L(q; ta), q ← ½ q + ½ (q1 + Δτ L(q1; tb))
            grid.advect(q, w.wxA, w.wyA, dt, w.stage, w.scratch);
            grid.advect(w.stage, w.wxB, w.wyB, dt, w.stage2, w.scratch);
            grid.average(q, w.stage2);
            w.swapVelocities();
            if (diffusive) {
                implicitOu(grid, domain, h, q, last ? t1 + 0.25 * dt : tb, last ? 0.5 * dt : dt);
            }
        }
        return sub;
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

    /**
     * The explicit velocity in ξ at time t with the score interpolated as (1−θ) sA + θ sB:
     * <pre>
     *   w = ( [−κ − g²/(2V)] x + ((1+𝔥)/2) g² (s + x/V) + ċ + Ḃ ξ ) / B,    x = c + B ξ   (per axis)
     * </pre>
     */
    private void velocity(FiniteVolumeGrid grid, MovingDomain domain, double h, double t, double theta,
            ScoreField sA, ScoreField sB, double[] wx, double[] wy) {
        int n = grid.n;
        double g2 = schedule.g2(t);
        double v = referenceVariance(t);
        double lin = -schedule.kappa(t) - g2 / (2 * v);
        double cs = 0.5 * (1 + h) * g2;
        double cx = domain.centreX(t);
        double cy = domain.centreY(t);
        double bx = domain.halfX(t);
        double by = domain.halfY(t);
        double cxDot = domain.centreXDot(t);
        double cyDot = domain.centreYDot(t);
        double bxDot = domain.halfXDot(t);
        double byDot = domain.halfYDot(t);
        // w_x = xPart_i + ax·sA + bx·sB with the per-axis constants folded in
        double[] xPart = new double[n];
        for (int i = 0; i < n; i++) {
            double xi = grid.centre(i);
            double x = cx + bx * xi;
            xPart[i] = (lin * x + cs * x / v + cxDot + bxDot * xi) / bx;
        }
        double axA = cs * (1 - theta) / bx;
        double axB = cs * theta / bx;
        double ayA = cs * (1 - theta) / by;
        double ayB = cs * theta / by;
        Parallel.forBlocks(n, Math.max(1, 16_384 / n), (from, to) -> {
            for (int j = from; j < to; j++) {
                double eta = grid.centre(j);
                double y = cy + by * eta;
                double yPart = (lin * y + cs * y / v + cyDot + byDot * eta) / by;
                int row = j * n;
                int i = 0;
                DoubleVector yp = DoubleVector.broadcast(V, yPart);
                for (int bound = V.loopBound(n); i < bound; i += V.length()) {
                    int c = row + i;
                    DoubleVector.fromArray(V, xPart, i)
                            .add(DoubleVector.fromArray(V, sA.x(), c).mul(axA))
                            .add(DoubleVector.fromArray(V, sB.x(), c).mul(axB)).intoArray(wx, c);
                    yp.add(DoubleVector.fromArray(V, sA.y(), c).mul(ayA))
                            .add(DoubleVector.fromArray(V, sB.y(), c).mul(ayB)).intoArray(wy, c);
                }
                for (; i < n; i++) {
                    int c = row + i;
                    wx[c] = xPart[i] + axA * sA.x()[c] + axB * sB.x()[c];
                    wy[c] = yPart + ayA * sA.y()[c] + ayB * sB.y()[c];
                }
            }
        });
    }

    private static final VectorSpecies<Double> V = DoubleVector.SPECIES_PREFERRED;

    /** V(t) = α² + σ²: the marginal variance if the data were N(0, I); 1 for every VP schedule. */
    private double referenceVariance(double t) {
        double a = schedule.alpha(t);
        return a * a + schedule.variance(t);
    }

    /**
     * Backward Euler over Δτ of the Ornstein–Uhlenbeck part, ∂q/∂τ = ∇·((D/V) x q) + D Δq, in ξ along
     * x and then y (the two 1-D operators act on different axes and commute). Face Péclet numbers
     * P = w d/D_ξ = −(c + Bξ_f) B d / V.
     */
    private void implicitOu(FiniteVolumeGrid grid, MovingDomain domain, double h, double[] q, double t, double dt) {
        double diff = 0.5 * h * schedule.g2(t);
        double v = referenceVariance(t);
        int n = grid.n;
        double[] peclet = new double[n + 1];
        for (int axis = 0; axis < 2; axis++) {
            double c = axis == 0 ? domain.centreX(t) : domain.centreY(t);
            double b = axis == 0 ? domain.halfX(t) : domain.halfY(t);
            for (int f = 0; f <= n; f++) {
                peclet[f] = -(c + b * grid.face(f)) * b * grid.d / v;
            }
            double r = dt * diff / (b * b * grid.d * grid.d);
            grid.implicitDrift(q, axis, r, peclet);
        }
    }

    /** Refine when the narrowest of the densities is thinner than {@code cellsPerWidth} cells. */
    private boolean needsRefinement(FiniteVolumeGrid grid, double[][] q) {
        if (options.cellsPerWidth() == 0) {
            return false;
        }
        double narrowest = Double.POSITIVE_INFINITY;
        for (double[] density : q) {
            narrowest = Math.min(narrowest, grid.fisherWidth(density));
        }
        return narrowest < options.cellsPerWidth() * grid.d;
    }

    private void keepFrames(int[] frameSteps, int step, double t, FiniteVolumeGrid grid, MovingDomain domain,
            double[] hs, double[][] q, List<List<DensityFrame>> kept) {
        if (Arrays.stream(frameSteps).noneMatch(s -> s == step)) {
            return;
        }
        double bx = domain.halfX(t);
        double by = domain.halfY(t);
        double jac = 1 / (bx * by);
        for (int k = 0; k < hs.length; k++) {
            float[] v = new float[q[k].length];
            for (int c = 0; c < v.length; c++) {
                v[c] = (float) (q[k][c] * jac);
            }
            kept.get(k).add(new DensityFrame(t, hs[k], domain.region(t), grid.n, v));
        }
    }

    private FokkerPlanckResult.Marginal atPoints(FiniteVolumeGrid grid, MovingDomain domain, double t, double h,
            double[] q, PointSet points, long substeps, List<DensityFrame> frames) {
        int n = points.size();
        double[] logQ = new double[n];
        String[] failure = new String[n];
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
                failure[i] = String.format(Locale.ROOT, "(%.4g, %.4g) lies outside the grid's domain %s", points.x(i),
                        points.y(i), domain.region(t));
                continue;
            }
            double l = grid.logDensity(q, u, v);
            if (Double.isNaN(l)) {
                logQ[i] = Double.NaN;
                failure[i] = String.format(Locale.ROOT,
                        "the density at (%.4g, %.4g) underflows on the grid (below ~1e-300)", points.x(i), points.y(i));
                continue;
            }
            logQ[i] = l - logJac;
        }
        double massError = Math.abs(grid.mass(q) - 1);
        return new FokkerPlanckResult.Marginal(h, logQ, failure, massError, grid.boundaryMass(q), substeps,
                List.copyOf(frames));
    }
}
