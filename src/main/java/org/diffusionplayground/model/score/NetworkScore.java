package org.diffusionplayground.model.score;

import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.util.Parallel;

/**
 * A trained MLP read as a score field: s(x,t) = a(t)·net(x, embed(t)) + b(t)·x ({@link Target}).
 * Plain values go through the float Vector API path (the sampler's hot loop); jets go through double
 * Taylor arithmetic ({@link JetKernels}), since third derivatives need the precision.
 *
 * <p>A conditional network ({@link MlpSpec#classes()} &gt; 0) is read for one label, the null label ∅ unless
 * {@link #given} asks for a class; the one-hot enters with the time features as part of the first layer's
 * x-independent input.
 */
public final class NetworkScore implements ScoreModel, ConditionalScore {

    /** Rows per block of the float forward: 64 × 128 floats = 32 KB per activation buffer. */
    private static final int FORWARD_BLOCK = 64;
    /** Points per block of the jet forward: 8 points × 10 channels × 128 doubles = 80 KB. */
    private static final int JET_BLOCK = 8;

    private final Mlp mlp;
    private final Schedule schedule;
    private final MlpSpec spec;
    private final ThreadLocal<Workspace> workspaces;
    /** The one-hot index read: a class, or {@link MlpSpec#nullLabel()}; unused for an unconditional network. */
    private final int label;

    /** The network's score; for a conditional network the unconditional one, s(x, t, ∅). */
    public NetworkScore(Mlp mlp, Schedule schedule) {
        this(mlp, schedule, mlp.spec().nullLabel());
    }

    private NetworkScore(Mlp mlp, Schedule schedule, int label) {
        this.mlp = mlp;
        this.schedule = schedule;
        this.spec = mlp.spec();
        this.label = label;
        this.workspaces = ThreadLocal.withInitial(() -> new Workspace(spec));
    }

    @Override
    public int classes() {
        return spec.classes();
    }

    @Override
    public NetworkScore given(int y) {
        if (y < 0 || y >= spec.classes()) {
            throw new IllegalArgumentException(spec.conditional() ? "the model knows classes 0 … "
                    + (spec.classes() - 1) + ", not " + y : "this model was trained without labels");
        }
        return new NetworkScore(mlp, schedule, y);
    }

    @Override
    public NetworkScore unconditional() {
        return label == spec.nullLabel() ? this : new NetworkScore(mlp, schedule);
    }

    /** Writes the label's one-hot into {@code in[offset + labelOffset ..]} (nothing for an unconditional net). */
    private void labelFeatures(double[] in, int offset) {
        int d = spec.labelDim();
        for (int k = 0; k < d; k++) {
            in[offset + spec.labelOffset() + k] = k == label ? 1 : 0;
        }
    }

    public Mlp mlp() {
        return mlp;
    }

    public Schedule schedule() {
        return schedule;
    }

    @Override
    public String describe() {
        String base = "MLP " + spec.depth() + "×" + spec.width() + " " + spec.activation() + ", " + spec.target()
                + " target";
        return !spec.conditional() ? base : base + (label == spec.nullLabel() ? ", unconditional" : ", class " + label);
    }

    /** Per-thread scratch, so the hot path allocates nothing. */
    private static final class Workspace {
        final float[] in;
        final float[] h1;
        final float[] h2;
        final double[] emb;
        double[] jz;
        double[] ja;
        final double[] jd;
        final double[] jin;
        final double[] jfirst;
        final double[] jout;

        Workspace(MlpSpec spec) {
            in = new float[FORWARD_BLOCK * spec.inputDim()];
            h1 = new float[FORWARD_BLOCK * spec.width()];
            h2 = new float[FORWARD_BLOCK * spec.width()];
            emb = new double[spec.inputDim()];
            jz = new double[JET_BLOCK * 10 * spec.width()];
            ja = new double[JET_BLOCK * 10 * spec.width()];
            jd = new double[4 * spec.width()];
            jin = new double[JET_BLOCK * spec.inputDim()];
            jfirst = new double[JET_BLOCK * spec.width()];
            jout = new double[JET_BLOCK * 10 * 2];
        }
    }

    /** b₀ + W₀,t · embed(t) (+ the label's column of W₀): the part of the first layer that does not depend on x. */
    private float[] firstLayerOffset(double t, double[] emb) {
        int w = spec.width();
        spec.embedding().features(t, emb, 0);
        float[] wt = mlp.weightT(0);
        float[] b = mlp.biasF(0);
        float[] c = new float[w];
        for (int o = 0; o < w; o++) {
            double acc = b[o];
            for (int e = 0; e < spec.embedding().dim(); e++) {
                acc += emb[e] * wt[(2 + e) * w + o];
            }
            if (spec.conditional()) {
                acc += wt[(spec.labelOffset() + label) * w + o];
            }
            c[o] = (float) acc;
        }
        return c;
    }

    @Override
    public void score(double t, double[] xy, int n, double[] out) {
        float[] offset = firstLayerOffset(t, new double[spec.inputDim()]);
        double a = spec.target().outputScale(schedule, t);
        double b = spec.target().inputScale(schedule, t);
        Parallel.forBlocks(n, FORWARD_BLOCK, (from, to) -> {
            Workspace ws = workspaces.get();
            int rows = to - from;
            for (int r = 0; r < rows; r++) {
                ws.in[2 * r] = (float) xy[2 * (from + r)];
                ws.in[2 * r + 1] = (float) xy[2 * (from + r) + 1];
            }
            // first layer: only the two x-rows of W₀ᵀ, the time part is in the offset
            VectorKernels.affine(ws.in, rows, 2, mlp.weightT(0), offset, ws.h1, spec.width());
            float[] h = hiddenAndOutput(ws, rows);
            for (int r = 0; r < rows; r++) {
                int p = from + r;
                out[2 * p] = a * h[2 * r] + b * xy[2 * p];
                out[2 * p + 1] = a * h[2 * r + 1] + b * xy[2 * p + 1];
            }
        });
    }

    @Override
    public void score(double[] t, double[] xy, int n, double[] out) {
        int in = spec.inputDim();
        Parallel.forBlocks(n, FORWARD_BLOCK, (from, to) -> {
            Workspace ws = workspaces.get();
            int rows = to - from;
            for (int r = 0; r < rows; r++) {
                int p = from + r;
                ws.emb[0] = xy[2 * p];
                ws.emb[1] = xy[2 * p + 1];
                spec.embedding().features(t[p], ws.emb, 2);
                labelFeatures(ws.emb, 0);
                for (int i = 0; i < in; i++) {
                    ws.in[r * in + i] = (float) ws.emb[i];
                }
            }
            VectorKernels.affine(ws.in, rows, in, mlp.weightT(0), mlp.biasF(0), ws.h1, spec.width());
            float[] h = hiddenAndOutput(ws, rows);
            for (int r = 0; r < rows; r++) {
                int p = from + r;
                double a = spec.target().outputScale(schedule, t[p]);
                double b = spec.target().inputScale(schedule, t[p]);
                out[2 * p] = a * h[2 * r] + b * xy[2 * p];
                out[2 * p + 1] = a * h[2 * r + 1] + b * xy[2 * p + 1];
            }
        });
    }

    /** Activation of the first pre-activation in ws.h1, the remaining hidden layers, the output layer. */
    private float[] hiddenAndOutput(Workspace ws, int rows) {
        int w = spec.width();
        VectorKernels.activate(spec.activation(), ws.h1, rows * w);
        float[] cur = ws.h1;
        float[] next = ws.h2;
        for (int l = 1; l < spec.depth(); l++) {
            VectorKernels.affine(cur, rows, w, mlp.weightT(l), mlp.biasF(l), next, w);
            VectorKernels.activate(spec.activation(), next, rows * w);
            float[] tmp = cur;
            cur = next;
            next = tmp;
        }
        VectorKernels.affineNarrow(cur, rows, w, mlp.weightF(spec.depth()), mlp.biasF(spec.depth()), next, 2);
        return next;
    }

    @Override
    public void jets(double[] t, double[] xy, int n, int order, ScoreJets out) {
        if (order < 1 || order > 3) {
            throw new IllegalArgumentException("jet order must be 1, 2 or 3, got " + order);
        }
        out.ensureCapacity(n);
        Parallel.forBlocks(n, JET_BLOCK, (from, to) -> jetBlock(t, xy, from, to, order, out, workspaces.get()));
    }

    private void jetBlock(double[] t, double[] xy, int from, int to, int order, ScoreJets out, Workspace ws) {
        int w = spec.width();
        int c = JetKernels.channels(order);
        int points = to - from;
        double[] z = ws.jz;
        double[] a = ws.ja;
        double[] w0 = mlp.weightTd(0);
        double[] b0 = mlp.biasD(0);
        int in = spec.inputDim();
        // layer 0: value row = b₀ + W₀ [x, y, embed(t)] (one small product for the block's points);
        // ∂x row = W₀ column x; ∂y row = W₀ column y; higher rows 0 (x enters linearly)
        for (int p = 0; p < points; p++) {
            int q = from + p;
            ws.jin[p * in] = xy[2 * q];
            ws.jin[p * in + 1] = xy[2 * q + 1];
            spec.embedding().features(t[q], ws.jin, p * in + 2);
            labelFeatures(ws.jin, p * in);
        }
        VectorKernels.affine(ws.jin, points, in, w0, ws.jfirst, w);
        for (int p = 0; p < points; p++) {
            int base = p * c * w;
            for (int o = 0; o < w; o++) {
                z[base + o] = b0[o] + ws.jfirst[p * w + o];
            }
            System.arraycopy(w0, 0, z, base + w, w);
            System.arraycopy(w0, w, z, base + 2 * w, w);
            java.util.Arrays.fill(z, base + 3 * w, base + c * w, 0.0);
        }
        JetKernels.activate(spec.activation(), z, a, points, order, w, ws.jd);
        for (int l = 1; l < spec.depth(); l++) {
            VectorKernels.affine(a, points * c, w, mlp.weightTd(l), z, w);
            double[] b = mlp.biasD(l);
            for (int p = 0; p < points; p++) {
                int base = p * c * w;
                for (int o = 0; o < w; o++) {
                    z[base + o] += b[o];
                }
            }
            JetKernels.activate(spec.activation(), z, a, points, order, w, ws.jd);
        }
        // output layer (2 units) on every channel (the bias on the value channel only), then the affine
        // map to the score
        double[] bo = mlp.biasD(spec.depth());
        VectorKernels.affineNarrow(a, points * c, w, mlp.weightD(spec.depth()), ws.jout, 2);
        double[] data = out.data();
        for (int p = 0; p < points; p++) {
            int q = from + p;
            double sa = spec.target().outputScale(schedule, t[q]);
            double sb = spec.target().inputScale(schedule, t[q]);
            int dst = q * ScoreJets.STRIDE;
            for (int ch = 0; ch < c; ch++) {
                int row = 2 * (p * c + ch);
                double o0 = ws.jout[row] + (ch == 0 ? bo[0] : 0);
                double o1 = ws.jout[row + 1] + (ch == 0 ? bo[1] : 0);
                writeChannel(data, dst, ch, sa * o0, sa * o1);
            }
            // the b(t)·x term: value and Jacobian only
            data[dst] += sb * xy[2 * q];
            data[dst + 1] += sb * xy[2 * q + 1];
            data[dst + ScoreJets.JACOBIAN] += sb;
            data[dst + ScoreJets.JACOBIAN + 3] += sb;
        }
    }

    /** Channel ch (value, ∂x, ∂y, ∂xx, ...) of components (s₀, s₁) into the ScoreJets layout. */
    static void writeChannel(double[] data, int dst, int ch, double s0, double s1) {
        switch (ch) {
            case 0 -> {
                data[dst] = s0;
                data[dst + 1] = s1;
            }
            case 1, 2 -> {
                int j = ch - 1;
                data[dst + ScoreJets.JACOBIAN + j] = s0;
                data[dst + ScoreJets.JACOBIAN + 2 + j] = s1;
            }
            case 3, 4, 5 -> {
                int jk = ch - 3;
                data[dst + ScoreJets.HESSIAN + jk] = s0;
                data[dst + ScoreJets.HESSIAN + 3 + jk] = s1;
            }
            default -> {
                int jkl = ch - 6;
                data[dst + ScoreJets.THIRD + jkl] = s0;
                data[dst + ScoreJets.THIRD + 4 + jkl] = s1;
            }
        }
    }
}
