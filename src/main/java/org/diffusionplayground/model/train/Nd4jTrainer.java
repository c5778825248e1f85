package org.diffusionplayground.model.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.Target;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Denoising score matching (MATH.md §2) for the MLP of {@link MlpSpec}, forward and backward written by
 * hand over preallocated ND4J arrays. One step:
 * <ol>
 *   <li>draw x₀ (batch), t and λ/p, ε ({@link DsmBatch}); x_t = α x₀ + σ ε; features
 *       concat(x_t, embed(t));</li>
 *   <li>forward: per layer one sgemm Z = H·Wᵀ into a preallocated array, then one fused Java pass
 *       z ← φ(z + b), d ← φ'(z + b) ({@link FusedKernels});</li>
 *   <li>loss in output space (below), its gradient dOut;</li>
 *   <li>backward: δ = (δ_next·W) ⊙ d fused with the bias gradient; dW = δᵀ·H by sgemm;</li>
 *   <li>optional global-norm clipping, Adam, EMA, a finiteness check of the new weights.</li>
 * </ol>
 *
 * <p><b>Loss in output space.</b> The network's score is s_θ = a(t)·out + b(t)·x_t ({@link Target}),
 * and the regression target y* ({@link Target#regressionTarget}) satisfies a·y* + b·x_t = −ε/σ, so
 * s_θ + ε/σ = a·(out − y*) and each term λ/p·‖s_θ + ε/σ‖² is computed as w·‖out − y*‖² with
 * w = λ/p·a². For ε-prediction with λ = σ² this is exactly ‖ε̂ − ε‖² (w = 1): nothing is divided by a
 * small σ. The loss is the mean over the batch and the 2 coordinates.
 *
 * <p><b>Implicit and sliced score matching</b> ({@link Objective#ISM}, {@link Objective#SSM}). Their loss
 * λ/p·[½‖s_θ‖² + ∇·s_θ] (or vᵀ(∇s_θ)v) needs the network's input Jacobian J = ∂out/∂x inside the loss
 * and its parameter gradient. The trainer stacks the batch: rows [0, B) are the samples, and each of
 * the D tangent directions (D = 2 for the exact 2×2 trace, 1 random v for the slice) adds B rows whose
 * input is the direction in the x columns and 0 in the time features. Every sgemm then runs on all
 * (1 + D)B rows at once, the activation pass propagates Ḣ = φ'(Z)⊙Ż on the tangent rows, and the
 * backward pass carries the extra term φ''(Z)⊙Ż⊙Ȧ into the primal δ ({@link FusedKernels}); the
 * weight gradients of primal and tangent rows come out of the same sgemm. The reported loss adds the
 * θ-independent λ/(p σ²), so it estimates the same number as the DSM loss (see {@link Objective}).
 *
 * <p><b>Why sgemm through OpenBLAS directly.</b> The matrices live in ND4J's native buffers and the
 * multiplications run in the OpenBLAS that ND4J bundles, called through its JavaCPP binding
 * ({@code cblas_sgemm}) with pointers made once: {@code Nd4j.gemm} on the same arrays measured 0.25–0.49
 * ms per 1024×128×128 product against 0.22–0.26 ms direct (its per-call checks and dispatch), and there
 * are 11 products per step (docs/benchmarks.md).
 *
 * <p>Not thread-safe: one trainer belongs to one thread (the {@link TrainingJob}'s). Same config, data
 * and machine ⇒ bit-identical weights: every reduction runs in a fixed order and OpenBLAS splits work
 * by output blocks for a fixed thread count.
 */
public final class Nd4jTrainer implements AutoCloseable {

    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private final TrainingConfig config;
    private final Objective objective;
    /** Tangent directions per sample (0 for DSM) and the stacked row count (1 + tangents) × batch. */
    private final int tangents;
    private final int rows;
    private final MlpSpec spec;
    private final int batch;
    private final int inDim;
    private final int width;
    private final int depth;
    private final int paramCount;
    private final int[] weightOffset;
    private final int[] biasOffset;

    private final DsmBatch stage;

    /** Native storage; kept as fields so the buffers live as long as the pointers into them. */
    private final INDArray[] arrays;
    private final ByteBuffer params;
    private final ByteBuffer grads;
    private final ByteBuffer input;
    private final ByteBuffer[] hidden;
    private final ByteBuffer[] deriv;
    /** φ''(Z + b) of the primal rows per hidden layer (ISM/SSM only). */
    private final ByteBuffer[] curvature;
    private final ByteBuffer out;
    private final ByteBuffer dOut;
    private final ByteBuffer[] delta;

    private final FloatPointer[] weightPtr;
    private final FloatPointer[] weightGradPtr;
    private final FloatPointer inputPtr;
    private final FloatPointer[] hiddenPtr;
    private final FloatPointer outPtr;
    private final FloatPointer dOutPtr;
    private final FloatPointer[] deltaPtr;

    // heap scratch, reused every step
    private final float[] bias;
    private final float[] biasGrad;
    private final float[] outW0;
    private final float[] outW1;

    private long step;
    private final AdamState adam;
    private boolean poisonNextStep;
    private final StepProfile profile;

    /** A trainer with fresh weights (Mlp.initialise with the config's seed). */
    public Nd4jTrainer(TrainingConfig config, PointSet data) {
        this(config, data, Mlp.initialise(config.network(), config.seed()));
    }

    /** A trainer starting from given weights (fine-tuning, or a test's known start). */
    public Nd4jTrainer(TrainingConfig config, PointSet data, Mlp start) {
        if (!start.spec().equals(config.network())) {
            throw new IllegalArgumentException("the starting weights are for " + start.spec()
                    + " but the config asks for " + config.network());
        }
        Nd4jSetup.ensure();
        this.config = config;
        this.objective = config.objective();
        this.tangents = objective.tangents();
        this.rows = batch(config) * (1 + tangents);
        this.spec = config.network();
        this.batch = config.batchSize();
        this.inDim = spec.inputDim();
        this.width = spec.width();
        this.depth = spec.depth();
        this.paramCount = spec.parameterCount();
        this.weightOffset = spec.weightOffsets();
        this.biasOffset = spec.biasOffsets();
        this.stage = new DsmBatch(config, config.schedule().build(), data);

        int arrayCount = 2 + 1 + 2 * depth + 2 + 2 + (tangents > 0 ? depth : 0);
        arrays = new INDArray[arrayCount];
        int a = 0;
        arrays[a++] = zeros(paramCount);
        arrays[a++] = zeros(paramCount);
        params = view(arrays[0]);
        grads = view(arrays[1]);
        adam = new AdamState(config, paramCount);
        INDArray inputArr = arrays[a++] = zeros((long) rows * inDim);
        input = view(inputArr);
        inputPtr = pointer(inputArr, 0);
        hidden = new ByteBuffer[depth];
        deriv = new ByteBuffer[depth];
        hiddenPtr = new FloatPointer[depth];
        curvature = new ByteBuffer[depth];
        for (int l = 0; l < depth; l++) {
            INDArray h = arrays[a++] = zeros((long) rows * width);
            INDArray d = arrays[a++] = zeros((long) rows * width);
            hidden[l] = view(h);
            hiddenPtr[l] = pointer(h, 0);
            deriv[l] = view(d);
            if (tangents > 0) {
                curvature[l] = view(arrays[a++] = zeros((long) batch * width));
            }
        }
        INDArray outArr = arrays[a++] = zeros(2L * rows);
        INDArray dOutArr = arrays[a++] = zeros(2L * rows);
        out = view(outArr);
        outPtr = pointer(outArr, 0);
        dOut = view(dOutArr);
        dOutPtr = pointer(dOutArr, 0);
        delta = new ByteBuffer[2];
        deltaPtr = new FloatPointer[2];
        for (int k = 0; k < 2; k++) {
            INDArray g = arrays[a++] = zeros((long) rows * width);
            delta[k] = view(g);
            deltaPtr[k] = pointer(g, 0);
        }
        weightPtr = new FloatPointer[depth + 1];
        weightGradPtr = new FloatPointer[depth + 1];
        for (int l = 0; l <= depth; l++) {
            weightPtr[l] = pointer(arrays[0], weightOffset[l]);
            weightGradPtr[l] = pointer(arrays[1], weightOffset[l]);
        }

        bias = new float[Math.max(width, 2)];
        biasGrad = new float[Math.max(width, 2)];
        outW0 = new float[width];
        outW1 = new float[width];
        if (objective == Objective.ISM) {
            // the two basis directions never change: input rows B..2B carry e_x, 2B..3B carry e_y
            for (int i = 0; i < batch; i++) {
                input.putFloat(4 * ((batch + i) * inDim), 1f);
                input.putFloat(4 * ((2 * batch + i) * inDim + 1), 1f);
            }
        }
        profile = new StepProfile();

        setParameters(start.flatParameters());
    }

    private static int batch(TrainingConfig c) {
        return c.batchSize();
    }

    private static INDArray zeros(long n) {
        return Nd4j.create(DataType.FLOAT, new long[] {n}, 'c');
    }

    private static ByteBuffer view(INDArray a) {
        return a.data().pointer().asByteBuffer().order(NATIVE);
    }

    private static FloatPointer pointer(INDArray a, long offset) {
        FloatPointer p = new FloatPointer(a.data().addressPointer());
        p.position(offset);
        return p;
    }

    public TrainingConfig config() {
        return config;
    }

    /** Steps taken so far. */
    public long step() {
        return step;
    }

    /** The peak learning rate η of the schedule (the configured one, halved by each rollback). */
    public double learningRate() {
        return adam.learningRate();
    }

    /** The rate the next step uses: η times the schedule's factor ({@link OptimiserSchedule}). */
    public double currentLearningRate() {
        return adam.currentLearningRate();
    }

    public void setLearningRate(double lr) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + lr);
        }
        adam.setLearningRate(lr);
    }

    /** Global gradient norm of the last step, before clipping. */
    public double lastGradientNorm() {
        return adam.lastGradientNorm();
    }

    /**
     * One DSM step. Returns the batch loss (computed before the update). If the loss or the updated
     * weights are not finite the returned value is NaN or infinite and the caller must roll back
     * ({@link #captureState()} / {@link #restoreState}); with a non-finite loss no update is applied.
     */
    public double trainStep() {
        long t0 = System.nanoTime();
        prepareBatch();
        long t1 = System.nanoTime();
        forward();
        long t2 = System.nanoTime();
        double loss = lossAndOutputGradient();
        step++;
        if (poisonNextStep) {
            poisonNextStep = false;
            loss = Double.NaN;
        }
        if (!Double.isFinite(loss)) {
            return loss;
        }
        long t3 = System.nanoTime();
        backward();
        long t4 = System.nanoTime();
        boolean finite = update();
        long t5 = System.nanoTime();
        profile.add(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4);
        return finite ? loss : Double.NaN;
    }

    /** Test hook: the next step reports a NaN loss, as a diverged step would. */
    void poisonNextStep() {
        poisonNextStep = true;
    }

    StepProfile profile() {
        return profile;
    }

    // ---- test hooks: run the phases of a step separately on one staged batch ----

    /** Draws a batch (as a step would) without training on it. */
    void stageBatch() {
        prepareBatch();
    }

    /** Loss of the current weights on the staged batch; leaves dOut for {@link #backpropagate()}. */
    double stagedLoss() {
        forward();
        return lossAndOutputGradient();
    }

    /** Gradients of the staged loss (after {@link #stagedLoss()}), flat in Mlp order. */
    float[] backpropagate() {
        backward();
        return read(grads);
    }

    /** x_t, t, ε and λ/p of the staged batch as the trainer saw them (x_t and t in double). */
    double[] stagedTimes() {
        return stage.t.clone();
    }

    double[] stagedNoise() {
        return stage.eps.clone();
    }

    double[] stagedLambdaOverP() {
        return stage.lambdaOverP.clone();
    }

    /** The slice directions v of the staged batch (SSM), interleaved. */
    float[] stagedSlice() {
        return stage.slice.clone();
    }

    /** x_t of the staged batch, exactly the float values the network sees. */
    double[] stagedPoints() {
        double[] xy = new double[2 * batch];
        for (int i = 0; i < batch; i++) {
            xy[2 * i] = stage.input[i * inDim];
            xy[2 * i + 1] = stage.input[i * inDim + 1];
        }
        return xy;
    }

    float parameter(int j) {
        return params.getFloat(4 * j);
    }

    void setParameter(int j, float v) {
        params.putFloat(4 * j, v);
    }

    private void prepareBatch() {
        stage.draw();
        if (objective == Objective.SSM) {
            // the slice directions ride in the x columns of the tangent rows
            for (int i = 0; i < batch; i++) {
                input.putFloat(4 * ((batch + i) * inDim), stage.slice[2 * i]);
                input.putFloat(4 * ((batch + i) * inDim + 1), stage.slice[2 * i + 1]);
            }
        }
        input.asFloatBuffer().put(stage.input, 0, batch * inDim);
    }

    private void forward() {
        for (int l = 0; l < depth; l++) {
            int fanIn = spec.fanIn(l);
            FloatPointer in = l == 0 ? inputPtr : hiddenPtr[l - 1];
            // Z (rows × width) = H (rows × fanIn) · Wᵀ, W stored width × fanIn; tangent rows give Ż
            sgemm(false, true, rows, width, fanIn, in, fanIn, weightPtr[l], fanIn, hiddenPtr[l], width);
            readBias(l, width);
            if (tangents == 0) {
                FusedKernels.biasActivate(spec.activation(), hidden[l], deriv[l], bias, batch, width);
            } else {
                FusedKernels.biasActivateWithCurvature(spec.activation(), hidden[l], deriv[l], curvature[l], bias,
                        batch, width);
                FusedKernels.tangentForward(hidden[l], deriv[l], batch, tangents, width);
            }
        }
        sgemm(false, true, rows, 2, width, hiddenPtr[depth - 1], width, weightPtr[depth], width, outPtr, 2);
    }

    private void readBias(int layer, int n) {
        for (int j = 0; j < n; j++) {
            bias[j] = params.getFloat(4 * (biasOffset[layer] + j));
        }
    }

    /**
     * mean over i and c of w_i (out_ic + b_c − y*_ic)², and dOut = ∂loss/∂out = 2 w_i r_ic / (2B);
     * the output bias gradient is Σ_i dOut_i.
     */
    private double lossAndOutputGradient() {
        if (tangents > 0) {
            return scoreMatchingLossAndOutputGradient();
        }
        readBias(depth, 2);
        double sum = 0;
        double gb0 = 0;
        double gb1 = 0;
        float scale = 1f / batch;
        for (int i = 0; i < batch; i++) {
            float r0 = out.getFloat(8 * i) + bias[0] - stage.target[2 * i];
            float r1 = out.getFloat(8 * i + 4) + bias[1] - stage.target[2 * i + 1];
            float w = stage.weight[i];
            sum += w * ((double) r0 * r0 + (double) r1 * r1);
            float g0 = w * r0 * scale;
            float g1 = w * r1 * scale;
            dOut.putFloat(8 * i, g0);
            dOut.putFloat(8 * i + 4, g1);
            gb0 += g0;
            gb1 += g1;
        }
        grads.putFloat(4 * biasOffset[depth], (float) gb0);
        grads.putFloat(4 * (biasOffset[depth] + 1), (float) gb1);
        return sum / (2.0 * batch);
    }

    /**
     * ISM / SSM in score space, per sample with s = a·(out + b_out) + c·x and J = ∂out/∂x from the
     * tangent rows:
     * <pre>
     *   ISM  ℓ = ½‖s‖² + a (J₀₀ + J₁₁) + 2c          SSM  ℓ = ½‖s‖² + a vᵀJv + c‖v‖²
     * </pre>
     * mean of λ/p·(ℓ + 1/σ²) (the DSM scale). Gradients: ∂/∂out = λ/p·a·s / B on the primal rows;
     * ∂/∂(J e_d) = λ/p·a·e_d / B (ISM) or ∂/∂(Jv) = λ/p·a·v / B (SSM) on the tangent rows.
     */
    private double scoreMatchingLossAndOutputGradient() {
        readBias(depth, 2);
        double sum = 0;
        double gb0 = 0;
        double gb1 = 0;
        double scale = 1.0 / batch;
        for (int i = 0; i < batch; i++) {
            double a = stage.outScale[i];
            double c = stage.inScale[i];
            double w = stage.lambdaOverP[i];
            double s0 = a * (out.getFloat(8 * i) + bias[0]) + c * stage.input[i * inDim];
            double s1 = a * (out.getFloat(8 * i + 4) + bias[1]) + c * stage.input[i * inDim + 1];
            double ell = 0.5 * (s0 * s0 + s1 * s1);
            int t1 = batch + i;
            double g = w * a * scale;
            if (objective == Objective.ISM) {
                int t2 = 2 * batch + i;
                ell += a * (out.getFloat(8 * t1) + out.getFloat(8 * t2 + 4)) + 2 * c;
                dOut.putFloat(8 * t1, (float) g);
                dOut.putFloat(8 * t1 + 4, 0f);
                dOut.putFloat(8 * t2, 0f);
                dOut.putFloat(8 * t2 + 4, (float) g);
            } else {
                double v0 = stage.slice[2 * i];
                double v1 = stage.slice[2 * i + 1];
                ell += a * (v0 * out.getFloat(8 * t1) + v1 * out.getFloat(8 * t1 + 4)) + c * (v0 * v0 + v1 * v1);
                dOut.putFloat(8 * t1, (float) (g * v0));
                dOut.putFloat(8 * t1 + 4, (float) (g * v1));
            }
            sum += w * (ell + stage.invVariance[i]);
            float g0 = (float) (g * s0);
            float g1 = (float) (g * s1);
            dOut.putFloat(8 * i, g0);
            dOut.putFloat(8 * i + 4, g1);
            gb0 += g0;
            gb1 += g1;
        }
        grads.putFloat(4 * biasOffset[depth], (float) gb0);
        grads.putFloat(4 * (biasOffset[depth] + 1), (float) gb1);
        return sum / batch;
    }

    private void backward() {
        if (tangents > 0) {
            backwardWithTangents();
            return;
        }
        // output layer: dW (2 × width) = dOutᵀ · H_last
        sgemm(true, false, 2, width, batch, dOutPtr, 2, hiddenPtr[depth - 1], width, weightGradPtr[depth], width);
        int w0 = weightOffset[depth];
        for (int j = 0; j < width; j++) {
            outW0[j] = params.getFloat(4 * (w0 + j));
            outW1[j] = params.getFloat(4 * (w0 + width + j));
        }
        int cur = 0;
        FusedKernels.outputBackward(dOut, outW0, outW1, deriv[depth - 1], delta[cur], batch, width, biasGrad);
        for (int l = depth - 1; l >= 0; l--) {
            if (l < depth - 1) {
                FusedKernels.multiplyAndSumColumns(delta[cur], deriv[l], batch, width, biasGrad);
            }
            writeBiasGrad(l);
            int fanIn = spec.fanIn(l);
            FloatPointer in = l == 0 ? inputPtr : hiddenPtr[l - 1];
            // dW_l (width × fanIn) = δᵀ · H_{l−1}
            sgemm(true, false, width, fanIn, batch, deltaPtr[cur], width, in, fanIn, weightGradPtr[l], fanIn);
            if (l > 0) {
                // gradient of H_{l−1}: δ (batch × width) · W_l (width × width)
                sgemm(false, false, batch, width, width, deltaPtr[cur], width, weightPtr[l], width,
                        deltaPtr[1 - cur], width);
                cur = 1 - cur;
            }
        }
    }

    /** Backward through the stacked primal and tangent rows (ISM/SSM); one sgemm per product as in DSM. */
    private void backwardWithTangents() {
        // output layer: dW (2 × width) = dOutᵀ · H_last over all stacked rows
        sgemm(true, false, 2, width, rows, dOutPtr, 2, hiddenPtr[depth - 1], width, weightGradPtr[depth], width);
        int w0 = weightOffset[depth];
        for (int j = 0; j < width; j++) {
            outW0[j] = params.getFloat(4 * (w0 + j));
            outW1[j] = params.getFloat(4 * (w0 + width + j));
        }
        int cur = 0;
        FusedKernels.outputAdjoint(dOut, outW0, outW1, delta[cur], rows, width);
        for (int l = depth - 1; l >= 0; l--) {
            FusedKernels.tangentBackward(delta[cur], deriv[l], curvature[l], batch, tangents, width, biasGrad);
            writeBiasGrad(l);
            int fanIn = spec.fanIn(l);
            FloatPointer in = l == 0 ? inputPtr : hiddenPtr[l - 1];
            sgemm(true, false, width, fanIn, rows, deltaPtr[cur], width, in, fanIn, weightGradPtr[l], fanIn);
            if (l > 0) {
                sgemm(false, false, rows, width, width, deltaPtr[cur], width, weightPtr[l], width, deltaPtr[1 - cur],
                        width);
                cur = 1 - cur;
            }
        }
    }

    private void writeBiasGrad(int layer) {
        for (int j = 0; j < width; j++) {
            grads.putFloat(4 * (biasOffset[layer] + j), biasGrad[j]);
        }
    }

    /** Clipping, Adam, EMA ({@link AdamState}); false when the new weights are not all finite. */
    private boolean update() {
        return adam.update(params, grads);
    }

    private void sgemm(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, int lda, FloatPointer b,
            int ldb, FloatPointer c, int ldc) {
        long t0 = System.nanoTime();
        sgemmCall(transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
        profile.gemm += System.nanoTime() - t0;
    }

    private static void sgemmCall(boolean transA, boolean transB, int m, int n, int k, FloatPointer a, int lda,
            FloatPointer b, int ldb, FloatPointer c, int ldc) {
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, 1f, a, lda, b, ldb, 0f, c, ldc);
    }

    // ---- weights in and out ----

    private float[] read(ByteBuffer b) {
        float[] f = new float[paramCount];
        b.asFloatBuffer().get(f);
        return f;
    }

    private void write(ByteBuffer b, float[] f) {
        b.asFloatBuffer().put(f);
    }

    private void setParameters(float[] flat) {
        write(params, flat);
        adam.reset(flat);
    }

    /** The current (raw) weights. */
    public Mlp snapshot() {
        return Mlp.fromFlat(spec, read(params));
    }

    /** The EMA of the weights, or the raw weights when EMA is off. */
    public Mlp emaSnapshot() {
        return config.emaDecay() > 0 ? Mlp.fromFlat(spec, adam.ema()) : snapshot();
    }

    /** The weights sampling should use: EMA when it is on. */
    public Mlp modelForSampling() {
        return emaSnapshot();
    }

    /** Everything needed to roll back: weights, Adam moments and step, EMA. */
    public State captureState() {
        return new State(read(params), adam.moments1(), adam.moments2(), adam.ema(), adam.step(), step);
    }

    /** Rolls weights, optimiser and step counter back to a captured state. */
    public void restoreState(State s) {
        step = s.step();
        write(params, s.params());
        adam.restore(s.adamM(), s.adamV(), s.ema(), s.adamStep());
    }

    /** A copy of the trainer's mutable numbers; arrays are owned by the record. */
    public record State(float[] params, float[] adamM, float[] adamV, float[] ema, long adamStep, long step) {
    }

    @Override
    public void close() {
        adam.close();
        for (INDArray a : arrays) {
            if (a != null) {
                a.close();
            }
        }
    }

    /** Nanoseconds per phase, accumulated; the benchmark reads it. */
    static final class StepProfile {
        long steps;
        long data;
        long forward;
        long loss;
        long backward;
        long update;
        /** Time inside sgemm calls (part of forward and backward). */
        long gemm;

        void add(long d, long f, long l, long b, long u) {
            steps++;
            data += d;
            forward += f;
            loss += l;
            backward += b;
            update += u;
        }

        void reset() {
            steps = 0;
            data = 0;
            forward = 0;
            loss = 0;
            backward = 0;
            update = 0;
            gemm = 0;
        }
    }
}
