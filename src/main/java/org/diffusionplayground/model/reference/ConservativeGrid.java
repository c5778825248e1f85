package org.diffusionplayground.model.reference;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.diffusionplayground.model.util.Parallel;

/**
 * Conservative finite differences on the reference square ξ ∈ [−1, 1]²: n × n cells of side d = 2/n, the
 * density's point values at the cell centres stored row-major ({@code q[j·n + i]}, i along x). Every operator
 * is a difference of face fluxes and the walls carry zero flux, so Σ q d² is kept exactly (up to round-off).
 * The physics (which velocity, which diffusion) is the {@link FokkerPlanckSolver}'s; this class only does the
 * numerics:
 * <ul>
 *   <li>{@link #advect}: one forward-Euler stage of ∂q/∂τ = −∇·(w q) with fifth-order upwind fluxes
 *   (the linear weights of WENO5, Jiang &amp; Shu 1996, no limiter). The densities here are smooth and
 *   resolved by several cells per width; the second-order limited scheme this replaced clipped every
 *   mode's peak and its numerical diffusion widened the modes by as much as 𝔥 changes the NLL
 *   (docs/results.md, "A Fokker–Planck reference with a stated error");</li>
 *   <li>{@link #implicitDrift}: one backward-Euler step of ∂q/∂τ = ∂(D (∂q − a q)) along one axis with
 *   Scharfetter–Gummel (exponentially fitted) fluxes, a = the score. Its matrix is an M-matrix with unit
 *   column sums (unconditionally stable, positive, conservative), and its fixed point satisfies
 *   q_{i+1}/q_i = exp(d·(a_i + a_{i+1})/2) exactly: the diffusion and the score drift balance where the
 *   score is that of the density, whatever the step;</li>
 *   <li>{@link #refined}: the same density on a grid twice as fine (cubic interpolation, mass kept);</li>
 *   <li>{@link #logDensity}: log q at a point (bicubic Catmull–Rom of log q, exact for a Gaussian).</li>
 * </ul>
 */
final class ConservativeGrid {

    /** Fifth-order upwind flux at face i + ½ from F_{i−2} … F_{i+2} (flow to +): (2, −13, 47, 27, −3)/60. */
    private static final double[] UPWIND5 = {2 / 60.0, -13 / 60.0, 47 / 60.0, 27 / 60.0, -3 / 60.0};
    private static final VectorSpecies<Double> V = DoubleVector.SPECIES_PREFERRED;

    final int n;
    final double d;

    ConservativeGrid(int n) {
        if (n < 8) {
            throw new IllegalArgumentException("a grid needs at least 8 cells per axis, got " + n);
        }
        this.n = n;
        this.d = 2.0 / n;
    }

    /** ξ of the centre of cell i. */
    double centre(int i) {
        return -1 + (i + 0.5) * d;
    }

    /** ξ of face f (f = 0 … n; face f lies between cells f − 1 and f). */
    double face(int f) {
        return -1 + f * d;
    }

    /** Rows per parallel block: about 16 K cells, so a 256² grid is split in four. */
    private int rowBlock() {
        return Math.max(1, 16_384 / n);
    }

    /**
     * Scratch of {@link #advect} (fx, fy: the point fluxes w·q; faceX, faceY: the face fluxes) and of
     * {@link #implicitDrift} (fx: the transposed density; elimination: the Thomas algorithm's factors).
     */
    static final class Scratch {
        final double[] fx;
        final double[] fy;
        final double[] faceX;
        final double[] faceY;
        final double[] elimination;

        Scratch(int n) {
            fx = new double[n * n];
            fy = new double[n * n];
            faceX = new double[n * (n + 1)];
            faceY = new double[(n + 1) * n];
            elimination = new double[n * n];
        }
    }

    /**
     * out = q − Δτ ∇·(w q): with the point fluxes F = w q, the flux through face f (between cells f − 1 and f
     * along an axis) is the fifth-order upwind combination of F_{f−3} … F_{f+1} when the face velocity
     * w_f = (w_{f−1} + w_f)/2 is positive, of F_{f−2} … F_{f+2} (mirrored) when it is negative; F beyond the
     * walls is 0. The density is ~e⁻¹⁸ of its peak there (the domain reaches 6 σ past the data).
     */
    void advect(double[] q, double[] wx, double[] wy, double dt, double[] out, Scratch s) {
        int n1 = n + 1;
        double r = dt / d;
        Parallel.forBlocks(n, rowBlock(), (from, to) -> {
            for (int c = from * n; c < to * n; c++) {
                s.fx[c] = wx[c] * q[c];
                s.fy[c] = wy[c] * q[c];
            }
        });
        Parallel.forBlocks(n, rowBlock(), (from, to) -> {
            for (int j = from; j < to; j++) {
                int row = j * n;
                int frow = j * n1;
                s.faceX[frow] = 0;
                s.faceX[frow + n] = 0;
                for (int f = 1; f < Math.min(3, n); f++) {
                    s.faceX[frow + f] = edgeFlux(s.fx, wx, row, 1, f);
                }
                int f = 3;
                for (int bound = 3 + V.loopBound(n - 5); f < bound; f += V.length()) {
                    faceFluxes(s.fx, wx, row + f, 1, s.faceX, frow + f);
                }
                for (; f < n; f++) {
                    s.faceX[frow + f] = edgeFlux(s.fx, wx, row, 1, f);
                }
            }
        });
        java.util.Arrays.fill(s.faceY, 0, n, 0.0);
        java.util.Arrays.fill(s.faceY, n * n, n * n1, 0.0);
        Parallel.forBlocks(n - 1, rowBlock(), (from, to) -> {
            for (int f = from + 1; f < to + 1; f++) {
                if (f < 3 || f > n - 3) {
                    for (int i = 0; i < n; i++) {
                        s.faceY[f * n + i] = edgeFlux(s.fy, wy, i, n, f);
                    }
                    continue;
                }
                int i = 0;
                for (int bound = V.loopBound(n); i < bound; i += V.length()) {
                    faceFluxes(s.fy, wy, f * n + i, n, s.faceY, f * n + i);
                }
                for (; i < n; i++) {
                    s.faceY[f * n + i] = edgeFlux(s.fy, wy, i, n, f);
                }
            }
        });
        Parallel.forBlocks(n, rowBlock(), (from, to) -> {
            DoubleVector rv = DoubleVector.broadcast(V, r);
            for (int j = from; j < to; j++) {
                int row = j * n;
                int frow = j * n1;
                int i = 0;
                for (int bound = V.loopBound(n); i < bound; i += V.length()) {
                    DoubleVector div = DoubleVector.fromArray(V, s.faceX, frow + i + 1)
                            .sub(DoubleVector.fromArray(V, s.faceX, frow + i))
                            .add(DoubleVector.fromArray(V, s.faceY, row + n + i))
                            .sub(DoubleVector.fromArray(V, s.faceY, row + i));
                    DoubleVector.fromArray(V, q, row + i).sub(rv.mul(div)).intoArray(out, row + i);
                }
                for (; i < n; i++) {
                    out[row + i] = q[row + i]
                            - r * (s.faceX[frow + i + 1] - s.faceX[frow + i] + s.faceY[row + n + i] - s.faceY[row + i]);
                }
            }
        });
    }

    /**
     * Fluxes of V.length() consecutive faces whose stencils lie inside the grid: {@code at} is the index of
     * the cell just after the first face (cell f), {@code step} 1 along x, n along y.
     */
    private static void faceFluxes(double[] flux, double[] w, int at, int step, double[] out, int outAt) {
        DoubleVector m3 = DoubleVector.fromArray(V, flux, at - 3 * step);
        DoubleVector m2 = DoubleVector.fromArray(V, flux, at - 2 * step);
        DoubleVector m1 = DoubleVector.fromArray(V, flux, at - step);
        DoubleVector p0 = DoubleVector.fromArray(V, flux, at);
        DoubleVector p1 = DoubleVector.fromArray(V, flux, at + step);
        DoubleVector p2 = DoubleVector.fromArray(V, flux, at + 2 * step);
        DoubleVector left = m3.mul(UPWIND5[0]).add(m2.mul(UPWIND5[1])).add(m1.mul(UPWIND5[2])).add(p0.mul(UPWIND5[3]))
                .add(p1.mul(UPWIND5[4]));
        DoubleVector right = p2.mul(UPWIND5[0]).add(p1.mul(UPWIND5[1])).add(p0.mul(UPWIND5[2])).add(m1.mul(UPWIND5[3]))
                .add(m2.mul(UPWIND5[4]));
        DoubleVector wf = DoubleVector.fromArray(V, w, at - step).add(DoubleVector.fromArray(V, w, at));
        left.blend(right, wf.compare(VectorOperators.LT, 0)).intoArray(out, outAt);
    }

    /**
     * The flux through face f of the line that starts at cell {@code base} and runs with stride {@code step},
     * with F = 0 beyond the walls.
     */
    private double edgeFlux(double[] flux, double[] w, int base, int step, int f) {
        double wf = w[base + (f - 1) * step] + w[base + f * step];
        double sum = 0;
        for (int k = 0; k < 5; k++) {
            // upwind from the left: cells f−3 … f+1; from the right: cells f+2 … f−2
            int cell = wf >= 0 ? f - 3 + k : f + 2 - k;
            if (cell >= 0 && cell < n) {
                sum += UPWIND5[k] * flux[base + cell * step];
            }
        }
        return sum;
    }

    /** q ← a·q + b·other: the stages of the SSP Runge–Kutta scheme. */
    void combine(double[] q, double a, double[] other, double b) {
        Parallel.forBlocks(n, rowBlock(), (from, to) -> {
            for (int c = from * n; c < to * n; c++) {
                q[c] = a * q[c] + b * other[c];
            }
        });
    }

    /** B(z) = z / (e^z − 1), the Bernoulli function of the Scharfetter–Gummel flux (B(0) = 1). */
    static double bernoulli(double z) {
        if (Math.abs(z) < 1e-5) {
            return 1 - 0.5 * z + z * z / 12;
        }
        if (z > 700) {
            return z * Math.exp(-z);
        }
        return z / Math.expm1(z);
    }

    /**
     * The weights of the Scharfetter–Gummel fluxes of one axis: for every face, B(P) and B(−P) = B(P) + P,
     * P = d·a_f the face's drift over its diffusion times the spacing; 0 on the walls. Layout: face f of line k
     * at f·n + k (along x the line is the row, along y the column).
     */
    record DriftWeights(double[] plusX, double[] minusX, double[] plusY, double[] minusY) {

        static DriftWeights of(int n) {
            return new DriftWeights(new double[(n + 1) * n], new double[(n + 1) * n], new double[(n + 1) * n],
                    new double[(n + 1) * n]);
        }

        /**
         * this ← ca·a + cb·b + cc·c entry by entry ({@code a} may be null when ca = 0): the weights at a time
         * between macro levels (B is smooth in P, so this is the weight of the interpolated P to the same order).
         * Where an extrapolating weight would make an entry negative it is clipped at 0, which keeps the matrix
         * an M-matrix; B(±P) only comes near 0 where |P| ≫ 1, where the flux is upwind and the clipped side
         * carries nothing.
         */
        void combine(DriftWeights a, double ca, DriftWeights b, double cb, DriftWeights c, double cc) {
            combineInto(plusX, a == null ? null : a.plusX, ca, b.plusX, cb, c.plusX, cc);
            combineInto(minusX, a == null ? null : a.minusX, ca, b.minusX, cb, c.minusX, cc);
            combineInto(plusY, a == null ? null : a.plusY, ca, b.plusY, cb, c.plusY, cc);
            combineInto(minusY, a == null ? null : a.minusY, ca, b.minusY, cb, c.minusY, cc);
        }

        private static void combineInto(double[] out, double[] a, double ca, double[] b, double cb, double[] c,
                double cc) {
            for (int k = 0; k < out.length; k++) {
                double v = cb * b[k] + cc * c[k] + (a == null ? 0 : ca * a[k]);
                out[k] = Math.max(0, v);
            }
        }
    }

    /**
     * The Scharfetter–Gummel weights for the drift a = (ax, ay) given at the cell centres (in ξ units: the
     * score times the domain's half-width), the face drift being the mean of its two cells.
     */
    DriftWeights driftWeights(double[] ax, double[] ay, DriftWeights out) {
        Parallel.forBlocks(n, rowBlock(), (from, to) -> {
            for (int j = from; j < to; j++) {
                int row = j * n;
                for (int f = 1; f < n; f++) { // face f of row j, between cells f − 1 and f
                    double p = 0.5 * d * (ax[row + f - 1] + ax[row + f]);
                    double b = bernoulli(p);
                    out.plusX[f * n + j] = b;
                    out.minusX[f * n + j] = b + p;
                }
                if (j > 0) { // face j of column i, between rows j − 1 and j
                    for (int i = 0; i < n; i++) {
                        double p = 0.5 * d * (ay[row - n + i] + ay[row + i]);
                        double b = bernoulli(p);
                        out.plusY[row + i] = b;
                        out.minusY[row + i] = b + p;
                    }
                }
            }
        });
        // the walls carry no flux
        for (double[] a : new double[][] {out.plusX, out.minusX, out.plusY, out.minusY}) {
            java.util.Arrays.fill(a, 0, n, 0.0);
            java.util.Arrays.fill(a, n * n, n * (n + 1), 0.0);
        }
        return out;
    }

    /**
     * One backward-Euler step along {@code axis} (0 = x along rows, 1 = y along columns) of
     * ∂q/∂τ = ∂(D (∂q − a q)), in place. With r = Δτ D/d² and the weights of {@link #driftWeights} the
     * Scharfetter–Gummel flux through face f (from cell f − 1 to cell f) is
     * <pre>
     *   J_f = (D/d) [B(−P_f) q_{f−1} − B(P_f) q_f],     P_f = d·a_f,
     * </pre>
     * exact for constant a and D between two centres; every line has its own tridiagonal matrix (Thomas
     * algorithm; it is diagonally dominant by columns, so no pivoting).
     */
    void implicitDrift(double[] q, int axis, double r, DriftWeights wts, Scratch s) {
        if (axis == 1) {
            columnSweep(q, r, wts.plusY(), wts.minusY(), s.elimination);
            return;
        }
        // along x: transpose, sweep the rows as columns (contiguous, vectorised), transpose back. A scalar
        // sweep along each row waits on one chain of divisions per row and was four times slower (JFR).
        transpose(q, s.fx);
        columnSweep(s.fx, r, wts.plusX(), wts.minusX(), s.elimination);
        transpose(s.fx, q);
    }

    /** out[i·n + j] = q[j·n + i]. */
    private void transpose(double[] q, double[] out) {
        int tile = 32;
        Parallel.forBlocks(n, Math.max(tile, n / 2), (from, to) -> {
            for (int j0 = from; j0 < to; j0 += tile) {
                for (int i0 = 0; i0 < n; i0 += tile) {
                    for (int j = j0; j < Math.min(to, j0 + tile); j++) {
                        for (int i = i0; i < Math.min(n, i0 + tile); i++) {
                            out[i * n + j] = q[j * n + i];
                        }
                    }
                }
            }
        });
    }

    /**
     * Backward Euler along columns (index j of q[j·n + i]) with the face weights of face f of column i at
     * f·n + i: every column its own tridiagonal system, one grid row at a time so the inner loop runs over
     * contiguous memory.
     */
    private void columnSweep(double[] q, double r, double[] plus, double[] minus, double[] cp) {
        Parallel.forBlocks(n, Math.max(64, n / 2), (from, to) -> {
            for (int j = 0; j < n; j++) {
                int row = j * n;
                for (int i = from; i < to; i++) {
                    double lower = -r * minus[row + i];
                    double upper = -r * plus[row + n + i];
                    double diag = 1 + r * (minus[row + n + i] + plus[row + i]);
                    double prevC = j == 0 ? 0 : cp[row - n + i];
                    double prevQ = j == 0 ? 0 : q[row - n + i];
                    double m = 1 / (diag - lower * prevC);
                    cp[row + i] = upper * m;
                    q[row + i] = (q[row + i] - lower * prevQ) * m;
                }
            }
            for (int j = n - 2; j >= 0; j--) {
                int row = j * n;
                for (int i = from; i < to; i++) {
                    q[row + i] -= cp[row + i] * q[row + n + i];
                }
            }
        });
    }

    /** Σ q d²: the total probability (1 up to round-off). */
    double mass(double[] q) {
        double s = 0;
        for (double v : q) {
            s += v;
        }
        return s * d * d;
    }

    /** Probability in the outermost ring of cells. */
    double boundaryMass(double[] q) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                if (i == 0 || j == 0 || i == n - 1 || j == n - 1) {
                    s += Math.abs(q[j * n + i]);
                }
            }
        }
        return s * d * d;
    }

    /**
     * The density's narrowest width in ξ, √(2/I) with the Fisher information I = ∫ |∇q|²/q (central
     * differences): exactly σ for a Gaussian N(μ, σ² I), the narrow components' σ for a mixture.
     */
    double fisherWidth(double[] q) {
        double info = 0;
        double mass = 0;
        for (int j = 1; j < n - 1; j++) {
            for (int i = 1; i < n - 1; i++) {
                int c = j * n + i;
                double v = q[c];
                if (v > 0) {
                    mass += v;
                    double gx = q[c + 1] - q[c - 1];
                    double gy = q[c + n] - q[c - n];
                    info += (gx * gx + gy * gy) / v;
                }
            }
        }
        if (!(info > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        info /= 4 * d * d * mass; // gradients were differences over 2d; mean over the density
        return Math.sqrt(2 / info);
    }

    /** Cubic Lagrange weights on the centres −1, 0, 1, 2 (in cells) for a child centre at +¼ of a cell. */
    private static final double[] QUARTER = {-0.0546875, 0.8203125, 0.2734375, -0.0390625};

    /**
     * The same density on a grid of 2n cells: the children of cell i sit at i ∓ ¼ cell; their values are the
     * cubic (fourth-order) interpolation along x, then along y, with the total mass kept exactly.
     */
    double[] refined(double[] q) {
        int m = 2 * n;
        double[] half = new double[n * m]; // x refined, y not yet
        Parallel.forBlocks(n, rowBlock(), (from, to) -> {
            for (int j = from; j < to; j++) {
                for (int i = 0; i < n; i++) {
                    half[j * m + 2 * i] = quarter(q, j * n, 1, i, -1);
                    half[j * m + 2 * i + 1] = quarter(q, j * n, 1, i, 1);
                }
            }
        });
        double[] out = new double[m * m];
        Parallel.forBlocks(n, rowBlock(), (from, to) -> {
            for (int j = from; j < to; j++) {
                for (int i = 0; i < m; i++) {
                    out[2 * j * m + i] = quarterColumn(half, m, i, j, -1);
                    out[(2 * j + 1) * m + i] = quarterColumn(half, m, i, j, 1);
                }
            }
        });
        double before = mass(q);
        double after = 0;
        for (double v : out) {
            after += v;
        }
        after *= (d / 2) * (d / 2);
        double scale = before / after;
        for (int c = 0; c < out.length; c++) {
            out[c] *= scale;
        }
        return out;
    }

    /** Value at cell i ± ¼ along a row of n cells starting at {@code base} (stride {@code step}). */
    private double quarter(double[] q, int base, int step, int i, int side) {
        double s = 0;
        for (int k = 0; k < 4; k++) {
            // side +1: points i−1, i, i+1, i+2; side −1: the mirror i+1, i, i−1, i−2
            int cell = clamp(i + side * (k - 1));
            s += QUARTER[k] * q[base + cell * step];
        }
        return s;
    }

    private double quarterColumn(double[] half, int m, int i, int j, int side) {
        double s = 0;
        for (int k = 0; k < 4; k++) {
            s += QUARTER[k] * half[clamp(j + side * (k - 1)) * m + i];
        }
        return s;
    }

    /**
     * log q at ξ = (u, v) inside the square: log of the point values interpolated by bicubic Catmull–Rom
     * (exact for the quadratic log-density of a Gaussian). NaN when the density there is not positive.
     */
    double logDensity(double[] q, double u, double v) {
        double fu = (u + 1) / d - 0.5;
        double fv = (v + 1) / d - 0.5;
        int i0 = (int) Math.floor(fu);
        int j0 = (int) Math.floor(fv);
        double tu = fu - i0;
        double tv = fv - j0;
        double[] wu = catmullRom(tu);
        double[] wv = catmullRom(tv);
        double sum = 0;
        for (int b = 0; b < 4; b++) {
            int j = clamp(j0 - 1 + b);
            double rowSum = 0;
            for (int a = 0; a < 4; a++) {
                double p = q[j * n + clamp(i0 - 1 + a)];
                if (!(p > 0)) {
                    return bilinearLog(q, i0, j0, tu, tv);
                }
                rowSum += wu[a] * Math.log(p);
            }
            sum += wv[b] * rowSum;
        }
        return sum;
    }

    private double bilinearLog(double[] q, int i0, int j0, double tu, double tv) {
        double v = (1 - tv) * ((1 - tu) * q[clamp(j0) * n + clamp(i0)] + tu * q[clamp(j0) * n + clamp(i0 + 1)])
                + tv * ((1 - tu) * q[clamp(j0 + 1) * n + clamp(i0)] + tu * q[clamp(j0 + 1) * n + clamp(i0 + 1)]);
        return v > 0 ? Math.log(v) : Double.NaN;
    }

    private int clamp(int i) {
        return Math.max(0, Math.min(n - 1, i));
    }

    private static double[] catmullRom(double t) {
        double t2 = t * t;
        double t3 = t2 * t;
        return new double[] {0.5 * (-t3 + 2 * t2 - t), 0.5 * (3 * t3 - 5 * t2 + 2), 0.5 * (-3 * t3 + 4 * t2 + t),
            0.5 * (t3 - t2)};
    }
}
