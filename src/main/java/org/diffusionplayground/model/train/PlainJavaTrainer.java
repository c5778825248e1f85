package org.diffusionplayground.model.train;

import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.MlpSpec;

/**
 * The same DSM step as {@link Nd4jTrainer} — same batches ({@link DsmBatch}), loss, backward pass,
 * global-norm clipping, Adam and EMA — written as plain Java loops over float arrays, on one thread,
 * with no BLAS and no Vector API. It is the floor of the {@code bench} suite (docs/benchmarks.md): what
 * the native machinery must beat to be worth having. Not used for training.
 *
 * <p>The loops are in the order a plain-Java programmer would pick for speed: every inner loop runs
 * along a contiguous row (an axpy the JIT can vectorise by itself), which needs a transposed copy of
 * each hidden weight for the forward pass, refreshed after every update.
 */
public final class PlainJavaTrainer {

    private final TrainingConfig config;
    private final MlpSpec spec;
    private final Activation activation;
    private final DsmBatch stage;
    private final int batch;
    private final int width;
    private final int depth;
    private final int paramCount;
    private final int[] weightOffset;
    private final int[] biasOffset;

    private final float[] params;
    private final float[] grads;
    private final float[] adamM;
    private final float[] adamV;
    private final float[] ema;
    /** W_lᵀ (fanIn × fanOut) of every layer, for the forward axpys. */
    private final float[][] weightT;
    /** Post-activations and activation derivatives of the hidden layers, batch × width. */
    private final float[][] hidden;
    private final float[][] deriv;
    private final float[] out;
    private final float[] dOut;
    private final float[] delta;
    private final float[] deltaPrev;
    private final double[] phi = new double[4];
    private long adamStep;

    public PlainJavaTrainer(TrainingConfig config, PointSet data, Mlp start) {
        if (!start.spec().equals(config.network())) {
            throw new IllegalArgumentException("the starting weights are for " + start.spec()
                    + " but the config asks for " + config.network());
        }
        if (config.objective() != Objective.DSM) {
            throw new IllegalArgumentException("the plain-Java reference step implements denoising score matching only");
        }
        this.config = config;
        this.spec = config.network();
        this.activation = spec.activation();
        this.stage = new DsmBatch(config, config.schedule().build(), data);
        this.batch = config.batchSize();
        this.width = spec.width();
        this.depth = spec.depth();
        this.paramCount = spec.parameterCount();
        this.weightOffset = spec.weightOffsets();
        this.biasOffset = spec.biasOffsets();
        params = start.flatParameters();
        ema = params.clone();
        grads = new float[paramCount];
        adamM = new float[paramCount];
        adamV = new float[paramCount];
        weightT = new float[depth + 1][];
        for (int l = 0; l <= depth; l++) {
            weightT[l] = new float[spec.fanIn(l) * spec.fanOut(l)];
        }
        refreshTransposes();
        hidden = new float[depth][batch * width];
        deriv = new float[depth][batch * width];
        out = new float[2 * batch];
        dOut = new float[2 * batch];
        delta = new float[batch * width];
        deltaPrev = new float[batch * width];
    }

    /** One step; returns the batch loss before the update (NaN if anything became non-finite). */
    public double trainStep() {
        stage.draw();
        forward();
        double loss = lossAndOutputGradient();
        if (!Double.isFinite(loss)) {
            return loss;
        }
        backward();
        return update() ? loss : Double.NaN;
    }

    /** The current raw weights. */
    public Mlp snapshot() {
        return Mlp.fromFlat(spec, params.clone());
    }

    /** The EMA of the weights, or the raw weights when EMA is off. */
    public Mlp emaSnapshot() {
        return Mlp.fromFlat(spec, config.emaDecay() > 0 ? ema.clone() : params.clone());
    }

    private void forward() {
        float[] in = stage.input;
        for (int l = 0; l < depth; l++) {
            int fanIn = spec.fanIn(l);
            float[] wt = weightT[l];
            float[] z = hidden[l];
            float[] d = deriv[l];
            int b = biasOffset[l];
            for (int i = 0; i < batch; i++) {
                int row = i * width;
                System.arraycopy(params, b, z, row, width);
                for (int k = 0; k < fanIn; k++) {
                    float x = in[i * fanIn + k];
                    int w = k * width;
                    for (int o = 0; o < width; o++) {
                        z[row + o] += x * wt[w + o];
                    }
                }
                for (int o = 0; o < width; o++) {
                    activation.derivatives(z[row + o], phi);
                    z[row + o] = (float) phi[0];
                    d[row + o] = (float) phi[1];
                }
            }
            in = z;
        }
        int wo = weightOffset[depth];
        int bo = biasOffset[depth];
        for (int i = 0; i < batch; i++) {
            float o0 = params[bo];
            float o1 = params[bo + 1];
            for (int k = 0; k < width; k++) {
                float h = in[i * width + k];
                o0 += h * params[wo + k];
                o1 += h * params[wo + width + k];
            }
            out[2 * i] = o0;
            out[2 * i + 1] = o1;
        }
    }

    /** mean over i, c of w_i (out_ic − y*_ic)²; dOut = w_i r_ic / B (as {@link Nd4jTrainer}). */
    private double lossAndOutputGradient() {
        double sum = 0;
        float scale = 1f / batch;
        for (int i = 0; i < batch; i++) {
            float r0 = out[2 * i] - stage.target[2 * i];
            float r1 = out[2 * i + 1] - stage.target[2 * i + 1];
            float w = stage.weight[i];
            sum += w * ((double) r0 * r0 + (double) r1 * r1);
            dOut[2 * i] = w * r0 * scale;
            dOut[2 * i + 1] = w * r1 * scale;
        }
        return sum / (2.0 * batch);
    }

    private void backward() {
        java.util.Arrays.fill(grads, 0f);
        // output layer: dW = dOutᵀ H, db = Σ dOut, δ = (dOut W) ⊙ φ'
        int wo = weightOffset[depth];
        int bo = biasOffset[depth];
        float[] last = hidden[depth - 1];
        float[] dLast = deriv[depth - 1];
        for (int i = 0; i < batch; i++) {
            float g0 = dOut[2 * i];
            float g1 = dOut[2 * i + 1];
            grads[bo] += g0;
            grads[bo + 1] += g1;
            int row = i * width;
            for (int k = 0; k < width; k++) {
                grads[wo + k] += g0 * last[row + k];
                grads[wo + width + k] += g1 * last[row + k];
                delta[row + k] = (g0 * params[wo + k] + g1 * params[wo + width + k]) * dLast[row + k];
            }
        }
        float[] cur = delta;
        float[] prev = deltaPrev;
        for (int l = depth - 1; l >= 0; l--) {
            int fanIn = spec.fanIn(l);
            float[] in = l == 0 ? stage.input : hidden[l - 1];
            int w = weightOffset[l];
            int b = biasOffset[l];
            for (int i = 0; i < batch; i++) {
                int row = i * width;
                for (int o = 0; o < width; o++) {
                    float g = cur[row + o];
                    grads[b + o] += g;
                    // dW_l[o][:] += δ_io · h_i
                    int wRow = w + o * fanIn;
                    for (int k = 0; k < fanIn; k++) {
                        grads[wRow + k] += g * in[i * fanIn + k];
                    }
                }
            }
            if (l > 0) {
                // δ_{l−1} = (δ_l W_l) ⊙ φ'_{l−1}
                float[] d = deriv[l - 1];
                for (int i = 0; i < batch; i++) {
                    int row = i * width;
                    java.util.Arrays.fill(prev, row, row + width, 0f);
                    for (int o = 0; o < width; o++) {
                        float g = cur[row + o];
                        int wRow = w + o * width;
                        for (int k = 0; k < width; k++) {
                            prev[row + k] += g * params[wRow + k];
                        }
                    }
                    for (int k = 0; k < width; k++) {
                        prev[row + k] *= d[row + k];
                    }
                }
                float[] tmp = cur;
                cur = prev;
                prev = tmp;
            }
        }
    }

    /** Clipping, Adam, EMA (the formulas of {@link FusedKernels#adam}); false if a weight is not finite. */
    private boolean update() {
        double sumSq = 0;
        for (float g : grads) {
            sumSq += (double) g * g;
        }
        double norm = Math.sqrt(sumSq);
        float scale = config.clipNorm() > 0 && norm > config.clipNorm() ? (float) (config.clipNorm() / norm) : 1f;
        // the rate and EMA decay of step n, as AdamState takes them (OptimiserSchedule)
        double rate = config.learningRate() * config.optimiserSchedule().rateFactor(adamStep + 1, config.steps());
        adamStep++;
        float beta1 = (float) config.beta1();
        float beta2 = (float) config.beta2();
        float eps = (float) config.adamEps();
        float stepSize = (float) (rate / (1 - Math.pow(config.beta1(), adamStep)));
        float invC2 = (float) (1 / (1 - Math.pow(config.beta2(), adamStep)));
        float decay = (float) config.optimiserSchedule().emaDecay(config.emaDecay(), adamStep);
        boolean finite = true;
        for (int i = 0; i < paramCount; i++) {
            float g = grads[i] * scale;
            float m = beta1 * adamM[i] + (1f - beta1) * g;
            float v = beta2 * adamV[i] + (1f - beta2) * g * g;
            float p = params[i] - stepSize * m / ((float) Math.sqrt(v * invC2) + eps);
            adamM[i] = m;
            adamV[i] = v;
            params[i] = p;
            finite &= Float.isFinite(p);
            if (decay > 0) {
                ema[i] = decay * ema[i] + (1f - decay) * p;
            }
        }
        refreshTransposes();
        return finite;
    }

    private void refreshTransposes() {
        for (int l = 0; l < depth; l++) {
            int in = spec.fanIn(l);
            int outs = spec.fanOut(l);
            int w = weightOffset[l];
            float[] t = weightT[l];
            for (int o = 0; o < outs; o++) {
                for (int k = 0; k < in; k++) {
                    t[k * outs + o] = params[w + o * in + k];
                }
            }
        }
    }
}
