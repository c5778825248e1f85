package org.diffusionplayground.model.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.util.LaneSums;

/**
 * The element-wise parts of a training step, fused into single passes over ND4J's native buffers with
 * the Vector API. Why: each ND4J op call costs 11–50 µs and its Swish op alone ~0.25 ms on 1024×128
 * (docs/benchmarks.md); one Java pass doing bias + activation + derivative together takes
 * ~0.1 ms (docs/benchmarks.md). Matrices are row-major (rows × width); offsets are in floats.
 */
final class FusedKernels {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);

    private FusedKernels() {
    }

    private static FloatVector load(ByteBuffer b, int index) {
        return FloatVector.fromByteBuffer(F, b, 4 * index, NATIVE);
    }

    private static void store(FloatVector v, ByteBuffer b, int index) {
        v.intoByteBuffer(b, 4 * index, NATIVE);
    }

    /**
     * z ← φ(z + bias) in place and d ← φ'(z + bias): the forward of a hidden layer, keeping the
     * derivative the backward pass needs (φ, φ' as in {@link Activation}).
     */
    static void biasActivate(Activation act, ByteBuffer z, ByteBuffer d, float[] bias, int rows, int width) {
        int lanes = F.length();
        int vw = F.loopBound(width);
        for (int r = 0; r < rows; r++) {
            int base = r * width;
            int j = 0;
            for (; j < vw; j += lanes) {
                FloatVector x = load(z, base + j).add(FloatVector.fromArray(F, bias, j));
                FloatVector h;
                FloatVector dv;
                if (act == Activation.SILU) {
                    // s = σ(x), φ = x s, φ' = s (1 + x (1 − s)); exp(−x) = ∞ gives s = 0, φ = φ' = 0. The Vector
                    // API's EXP, not VectorExp: training is not bit-reproducible anyway (time features, BLAS), and
                    // VectorExp cost 5-9 % of the step (docs/benchmarks.md, "Bit-reproducible network")
                    FloatVector s = ONE.div(x.neg().lanewise(VectorOperators.EXP).add(1f));
                    h = x.mul(s);
                    dv = s.mul(x.mul(s.neg().add(1f)).add(1f));
                } else if (act == Activation.SOFTPLUS) {
                    // φ = max(x, 0) + log1p(exp(−|x|)) (no overflow), φ' = σ(x)
                    h = x.max(0f).add(x.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P));
                    dv = ONE.div(x.neg().lanewise(VectorOperators.EXP).add(1f));
                } else {
                    h = x.lanewise(VectorOperators.TANH);
                    dv = h.mul(h).neg().add(1f);
                }
                store(h, z, base + j);
                store(dv, d, base + j);
            }
            for (; j < width; j++) {
                int k = 4 * (base + j);
                double[] der = new double[4];
                act.derivatives(z.getFloat(k) + bias[j], der);
                z.putFloat(k, (float) der[0]);
                d.putFloat(k, (float) der[1]);
            }
        }
    }

    /**
     * g ← g ⊙ d in place (δ of a hidden layer from the gradient of its output) and biasGrad ← Σ_rows δ
     * (summed in a fixed order, so results are reproducible).
     */
    static void multiplyAndSumColumns(ByteBuffer g, ByteBuffer d, int rows, int width, float[] biasGrad) {
        int lanes = F.length();
        int vw = F.loopBound(width);
        java.util.Arrays.fill(biasGrad, 0f);
        for (int r = 0; r < rows; r++) {
            int base = r * width;
            int j = 0;
            for (; j < vw; j += lanes) {
                FloatVector delta = load(g, base + j).mul(load(d, base + j));
                store(delta, g, base + j);
                delta.add(FloatVector.fromArray(F, biasGrad, j)).intoArray(biasGrad, j);
            }
            for (; j < width; j++) {
                int k = 4 * (base + j);
                float delta = g.getFloat(k) * d.getFloat(k);
                g.putFloat(k, delta);
                biasGrad[j] += delta;
            }
        }
    }

    /**
     * δ ← (dOut · W) ⊙ d for the last hidden layer, where W is the 2 × width output weight (rows w0,
     * w1): a rank-2 product cheaper inline than as a gemm call. Also biasGrad ← Σ_rows δ.
     */
    static void outputBackward(ByteBuffer dOut, float[] w0, float[] w1, ByteBuffer d, ByteBuffer delta, int rows,
            int width, float[] biasGrad) {
        int lanes = F.length();
        int vw = F.loopBound(width);
        java.util.Arrays.fill(biasGrad, 0f);
        for (int r = 0; r < rows; r++) {
            float g0 = dOut.getFloat(8 * r);
            float g1 = dOut.getFloat(8 * r + 4);
            int base = r * width;
            int j = 0;
            for (; j < vw; j += lanes) {
                FloatVector v = FloatVector.fromArray(F, w0, j).mul(g0)
                        .add(FloatVector.fromArray(F, w1, j).mul(g1)).mul(load(d, base + j));
                store(v, delta, base + j);
                v.add(FloatVector.fromArray(F, biasGrad, j)).intoArray(biasGrad, j);
            }
            for (; j < width; j++) {
                float v = (g0 * w0[j] + g1 * w1[j]) * d.getFloat(4 * (base + j));
                delta.putFloat(4 * (base + j), v);
                biasGrad[j] += v;
            }
        }
    }

    /** Σ g_i² over n floats, accumulated in double per vector lane in a fixed order. */
    static double sumOfSquares(ByteBuffer g, int n) {
        int lanes = F.length();
        int vn = F.loopBound(n);
        FloatVector acc = FloatVector.zero(F);
        float[] lane = new float[lanes];
        double total = 0;
        int i = 0;
        // float lanes summed in blocks of 1024 then folded into a double: no float drift over 10⁵ terms
        while (i < vn) {
            int end = Math.min(vn, i + 1024);
            for (; i < end; i += lanes) {
                FloatVector v = load(g, i);
                acc = v.fma(v, acc);
            }
            total += LaneSums.inOrder(acc, lane); // the clipping scale must not depend on the JIT
            acc = FloatVector.zero(F);
        }
        for (; i < n; i++) {
            float v = g.getFloat(4 * i);
            total += v * v;
        }
        return total;
    }

    /**
     * One Adam step on n parameters (Kingma &amp; Ba; optax.adam: ε outside the square root):
     * g ← scale·g, m ← β1 m + (1−β1) g, v ← β2 v + (1−β2) g², θ ← θ − lr · (m/c1) / (√(v/c2) + ε),
     * with c1 = 1 − β1^k, c2 = 1 − β2^k; then, when emaDecay &gt; 0, ema ← d·ema + (1−d)·θ.
     *
     * @return Σ 0·θ over the new parameters: 0 if they are all finite, NaN otherwise (∞·0 = NaN)
     */
    static float adam(ByteBuffer theta, ByteBuffer grad, ByteBuffer m, ByteBuffer v, ByteBuffer ema, int n,
            float scale, float lr, float beta1, float beta2, float eps, float c1, float c2, float emaDecay) {
        int lanes = F.length();
        int vn = F.loopBound(n);
        float stepSize = lr / c1;
        float invC2 = 1f / c2;
        FloatVector finite = FloatVector.zero(F);
        int i = 0;
        for (; i < vn; i += lanes) {
            FloatVector g = load(grad, i).mul(scale);
            FloatVector mi = load(m, i).mul(beta1).add(g.mul(1f - beta1));
            FloatVector vi = load(v, i).mul(beta2).add(g.mul(g).mul(1f - beta2));
            FloatVector denom = vi.mul(invC2).lanewise(VectorOperators.SQRT).add(eps);
            FloatVector p = load(theta, i).sub(mi.mul(stepSize).div(denom));
            store(mi, m, i);
            store(vi, v, i);
            store(p, theta, i);
            finite = finite.add(p.mul(0f));
            if (emaDecay > 0) {
                store(load(ema, i).mul(emaDecay).add(p.mul(1f - emaDecay)), ema, i);
            }
        }
        float tail = 0f;
        for (; i < n; i++) {
            int k = 4 * i;
            float g = grad.getFloat(k) * scale;
            float mi = beta1 * m.getFloat(k) + (1f - beta1) * g;
            float vi = beta2 * v.getFloat(k) + (1f - beta2) * g * g;
            float p = theta.getFloat(k) - stepSize * mi / ((float) Math.sqrt(vi * invC2) + eps);
            m.putFloat(k, mi);
            v.putFloat(k, vi);
            theta.putFloat(k, p);
            tail += 0f * p;
            if (emaDecay > 0) {
                ema.putFloat(k, emaDecay * ema.getFloat(k) + (1f - emaDecay) * p);
            }
        }
        return finite.reduceLanes(VectorOperators.ADD) + tail;
    }

    // ---- forward-mode tangents for implicit and sliced score matching (Objective.ISM / SSM) ----
    //
    // The batch is stacked: rows [0, B) are the primal samples, rows [dB, (d+1)B) carry tangent direction
    // d = 1..D of the same samples. Per hidden layer (Z = pre-activation, φ at Z + b):
    //   primal  H = φ(Z + b),  D = φ'(Z + b),  E = φ''(Z + b)
    //   tangent Ż = Ḣ_prev Wᵀ (no bias),  Ḣ = D ⊙ Ż
    // and backward, with A the adjoint of H and Ȧ that of Ḣ:
    //   tangent δ̇ = D ⊙ Ȧ,   primal δ = D ⊙ A + Σ_d E ⊙ Ż_d ⊙ Ȧ_d  (Ḣ depends on Z through D).

    /**
     * The primal rows' forward with curvature: z ← φ(z + bias), d ← φ'(z + bias), e ← φ''(z + bias) over
     * the first {@code rows} rows (SiLU: φ'' = s(1 − s)(2 + x(1 − 2s)); softplus: s(1 − s); tanh: −2φφ').
     */
    static void biasActivateWithCurvature(Activation act, ByteBuffer z, ByteBuffer d, ByteBuffer e, float[] bias,
            int rows, int width) {
        int lanes = F.length();
        int vw = F.loopBound(width);
        for (int r = 0; r < rows; r++) {
            int base = r * width;
            int j = 0;
            for (; j < vw; j += lanes) {
                FloatVector x = load(z, base + j).add(FloatVector.fromArray(F, bias, j));
                FloatVector h;
                FloatVector dv;
                FloatVector ev;
                if (act == Activation.SILU) {
                    FloatVector s = ONE.div(x.neg().lanewise(VectorOperators.EXP).add(1f));
                    FloatVector oneMinusS = s.neg().add(1f);
                    h = x.mul(s);
                    dv = s.mul(x.mul(oneMinusS).add(1f));
                    ev = s.mul(oneMinusS).mul(x.mul(s.mul(-2f).add(1f)).add(2f));
                } else if (act == Activation.SOFTPLUS) {
                    h = x.max(0f).add(x.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P));
                    dv = ONE.div(x.neg().lanewise(VectorOperators.EXP).add(1f));
                    ev = dv.mul(dv.neg().add(1f));
                } else {
                    h = x.lanewise(VectorOperators.TANH);
                    dv = h.mul(h).neg().add(1f);
                    ev = h.mul(dv).mul(-2f);
                }
                store(h, z, base + j);
                store(dv, d, base + j);
                store(ev, e, base + j);
            }
            for (; j < width; j++) {
                int k = 4 * (base + j);
                double[] der = new double[4];
                act.derivatives(z.getFloat(k) + bias[j], der);
                z.putFloat(k, (float) der[0]);
                d.putFloat(k, (float) der[1]);
                e.putFloat(k, (float) der[2]);
            }
        }
    }

    /**
     * The tangent rows' forward: each tangent row of {@code z} holds Ż (from the sgemm); keep it in the
     * same row of {@code d} (the backward needs it) and replace it by Ḣ = D ⊙ Ż with D the primal row.
     */
    static void tangentForward(ByteBuffer z, ByteBuffer d, int batch, int directions, int width) {
        int lanes = F.length();
        int vw = F.loopBound(width);
        for (int dir = 1; dir <= directions; dir++) {
            for (int i = 0; i < batch; i++) {
                int primal = i * width;
                int tangent = (dir * batch + i) * width;
                int j = 0;
                for (; j < vw; j += lanes) {
                    FloatVector zt = load(z, tangent + j);
                    store(zt, d, tangent + j);
                    store(zt.mul(load(d, primal + j)), z, tangent + j);
                }
                for (; j < width; j++) {
                    float zt = z.getFloat(4 * (tangent + j));
                    d.putFloat(4 * (tangent + j), zt);
                    z.putFloat(4 * (tangent + j), zt * d.getFloat(4 * (primal + j)));
                }
            }
        }
    }

    /** g ← dOut · W for every row, W the 2 × width output weight (rows w0, w1): the adjoint of the last H. */
    static void outputAdjoint(ByteBuffer dOut, float[] w0, float[] w1, ByteBuffer g, int rows, int width) {
        int lanes = F.length();
        int vw = F.loopBound(width);
        for (int r = 0; r < rows; r++) {
            float g0 = dOut.getFloat(8 * r);
            float g1 = dOut.getFloat(8 * r + 4);
            int base = r * width;
            int j = 0;
            for (; j < vw; j += lanes) {
                store(FloatVector.fromArray(F, w0, j).mul(g0).add(FloatVector.fromArray(F, w1, j).mul(g1)), g, base + j);
            }
            for (; j < width; j++) {
                g.putFloat(4 * (base + j), g0 * w0[j] + g1 * w1[j]);
            }
        }
    }

    /**
     * In place on the stacked adjoint g (rows [A; Ȧ_1; ...]): tangent rows ← D ⊙ Ȧ_d, primal rows ←
     * D ⊙ A + Σ_d E ⊙ Ż_d ⊙ Ȧ_d, with D and Ż_d read from the stacked {@code d} and E from {@code e};
     * biasGrad ← Σ over primal rows of δ (the tangents carry no bias).
     */
    static void tangentBackward(ByteBuffer g, ByteBuffer d, ByteBuffer e, int batch, int directions, int width,
            float[] biasGrad) {
        int lanes = F.length();
        int vw = F.loopBound(width);
        java.util.Arrays.fill(biasGrad, 0f);
        for (int i = 0; i < batch; i++) {
            int primal = i * width;
            int j = 0;
            for (; j < vw; j += lanes) {
                FloatVector dv = load(d, primal + j);
                FloatVector ev = load(e, primal + j);
                FloatVector delta = dv.mul(load(g, primal + j));
                for (int dir = 1; dir <= directions; dir++) {
                    int tangent = (dir * batch + i) * width + j;
                    FloatVector at = load(g, tangent);
                    delta = ev.mul(load(d, tangent)).fma(at, delta);
                    store(dv.mul(at), g, tangent);
                }
                store(delta, g, primal + j);
                delta.add(FloatVector.fromArray(F, biasGrad, j)).intoArray(biasGrad, j);
            }
            for (; j < width; j++) {
                float dv = d.getFloat(4 * (primal + j));
                float ev = e.getFloat(4 * (primal + j));
                float delta = dv * g.getFloat(4 * (primal + j));
                for (int dir = 1; dir <= directions; dir++) {
                    int tangent = 4 * ((dir * batch + i) * width + j);
                    float at = g.getFloat(tangent);
                    delta += ev * d.getFloat(tangent) * at;
                    g.putFloat(tangent, dv * at);
                }
                g.putFloat(4 * (primal + j), delta);
                biasGrad[j] += delta;
            }
        }
    }
}
