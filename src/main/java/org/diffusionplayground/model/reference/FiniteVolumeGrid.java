package org.diffusionplayground.model.reference;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.diffusionplayground.model.util.Parallel;

/**
 * Conservative finite volumes on the reference square ξ ∈ [−1, 1]², n × n cells of side d = 2/n, cell
 * averages stored row-major ({@code q[j·n + i]}, i along x). Everything here preserves Σ q d² exactly (up
 * to round-off): every operator is a difference of face fluxes, and the walls carry zero flux. The physics
 * (which velocity, which diffusion) is the {@link FokkerPlanckSolver}'s; this class only does the numerics:
 * <ul>
 *   <li>{@link #advect}: one forward-Euler stage of ∂q/∂τ = −∇·(w q) with MUSCL face values and the
 *   monotonised-central limiter (van Leer 1977): second order where the density is smooth, no new extrema,
 *   and q ≥ 0 as long as Δτ (max|w_x| + max|w_y|)/d ≤ ½ (the solver keeps it there);</li>
 *   <li>{@link #implicitDrift}: one backward-Euler step of ∂q/∂τ = −∂_x(w q) + D ∂²_x q along one axis with
 *   Scharfetter–Gummel (exponentially fitted) fluxes. Its matrix is an M-matrix with unit column sums:
 *   unconditionally stable, positive and conservative for any step, which is what the stiff end of COSINE
 *   (g² ≈ 2000 near T) needs;</li>
 *   <li>{@link #refined}: the same density on a grid twice as fine (limited linear reconstruction);</li>
 *   <li>{@link #logDensity}: log q at a point (bicubic Catmull–Rom of log of point values).</li>
 * </ul>
 */
final class FiniteVolumeGrid {

    final int n;
    final double d;

    FiniteVolumeGrid(int n) {
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

    /** Monotonised-central slope from the two one-sided differences (zero at an extremum). */
    static double limitedSlope(double left, double right) {
        if (left * right <= 0) {
            return 0;
        }
        double m = Math.min(Math.min(2 * Math.abs(left), 2 * Math.abs(right)), 0.5 * Math.abs(left + right));
        return left > 0 ? m : -m;
    }

    /** Scratch of {@link #advect}: limited slopes per cell and fluxes per face. */
    static final class Scratch {
        final double[] slopeX;
        final double[] slopeY;
        final double[] fx;
        final double[] fy;

        Scratch(int n) {
            slopeX = new double[n * n];
            slopeY = new double[n * n];
            fx = new double[n * (n + 1)];
            fy = new double[(n + 1) * n];
        }
    }

    /**
     * out = q − Δτ ∇·F(q): MUSCL upwind fluxes with face velocities averaged from the cell-centre velocities
     * {@code wx, wy} (in ξ per unit τ),
     * <pre>
     *   F_f = max(w_f, 0) (q_L + s_L/2) + min(w_f, 0) (q_R − s_R/2),    w_f = (w_L + w_R)/2,
     * </pre>
     * s the monotonised-central slopes (zero in the boundary cells). Every pass runs over contiguous rows with
     * the Vector API: this kernel runs twice per substep, thousands of substeps per solve. Measured in process
     * CPU time against the scalar loops with branches it replaced: 1.3 against 8.1 ms per call on a 512² grid
     * of random data (no branch prediction helps), and 6.2 against 7.1 s for a whole 256² solve of the
     * 25-gaussian exact score (smooth data, the score's own cost included).
     */
    void advect(double[] q, double[] wx, double[] wy, double dt, double[] out, Scratch s) {
        int n1 = n + 1;
        double r = dt / d;
        Parallel.forBlocks(n, rowBlock(), (from, to) -> {
            for (int j = from; j < to; j++) {
                int row = j * n;
                // slopes along x (cells 1 … n−2), then fluxes through the inner x-faces 1 … n−1
                s.slopeX[row] = 0;
                s.slopeX[row + n - 1] = 0;
                slopes(q, row + 1, row + n - 1, 1, s.slopeX);
                // slopes along y (rows 1 … n−2)
                if (j == 0 || j == n - 1) {
                    java.util.Arrays.fill(s.slopeY, row, row + n, 0.0);
                } else {
                    slopes(q, row, row + n, n, s.slopeY);
                }
                int frow = j * n1;
                s.fx[frow] = 0;
                s.fx[frow + n] = 0;
                fluxes(q, wx, s.slopeX, row, row + 1, n - 1, s.fx, frow + 1);
            }
        });
        java.util.Arrays.fill(s.fy, 0, n, 0.0);
        java.util.Arrays.fill(s.fy, n * n, n * n1, 0.0);
        // face row f (1 … n−1) lies between cell rows f − 1 and f; it needs both rows' y-slopes
        Parallel.forBlocks(n - 1, rowBlock(), (from, to) -> {
            for (int f = from + 1; f < to + 1; f++) {
                fluxes(q, wy, s.slopeY, (f - 1) * n, f * n, n, s.fy, f * n);
            }
        });
        Parallel.forBlocks(n, rowBlock(), (from, to) -> {
            DoubleVector rv = DoubleVector.broadcast(V, r);
            for (int j = from; j < to; j++) {
                int row = j * n;
                int frow = j * n1;
                int i = 0;
                for (int bound = V.loopBound(n); i < bound; i += V.length()) {
                    DoubleVector div = DoubleVector.fromArray(V, s.fx, frow + i + 1)
                            .sub(DoubleVector.fromArray(V, s.fx, frow + i))
                            .add(DoubleVector.fromArray(V, s.fy, row + n + i))
                            .sub(DoubleVector.fromArray(V, s.fy, row + i));
                    DoubleVector.fromArray(V, q, row + i).sub(rv.mul(div)).intoArray(out, row + i);
                }
                for (; i < n; i++) {
                    out[row + i] = q[row + i]
                            - r * (s.fx[frow + i + 1] - s.fx[frow + i] + s.fy[row + n + i] - s.fy[row + i]);
                }
            }
        });
    }

    private static final VectorSpecies<Double> V = DoubleVector.SPECIES_PREFERRED;

    /**
     * Monotonised-central slopes of cells c ∈ [from, to) along stride {@code step} (1 = x, n = y): from the
     * one-sided differences a = q_c − q_{c−step}, b = q_{c+step} − q_c, zero where a·b ≤ 0.
     */
    private static void slopes(double[] q, int from, int to, int step, double[] out) {
        int c = from;
        for (int bound = from + V.loopBound(to - from); c < bound; c += V.length()) {
            DoubleVector mid = DoubleVector.fromArray(V, q, c);
            DoubleVector a = mid.sub(DoubleVector.fromArray(V, q, c - step));
            DoubleVector b = DoubleVector.fromArray(V, q, c + step).sub(mid);
            DoubleVector m = a.abs().min(b.abs()).mul(2).min(a.add(b).abs().mul(0.5));
            m = m.blend(m.neg(), a.compare(VectorOperators.LT, 0));
            m = m.blend(0, a.mul(b).compare(VectorOperators.LE, 0));
            m.intoArray(out, c);
        }
        for (; c < to; c++) {
            out[c] = limitedSlope(q[c] - q[c - step], q[c + step] - q[c]);
        }
    }

    /**
     * Upwind MUSCL fluxes through {@code count} faces between cells {@code left + k} and {@code right + k}
     * (k = 0 … count−1), into {@code flux[at + k]}.
     */
    private static void fluxes(double[] q, double[] w, double[] slope, int left, int right, int count,
            double[] flux, int at) {
        int k = 0;
        DoubleVector half = DoubleVector.broadcast(V, 0.5);
        for (int bound = V.loopBound(count); k < bound; k += V.length()) {
            DoubleVector wf = DoubleVector.fromArray(V, w, left + k).add(DoubleVector.fromArray(V, w, right + k))
                    .mul(half);
            DoubleVector ql = DoubleVector.fromArray(V, q, left + k)
                    .add(DoubleVector.fromArray(V, slope, left + k).mul(half));
            DoubleVector qr = DoubleVector.fromArray(V, q, right + k)
                    .sub(DoubleVector.fromArray(V, slope, right + k).mul(half));
            wf.max(0).mul(ql).add(wf.min(0).mul(qr)).intoArray(flux, at + k);
        }
        for (; k < count; k++) {
            double wf = 0.5 * (w[left + k] + w[right + k]);
            flux[at + k] = wf > 0 ? wf * (q[left + k] + 0.5 * slope[left + k])
                    : wf * (q[right + k] - 0.5 * slope[right + k]);
        }
    }

    /** q ← ½ (q + other): the last stage of SSP-RK2. */
    void average(double[] q, double[] other) {
        Parallel.forBlocks(n, rowBlock(), (from, to) -> {
            for (int c = from * n; c < to * n; c++) {
                q[c] = 0.5 * (q[c] + other[c]);
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
     * One backward-Euler step along {@code axis} (0 = x along rows, 1 = y along columns) of
     * ∂q/∂τ = −∂(w q) + D ∂²q, in place. With r = Δτ D/d² and the face Péclet numbers P_f = w_f d / D
     * (f = 1 … n − 1; walls carry no flux) the Scharfetter–Gummel flux is
     * <pre>
     *   J_f = (D/d) [B(−P_f) q_{f−1} − B(P_f) q_f]
     * </pre>
     * exact for constant w, D between two cell centres, central differencing as P → 0 and upwinding as
     * |P| → ∞. Every row (or column) has the same tridiagonal matrix, factorised once (Thomas algorithm; it
     * is diagonally dominant, so no pivoting).
     */
    void implicitDrift(double[] q, int axis, double r, double[] peclet) {
        double[] lower = new double[n];
        double[] diag = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = 1;
            if (i > 0) { // face i between cells i − 1 and i
                lower[i] = -r * bernoulli(-peclet[i]);
                diag[i] += r * bernoulli(peclet[i]);
            }
            if (i < n - 1) { // face i + 1
                upper[i] = -r * bernoulli(peclet[i + 1]);
                diag[i] += r * bernoulli(-peclet[i + 1]);
            }
        }
        double[] cp = new double[n];
        double[] m = new double[n];
        m[0] = 1 / diag[0];
        cp[0] = upper[0] * m[0];
        for (int i = 1; i < n; i++) {
            m[i] = 1 / (diag[i] - lower[i] * cp[i - 1]);
            cp[i] = upper[i] * m[i];
        }
        if (axis == 0) {
            Parallel.forBlocks(n, rowBlock(), (from, to) -> {
                for (int j = from; j < to; j++) {
                    int row = j * n;
                    q[row] *= m[0];
                    for (int i = 1; i < n; i++) {
                        q[row + i] = (q[row + i] - lower[i] * q[row + i - 1]) * m[i];
                    }
                    for (int i = n - 2; i >= 0; i--) {
                        q[row + i] -= cp[i] * q[row + i + 1];
                    }
                }
            });
        } else {
            // along columns, one row of the grid at a time so the inner loop runs over contiguous memory
            Parallel.forBlocks(n, Math.max(64, n / 2), (from, to) -> {
                for (int i = from; i < to; i++) {
                    q[i] *= m[0];
                }
                for (int j = 1; j < n; j++) {
                    int row = j * n;
                    double l = lower[j];
                    double mj = m[j];
                    for (int i = from; i < to; i++) {
                        q[row + i] = (q[row + i] - l * q[row - n + i]) * mj;
                    }
                }
                for (int j = n - 2; j >= 0; j--) {
                    int row = j * n;
                    double c = cp[j];
                    for (int i = from; i < to; i++) {
                        q[row + i] -= c * q[row + n + i];
                    }
                }
            });
        }
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
                    s += q[j * n + i];
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
                mass += v;
                if (v > 0) {
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

    /** The same cell averages on a grid of 2n cells: each cell split in four along its limited slopes. */
    double[] refined(double[] q) {
        int m = 2 * n;
        double[] out = new double[m * m];
        Parallel.forBlocks(n, rowBlock(), (from, to) -> {
            for (int j = from; j < to; j++) {
                for (int i = 0; i < n; i++) {
                    int c = j * n + i;
                    double sx = i == 0 || i == n - 1 ? 0 : limitedSlope(q[c] - q[c - 1], q[c + 1] - q[c]);
                    double sy = j == 0 || j == n - 1 ? 0 : limitedSlope(q[c] - q[c - n], q[c + n] - q[c]);
                    for (int b = 0; b < 2; b++) {
                        for (int a = 0; a < 2; a++) {
                            // child centres sit a quarter of a parent cell from the parent's centre
                            out[(2 * j + b) * m + 2 * i + a] = q[c] + 0.25 * (a == 0 ? -sx : sx)
                                    + 0.25 * (b == 0 ? -sy : sy);
                        }
                    }
                }
            }
        });
        return out;
    }

    /**
     * log q at ξ = (u, v) inside the square: cell averages are turned into point values to fourth order,
     * p = q̄ − (δ²_x q̄ + δ²_y q̄)/24, and log p is interpolated by bicubic Catmull–Rom (exact for the
     * quadratic log-density of a Gaussian). NaN when the density there is not positive on the grid.
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
                int i = clamp(i0 - 1 + a);
                double p = pointValue(q, i, j);
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

    private double pointValue(double[] q, int i, int j) {
        double c = q[j * n + i];
        double lap = q[j * n + clamp(i - 1)] + q[j * n + clamp(i + 1)] + q[clamp(j - 1) * n + i]
                + q[clamp(j + 1) * n + i] - 4 * c;
        double p = c - lap / 24;
        return p > 0 ? p : c;
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
