package org.diffusionplayground.model.score;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.diffusionplayground.model.util.LaneSums;

/**
 * Dense layer kernels in plain Java with the Vector API. Why not ND4J here: the call overhead of each
 * ND4J op is more than a whole small-batch layer, and a register-blocked Vector API kernel runs at the
 * FMA peak, as OpenBLAS does (docs/benchmarks.md, "Where the time goes").
 *
 * <p>Layout: activations row-major (rows × k), weights transposed (k × n), so the inner loop
 * broadcasts one input and runs FMAs along contiguous output units. Blocking: 4 rows × 2 vectors
 * = 8 accumulators in registers.
 */
final class VectorKernels {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private VectorKernels() {
    }

    /** out[r·n + o] = (bias == null ? 0 : bias[o]) + Σ_i in[r·k + i] · wt[i·n + o]. */
    static void affine(float[] in, int rows, int k, float[] wt, float[] bias, float[] out, int n) {
        int lanes = F.length();
        int n4 = n / (4 * lanes) * (4 * lanes);
        int n2 = n / (2 * lanes) * (2 * lanes);
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            for (int o = 0; o < n4; o += 4 * lanes) {
                block4x4(in, r, k, wt, bias, out, n, o);
            }
            for (int o = n4; o < n2; o += 2 * lanes) {
                block4x2(in, r, k, wt, bias, out, n, o);
            }
            for (int rr = r; rr < r + 4; rr++) {
                affineScalarColumns(in, rr, k, wt, bias, out, n, n2);
            }
        }
        for (; r < rows; r++) {
            for (int o = 0; o < n4; o += 4 * lanes) {
                row1x4(in, r, k, wt, bias, out, n, o);
            }
            affineScalarColumns(in, r, k, wt, bias, out, n, n4);
        }
    }

    /** One row × 4 vectors, for the rows left over by the 4-row blocks. */
    private static void row1x4(float[] in, int r, int k, float[] wt, float[] bias, float[] out, int n, int o) {
        int lanes = F.length();
        int i0 = r * k;
        FloatVector a0 = biasVector(bias, o);
        FloatVector a1 = biasVector(bias, o + lanes);
        FloatVector a2 = biasVector(bias, o + 2 * lanes);
        FloatVector a3 = biasVector(bias, o + 3 * lanes);
        for (int i = 0; i < k; i++) {
            int wi = i * n + o;
            FloatVector x = FloatVector.broadcast(F, in[i0 + i]);
            a0 = FloatVector.fromArray(F, wt, wi).fma(x, a0);
            a1 = FloatVector.fromArray(F, wt, wi + lanes).fma(x, a1);
            a2 = FloatVector.fromArray(F, wt, wi + 2 * lanes).fma(x, a2);
            a3 = FloatVector.fromArray(F, wt, wi + 3 * lanes).fma(x, a3);
        }
        int b = r * n + o;
        a0.intoArray(out, b);
        a1.intoArray(out, b + lanes);
        a2.intoArray(out, b + 2 * lanes);
        a3.intoArray(out, b + 3 * lanes);
    }

    /**
     * out[r·n + o] = bias[o] + Σ_i in[r·k + i] · w[o·k + i] for a narrow layer (the 2-unit output):
     * dot products along the inputs with the untransposed weight, instead of scalar strided loops
     * (those took a quarter of the 10 000-point forward).
     */
    static void affineNarrow(float[] in, int rows, int k, float[] w, float[] bias, float[] out, int n) {
        int lanes = F.length();
        int kb = F.loopBound(k);
        float[] lane = new float[lanes];
        for (int r = 0; r < rows; r++) {
            int ri = r * k;
            for (int o = 0; o < n; o++) {
                int wo = o * k;
                FloatVector acc = FloatVector.zero(F);
                int i = 0;
                for (; i < kb; i += lanes) {
                    acc = FloatVector.fromArray(F, in, ri + i).fma(FloatVector.fromArray(F, w, wo + i), acc);
                }
                float sum = bias[o] + LaneSums.inOrder(acc, lane); // the same bits before and after C2
                for (; i < k; i++) {
                    sum += in[ri + i] * w[wo + i];
                }
                out[r * n + o] = sum;
            }
        }
    }

    private static FloatVector biasVector(float[] bias, int o) {
        return bias == null ? FloatVector.zero(F) : FloatVector.fromArray(F, bias, o);
    }

    /** 4 rows × 4 vectors: 16 accumulators, enough FMA chains in flight to hide the FMA latency. */
    private static void block4x4(float[] in, int r, int k, float[] wt, float[] bias, float[] out, int n, int o) {
        int lanes = F.length();
        int i0 = r * k;
        int i1 = i0 + k;
        int i2 = i1 + k;
        int i3 = i2 + k;
        FloatVector b0 = biasVector(bias, o);
        FloatVector b1 = biasVector(bias, o + lanes);
        FloatVector b2 = biasVector(bias, o + 2 * lanes);
        FloatVector b3 = biasVector(bias, o + 3 * lanes);
        FloatVector a00 = b0;
        FloatVector a01 = b1;
        FloatVector a02 = b2;
        FloatVector a03 = b3;
        FloatVector a10 = b0;
        FloatVector a11 = b1;
        FloatVector a12 = b2;
        FloatVector a13 = b3;
        FloatVector a20 = b0;
        FloatVector a21 = b1;
        FloatVector a22 = b2;
        FloatVector a23 = b3;
        FloatVector a30 = b0;
        FloatVector a31 = b1;
        FloatVector a32 = b2;
        FloatVector a33 = b3;
        for (int i = 0; i < k; i++) {
            int wi = i * n + o;
            FloatVector w0 = FloatVector.fromArray(F, wt, wi);
            FloatVector w1 = FloatVector.fromArray(F, wt, wi + lanes);
            FloatVector w2 = FloatVector.fromArray(F, wt, wi + 2 * lanes);
            FloatVector w3 = FloatVector.fromArray(F, wt, wi + 3 * lanes);
            FloatVector x = FloatVector.broadcast(F, in[i0 + i]);
            a00 = w0.fma(x, a00);
            a01 = w1.fma(x, a01);
            a02 = w2.fma(x, a02);
            a03 = w3.fma(x, a03);
            x = FloatVector.broadcast(F, in[i1 + i]);
            a10 = w0.fma(x, a10);
            a11 = w1.fma(x, a11);
            a12 = w2.fma(x, a12);
            a13 = w3.fma(x, a13);
            x = FloatVector.broadcast(F, in[i2 + i]);
            a20 = w0.fma(x, a20);
            a21 = w1.fma(x, a21);
            a22 = w2.fma(x, a22);
            a23 = w3.fma(x, a23);
            x = FloatVector.broadcast(F, in[i3 + i]);
            a30 = w0.fma(x, a30);
            a31 = w1.fma(x, a31);
            a32 = w2.fma(x, a32);
            a33 = w3.fma(x, a33);
        }
        int b = r * n + o;
        a00.intoArray(out, b);
        a01.intoArray(out, b + lanes);
        a02.intoArray(out, b + 2 * lanes);
        a03.intoArray(out, b + 3 * lanes);
        b += n;
        a10.intoArray(out, b);
        a11.intoArray(out, b + lanes);
        a12.intoArray(out, b + 2 * lanes);
        a13.intoArray(out, b + 3 * lanes);
        b += n;
        a20.intoArray(out, b);
        a21.intoArray(out, b + lanes);
        a22.intoArray(out, b + 2 * lanes);
        a23.intoArray(out, b + 3 * lanes);
        b += n;
        a30.intoArray(out, b);
        a31.intoArray(out, b + lanes);
        a32.intoArray(out, b + 2 * lanes);
        a33.intoArray(out, b + 3 * lanes);
    }

    /** 4 rows × 2 vectors, for a column remainder of two vectors. */
    private static void block4x2(float[] in, int r, int k, float[] wt, float[] bias, float[] out, int n, int o) {
        int lanes = F.length();
        int i0 = r * k;
        int i1 = i0 + k;
        int i2 = i1 + k;
        int i3 = i2 + k;
        FloatVector b0 = biasVector(bias, o);
        FloatVector b1 = biasVector(bias, o + lanes);
        FloatVector a00 = b0;
        FloatVector a01 = b1;
        FloatVector a10 = b0;
        FloatVector a11 = b1;
        FloatVector a20 = b0;
        FloatVector a21 = b1;
        FloatVector a30 = b0;
        FloatVector a31 = b1;
        for (int i = 0; i < k; i++) {
            FloatVector w0 = FloatVector.fromArray(F, wt, i * n + o);
            FloatVector w1 = FloatVector.fromArray(F, wt, i * n + o + lanes);
            FloatVector x0 = FloatVector.broadcast(F, in[i0 + i]);
            FloatVector x1 = FloatVector.broadcast(F, in[i1 + i]);
            FloatVector x2 = FloatVector.broadcast(F, in[i2 + i]);
            FloatVector x3 = FloatVector.broadcast(F, in[i3 + i]);
            a00 = w0.fma(x0, a00);
            a01 = w1.fma(x0, a01);
            a10 = w0.fma(x1, a10);
            a11 = w1.fma(x1, a11);
            a20 = w0.fma(x2, a20);
            a21 = w1.fma(x2, a21);
            a30 = w0.fma(x3, a30);
            a31 = w1.fma(x3, a31);
        }
        a00.intoArray(out, r * n + o);
        a01.intoArray(out, r * n + o + lanes);
        a10.intoArray(out, (r + 1) * n + o);
        a11.intoArray(out, (r + 1) * n + o + lanes);
        a20.intoArray(out, (r + 2) * n + o);
        a21.intoArray(out, (r + 2) * n + o + lanes);
        a30.intoArray(out, (r + 3) * n + o);
        a31.intoArray(out, (r + 3) * n + o + lanes);
    }

    private static void affineScalarColumns(float[] in, int r, int k, float[] wt, float[] bias, float[] out, int n,
            int fromColumn) {
        for (int o = fromColumn; o < n; o++) {
            float acc = bias == null ? 0f : bias[o];
            for (int i = 0; i < k; i++) {
                acc += in[r * k + i] * wt[i * n + o];
            }
            out[r * n + o] = acc;
        }
    }

    /**
     * Same as the float kernel, in double (the jets need it: third derivatives lose float precision):
     * 4 rows × 4 vectors of accumulators, then 4 × 2 for a remainder. With 8 doubles per vector the
     * 4 × 4 block keeps 16 FMA chains in flight, enough to hide the FMA latency that 8 chains (4 × 2)
     * could not (docs/benchmarks.md, "What changed").
     */
    static void affine(double[] in, int rows, int k, double[] wt, double[] out, int n) {
        int lanes = D.length();
        int n4 = n / (4 * lanes) * (4 * lanes);
        int n2 = n / (2 * lanes) * (2 * lanes);
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            for (int o = 0; o < n4; o += 4 * lanes) {
                block4x4(in, r, k, wt, out, n, o);
            }
            for (int o = n4; o < n2; o += 2 * lanes) {
                block4x2(in, r, k, wt, out, n, o);
            }
            for (int rr = r; rr < r + 4; rr++) {
                affineScalarColumns(in, rr, k, wt, out, n, n2);
            }
        }
        if (r + 2 <= rows) {
            for (int o = 0; o < n4; o += 4 * lanes) {
                block2x4(in, r, k, wt, out, n, o);
            }
            affineScalarColumns(in, r, k, wt, out, n, n4);
            affineScalarColumns(in, r + 1, k, wt, out, n, n4);
            r += 2;
        }
        for (; r < rows; r++) {
            for (int o = 0; o < n4; o += 4 * lanes) {
                row1x4(in, r, k, wt, out, n, o);
            }
            affineScalarColumns(in, r, k, wt, out, n, n4);
        }
    }

    /** Two rows × 4 vectors (8 FMA chains, enough to keep both FMA pipes busy) for a 2- or 3-row remainder. */
    private static void block2x4(double[] in, int r, int k, double[] wt, double[] out, int n, int o) {
        int lanes = D.length();
        int i0 = r * k;
        int i1 = i0 + k;
        DoubleVector a00 = DoubleVector.zero(D);
        DoubleVector a01 = a00;
        DoubleVector a02 = a00;
        DoubleVector a03 = a00;
        DoubleVector a10 = a00;
        DoubleVector a11 = a00;
        DoubleVector a12 = a00;
        DoubleVector a13 = a00;
        for (int i = 0; i < k; i++) {
            int wi = i * n + o;
            DoubleVector w0 = DoubleVector.fromArray(D, wt, wi);
            DoubleVector w1 = DoubleVector.fromArray(D, wt, wi + lanes);
            DoubleVector w2 = DoubleVector.fromArray(D, wt, wi + 2 * lanes);
            DoubleVector w3 = DoubleVector.fromArray(D, wt, wi + 3 * lanes);
            DoubleVector x = DoubleVector.broadcast(D, in[i0 + i]);
            a00 = w0.fma(x, a00);
            a01 = w1.fma(x, a01);
            a02 = w2.fma(x, a02);
            a03 = w3.fma(x, a03);
            x = DoubleVector.broadcast(D, in[i1 + i]);
            a10 = w0.fma(x, a10);
            a11 = w1.fma(x, a11);
            a12 = w2.fma(x, a12);
            a13 = w3.fma(x, a13);
        }
        int b = r * n + o;
        a00.intoArray(out, b);
        a01.intoArray(out, b + lanes);
        a02.intoArray(out, b + 2 * lanes);
        a03.intoArray(out, b + 3 * lanes);
        b += n;
        a10.intoArray(out, b);
        a11.intoArray(out, b + lanes);
        a12.intoArray(out, b + 2 * lanes);
        a13.intoArray(out, b + 3 * lanes);
    }

    /**
     * One row × 4 vectors: the rows left over by the 4-row blocks (a single point's jets, as the
     * per-point Hipparchus peer and the last points of an ensemble ask for) stay vectorised.
     */
    private static void row1x4(double[] in, int r, int k, double[] wt, double[] out, int n, int o) {
        int lanes = D.length();
        int i0 = r * k;
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        for (int i = 0; i < k; i++) {
            int wi = i * n + o;
            DoubleVector x = DoubleVector.broadcast(D, in[i0 + i]);
            a0 = DoubleVector.fromArray(D, wt, wi).fma(x, a0);
            a1 = DoubleVector.fromArray(D, wt, wi + lanes).fma(x, a1);
            a2 = DoubleVector.fromArray(D, wt, wi + 2 * lanes).fma(x, a2);
            a3 = DoubleVector.fromArray(D, wt, wi + 3 * lanes).fma(x, a3);
        }
        int b = r * n + o;
        a0.intoArray(out, b);
        a1.intoArray(out, b + lanes);
        a2.intoArray(out, b + 2 * lanes);
        a3.intoArray(out, b + 3 * lanes);
    }

    private static void block4x4(double[] in, int r, int k, double[] wt, double[] out, int n, int o) {
        int lanes = D.length();
        int i0 = r * k;
        int i1 = i0 + k;
        int i2 = i1 + k;
        int i3 = i2 + k;
        DoubleVector a00 = DoubleVector.zero(D);
        DoubleVector a01 = a00;
        DoubleVector a02 = a00;
        DoubleVector a03 = a00;
        DoubleVector a10 = a00;
        DoubleVector a11 = a00;
        DoubleVector a12 = a00;
        DoubleVector a13 = a00;
        DoubleVector a20 = a00;
        DoubleVector a21 = a00;
        DoubleVector a22 = a00;
        DoubleVector a23 = a00;
        DoubleVector a30 = a00;
        DoubleVector a31 = a00;
        DoubleVector a32 = a00;
        DoubleVector a33 = a00;
        for (int i = 0; i < k; i++) {
            int wi = i * n + o;
            DoubleVector w0 = DoubleVector.fromArray(D, wt, wi);
            DoubleVector w1 = DoubleVector.fromArray(D, wt, wi + lanes);
            DoubleVector w2 = DoubleVector.fromArray(D, wt, wi + 2 * lanes);
            DoubleVector w3 = DoubleVector.fromArray(D, wt, wi + 3 * lanes);
            DoubleVector x = DoubleVector.broadcast(D, in[i0 + i]);
            a00 = w0.fma(x, a00);
            a01 = w1.fma(x, a01);
            a02 = w2.fma(x, a02);
            a03 = w3.fma(x, a03);
            x = DoubleVector.broadcast(D, in[i1 + i]);
            a10 = w0.fma(x, a10);
            a11 = w1.fma(x, a11);
            a12 = w2.fma(x, a12);
            a13 = w3.fma(x, a13);
            x = DoubleVector.broadcast(D, in[i2 + i]);
            a20 = w0.fma(x, a20);
            a21 = w1.fma(x, a21);
            a22 = w2.fma(x, a22);
            a23 = w3.fma(x, a23);
            x = DoubleVector.broadcast(D, in[i3 + i]);
            a30 = w0.fma(x, a30);
            a31 = w1.fma(x, a31);
            a32 = w2.fma(x, a32);
            a33 = w3.fma(x, a33);
        }
        int b = r * n + o;
        a00.intoArray(out, b);
        a01.intoArray(out, b + lanes);
        a02.intoArray(out, b + 2 * lanes);
        a03.intoArray(out, b + 3 * lanes);
        b += n;
        a10.intoArray(out, b);
        a11.intoArray(out, b + lanes);
        a12.intoArray(out, b + 2 * lanes);
        a13.intoArray(out, b + 3 * lanes);
        b += n;
        a20.intoArray(out, b);
        a21.intoArray(out, b + lanes);
        a22.intoArray(out, b + 2 * lanes);
        a23.intoArray(out, b + 3 * lanes);
        b += n;
        a30.intoArray(out, b);
        a31.intoArray(out, b + lanes);
        a32.intoArray(out, b + 2 * lanes);
        a33.intoArray(out, b + 3 * lanes);
    }

    private static void block4x2(double[] in, int r, int k, double[] wt, double[] out, int n, int o) {
        int lanes = D.length();
        int i0 = r * k;
        int i1 = i0 + k;
        int i2 = i1 + k;
        int i3 = i2 + k;
        DoubleVector a00 = DoubleVector.zero(D);
        DoubleVector a01 = a00;
        DoubleVector a10 = a00;
        DoubleVector a11 = a00;
        DoubleVector a20 = a00;
        DoubleVector a21 = a00;
        DoubleVector a30 = a00;
        DoubleVector a31 = a00;
        for (int i = 0; i < k; i++) {
            DoubleVector w0 = DoubleVector.fromArray(D, wt, i * n + o);
            DoubleVector w1 = DoubleVector.fromArray(D, wt, i * n + o + lanes);
            DoubleVector x0 = DoubleVector.broadcast(D, in[i0 + i]);
            DoubleVector x1 = DoubleVector.broadcast(D, in[i1 + i]);
            DoubleVector x2 = DoubleVector.broadcast(D, in[i2 + i]);
            DoubleVector x3 = DoubleVector.broadcast(D, in[i3 + i]);
            a00 = w0.fma(x0, a00);
            a01 = w1.fma(x0, a01);
            a10 = w0.fma(x1, a10);
            a11 = w1.fma(x1, a11);
            a20 = w0.fma(x2, a20);
            a21 = w1.fma(x2, a21);
            a30 = w0.fma(x3, a30);
            a31 = w1.fma(x3, a31);
        }
        a00.intoArray(out, r * n + o);
        a01.intoArray(out, r * n + o + lanes);
        a10.intoArray(out, (r + 1) * n + o);
        a11.intoArray(out, (r + 1) * n + o + lanes);
        a20.intoArray(out, (r + 2) * n + o);
        a21.intoArray(out, (r + 2) * n + o + lanes);
        a30.intoArray(out, (r + 3) * n + o);
        a31.intoArray(out, (r + 3) * n + o + lanes);
    }

    /**
     * out[r·n + o] = Σ_i in[r·k + i] · w[o·k + i] in double, for a narrow layer (the 2-unit output on every
     * jet channel): dot products along contiguous inputs. The strided scalar loop it replaces was ~10 % of
     * a jet evaluation.
     */
    static void affineNarrow(double[] in, int rows, int k, double[] w, double[] out, int n) {
        int lanes = D.length();
        int kb = D.loopBound(k);
        double[] lane = new double[lanes];
        for (int r = 0; r < rows; r++) {
            int ri = r * k;
            for (int o = 0; o < n; o++) {
                int wo = o * k;
                DoubleVector acc = DoubleVector.zero(D);
                int i = 0;
                for (; i < kb; i += lanes) {
                    acc = DoubleVector.fromArray(D, in, ri + i).fma(DoubleVector.fromArray(D, w, wo + i), acc);
                }
                double sum = LaneSums.inOrder(acc, lane);
                for (; i < k; i++) {
                    sum += in[ri + i] * w[wo + i];
                }
                out[r * n + o] = sum;
            }
        }
    }

    private static void affineScalarColumns(double[] in, int r, int k, double[] wt, double[] out, int n,
            int fromColumn) {
        for (int o = fromColumn; o < n; o++) {
            double acc = 0;
            for (int i = 0; i < k; i++) {
                acc += in[r * k + i] * wt[i * n + o];
            }
            out[r * n + o] = acc;
        }
    }

    /** Applies the activation in place to {@code a[0 .. len)}. */
    static void activate(Activation act, float[] a, int len) {
        int lanes = F.length();
        int i = 0;
        int bound = F.loopBound(len);
        switch (act) {
            case SILU -> {
                for (; i < bound; i += lanes) {
                    FloatVector z = FloatVector.fromArray(F, a, i);
                    // e^{−z} from VectorExp: the same bits in every tier (the Vector API's EXP is not)
                    z.div(VectorExp.exp(z.neg()).add(1f)).intoArray(a, i);
                }
            }
            case TANH -> {
                for (; i < bound; i += lanes) {
                    FloatVector.fromArray(F, a, i).lanewise(VectorOperators.TANH).intoArray(a, i);
                }
            }
            case SOFTPLUS -> {
                // log(1 + e^z) = max(z, 0) + log1p(e^{−|z|})
                for (; i < bound; i += lanes) {
                    FloatVector z = FloatVector.fromArray(F, a, i);
                    z.max(0f).add(z.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P))
                            .intoArray(a, i);
                }
            }
            default -> throw new IllegalStateException(act.name());
        }
        for (; i < len; i++) {
            a[i] = (float) act.apply(a[i]);
        }
    }
}
