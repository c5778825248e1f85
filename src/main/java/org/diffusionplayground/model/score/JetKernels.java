package org.diffusionplayground.model.score;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward-mode Taylor arithmetic through one activation layer (MATH.md §5: "propagate derivatives of
 * s_θ in x up to third order through the MLP exactly"). For every point the layer carries C channels:
 * the value, then ∂x, ∂y, then ∂xx, ∂xy, ∂yy, then ∂xxx, ∂xxy, ∂xyy, ∂yyy (C = 1, 3, 6, 10 for orders
 * 0–3). Linear layers act on every channel alike; the activation a = φ(z) combines them by Faà di Bruno:
 * <pre>
 *   a_j   = φ' z_j
 *   a_jk  = φ'' z_j z_k + φ' z_jk
 *   a_jkl = φ''' z_j z_k z_l + φ'' (z_jk z_l + z_jl z_k + z_kl z_j) + φ' z_jkl
 * </pre>
 */
final class JetKernels {

    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private JetKernels() {
    }

    /** Channels per point for a jet of the given order. */
    static int channels(int order) {
        return switch (order) {
            case 0 -> 1;
            case 1 -> 3;
            case 2 -> 6;
            case 3 -> 10;
            default -> throw new IllegalArgumentException("jet order must be 0..3, got " + order);
        };
    }

    /**
     * a ← φ-jet of z for {@code points} points, each occupying C consecutive rows of {@code width}
     * units. {@code d} is scratch of at least 4·width doubles.
     */
    static void activate(Activation act, double[] z, double[] a, int points, int order, int width, double[] d) {
        int c = channels(order);
        int lanes = D.length();
        int bound = D.loopBound(width);
        for (int p = 0; p < points; p++) {
            int base = p * c * width;
            derivatives(act, z, base, d, width, order);
            int u = 0;
            for (; u < bound; u += lanes) {
                combine(z, a, base, width, order, d, u, lanes);
            }
            for (; u < width; u++) {
                combineScalar(z, a, base, width, order, d, u);
            }
        }
    }

    /**
     * φ, φ', φ'', φ''' of the value row into d[0·w..], d[1·w..], d[2·w..], d[3·w..]; only those up to
     * the jet's order are used (the PF-ODE pass asks for order 1), so the vector path stops there.
     */
    private static void derivatives(Activation act, double[] z, int base, double[] d, int width, int order) {
        int lanes = D.length();
        int bound = D.loopBound(width);
        int u = 0;
        if (act == Activation.SILU) {
            // e^{−z} by VectorExp, not lanewise(EXP): SVML in C2 and a scalar fallback before differ in the
            // last bit, and C(x) then depended on when the JIT got here (VectorExp's comment)
            for (; u < bound; u += lanes) {
                DoubleVector zv = DoubleVector.fromArray(D, z, base + u);
                DoubleVector s = DoubleVector.broadcast(D, 1.0).div(VectorExp.exp(zv.neg()).add(1.0));
                DoubleVector s1 = s.mul(s.neg().add(1.0));
                zv.mul(s).intoArray(d, u);
                zv.fma(s1, s).intoArray(d, width + u);
                if (order >= 2) {
                    DoubleVector s2 = s1.mul(s.mul(-2.0).add(1.0));
                    DoubleVector s3 = s1.mul(s.mul(s).mul(6.0).sub(s.mul(6.0)).add(1.0));
                    zv.fma(s2, s1.mul(2.0)).intoArray(d, 2 * width + u);
                    zv.fma(s3, s2.mul(3.0)).intoArray(d, 3 * width + u);
                }
            }
        }
        double[] tmp = new double[4];
        for (; u < width; u++) {
            act.derivatives(z[base + u], tmp);
            d[u] = tmp[0];
            d[width + u] = tmp[1];
            d[2 * width + u] = tmp[2];
            d[3 * width + u] = tmp[3];
        }
    }

    private static void combine(double[] z, double[] a, int base, int w, int order, double[] d, int u, int lanes) {
        DoubleVector f0 = DoubleVector.fromArray(D, d, u);
        f0.intoArray(a, base + u);
        if (order == 0) {
            return;
        }
        DoubleVector f1 = DoubleVector.fromArray(D, d, w + u);
        DoubleVector zx = DoubleVector.fromArray(D, z, base + w + u);
        DoubleVector zy = DoubleVector.fromArray(D, z, base + 2 * w + u);
        f1.mul(zx).intoArray(a, base + w + u);
        f1.mul(zy).intoArray(a, base + 2 * w + u);
        if (order == 1) {
            return;
        }
        DoubleVector f2 = DoubleVector.fromArray(D, d, 2 * w + u);
        DoubleVector zxx = DoubleVector.fromArray(D, z, base + 3 * w + u);
        DoubleVector zxy = DoubleVector.fromArray(D, z, base + 4 * w + u);
        DoubleVector zyy = DoubleVector.fromArray(D, z, base + 5 * w + u);
        f2.mul(zx).mul(zx).add(f1.mul(zxx)).intoArray(a, base + 3 * w + u);
        f2.mul(zx).mul(zy).add(f1.mul(zxy)).intoArray(a, base + 4 * w + u);
        f2.mul(zy).mul(zy).add(f1.mul(zyy)).intoArray(a, base + 5 * w + u);
        if (order == 2) {
            return;
        }
        DoubleVector f3 = DoubleVector.fromArray(D, d, 3 * w + u);
        DoubleVector zxxx = DoubleVector.fromArray(D, z, base + 6 * w + u);
        DoubleVector zxxy = DoubleVector.fromArray(D, z, base + 7 * w + u);
        DoubleVector zxyy = DoubleVector.fromArray(D, z, base + 8 * w + u);
        DoubleVector zyyy = DoubleVector.fromArray(D, z, base + 9 * w + u);
        // xxx: φ''' zx³ + 3 φ'' zxx zx + φ' zxxx
        f3.mul(zx).mul(zx).mul(zx).add(f2.mul(zxx).mul(zx).mul(3.0)).add(f1.mul(zxxx))
                .intoArray(a, base + 6 * w + u);
        // xxy: φ''' zx² zy + φ'' (zxx zy + 2 zxy zx) + φ' zxxy
        f3.mul(zx).mul(zx).mul(zy).add(f2.mul(zxx.mul(zy).add(zxy.mul(zx).mul(2.0)))).add(f1.mul(zxxy))
                .intoArray(a, base + 7 * w + u);
        // xyy: φ''' zx zy² + φ'' (zyy zx + 2 zxy zy) + φ' zxyy
        f3.mul(zx).mul(zy).mul(zy).add(f2.mul(zyy.mul(zx).add(zxy.mul(zy).mul(2.0)))).add(f1.mul(zxyy))
                .intoArray(a, base + 8 * w + u);
        // yyy: φ''' zy³ + 3 φ'' zyy zy + φ' zyyy
        f3.mul(zy).mul(zy).mul(zy).add(f2.mul(zyy).mul(zy).mul(3.0)).add(f1.mul(zyyy))
                .intoArray(a, base + 9 * w + u);
    }

    private static void combineScalar(double[] z, double[] a, int base, int w, int order, double[] d, int u) {
        double f0 = d[u];
        a[base + u] = f0;
        if (order == 0) {
            return;
        }
        double f1 = d[w + u];
        double zx = z[base + w + u];
        double zy = z[base + 2 * w + u];
        a[base + w + u] = f1 * zx;
        a[base + 2 * w + u] = f1 * zy;
        if (order == 1) {
            return;
        }
        double f2 = d[2 * w + u];
        double zxx = z[base + 3 * w + u];
        double zxy = z[base + 4 * w + u];
        double zyy = z[base + 5 * w + u];
        a[base + 3 * w + u] = f2 * zx * zx + f1 * zxx;
        a[base + 4 * w + u] = f2 * zx * zy + f1 * zxy;
        a[base + 5 * w + u] = f2 * zy * zy + f1 * zyy;
        if (order == 2) {
            return;
        }
        double f3 = d[3 * w + u];
        a[base + 6 * w + u] = f3 * zx * zx * zx + 3 * f2 * zxx * zx + f1 * z[base + 6 * w + u];
        a[base + 7 * w + u] = f3 * zx * zx * zy + f2 * (zxx * zy + 2 * zxy * zx) + f1 * z[base + 7 * w + u];
        a[base + 8 * w + u] = f3 * zx * zy * zy + f2 * (zyy * zx + 2 * zxy * zy) + f1 * z[base + 8 * w + u];
        a[base + 9 * w + u] = f3 * zy * zy * zy + 3 * f2 * zyy * zy + f1 * z[base + 9 * w + u];
    }
}
