package org.diffusionplayground.model.train;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The optimiser's side of a trainer: Adam's first and second moments, the exponential moving average of
 * the weights, the step count that debiases the moments and the learning rate. One update is global-norm
 * clipping, then Adam (Kingma &amp; Ba 2015, Algorithm 1, with the bias corrections c₁ = 1 − β₁ᵗ and
 * c₂ = 1 − β₂ᵗ), then the EMA, fused in one pass over native memory ({@link FusedKernels#adam}). The rate and the
 * EMA decay of step n follow the config's {@link OptimiserSchedule}; {@link #learningRate()} is its peak η, which
 * a rollback halves.
 */
final class AdamState implements AutoCloseable {

    private final TrainingConfig config;
    private final int paramCount;
    private final INDArray[] arrays;
    private final ByteBuffer m;
    private final ByteBuffer v;
    private final ByteBuffer ema;
    private long step;
    private double learningRate;
    private double lastGradNorm;

    AdamState(TrainingConfig config, int paramCount) {
        this.config = config;
        this.paramCount = paramCount;
        arrays = new INDArray[] {zeros(paramCount), zeros(paramCount), zeros(paramCount)};
        m = view(arrays[0]);
        v = view(arrays[1]);
        ema = view(arrays[2]);
        learningRate = config.learningRate();
    }

    private static INDArray zeros(long n) {
        return Nd4j.create(DataType.FLOAT, new long[] {n}, 'c');
    }

    private static ByteBuffer view(INDArray a) {
        return a.data().pointer().asByteBuffer().order(ByteOrder.nativeOrder());
    }

    double learningRate() {
        return learningRate;
    }

    void setLearningRate(double lr) {
        this.learningRate = lr;
    }

    /** The rate the schedule gives the next update: η(n + 1) ({@link OptimiserSchedule#rateFactor}). */
    double currentLearningRate() {
        return learningRate * config.optimiserSchedule().rateFactor(step + 1, config.steps());
    }

    /** Global gradient norm of the last update, before clipping. */
    double lastGradientNorm() {
        return lastGradNorm;
    }

    long step() {
        return step;
    }

    /** Clipping, Adam and EMA applied to {@code params} in place; false when the new weights are not all finite. */
    boolean update(ByteBuffer params, ByteBuffer grads) {
        double norm = Math.sqrt(FusedKernels.sumOfSquares(grads, paramCount));
        lastGradNorm = norm;
        double scale = 1.0;
        if (config.clipNorm() > 0 && norm > config.clipNorm()) {
            scale = config.clipNorm() / norm;
        }
        double rate = currentLearningRate();
        step++;
        double emaDecay = config.optimiserSchedule().emaDecay(config.emaDecay(), step);
        double c1 = 1 - Math.pow(config.beta1(), step);
        double c2 = 1 - Math.pow(config.beta2(), step);
        float check = FusedKernels.adam(params, grads, m, v, ema, paramCount, (float) scale,
                (float) rate, (float) config.beta1(), (float) config.beta2(), (float) config.adamEps(),
                (float) c1, (float) c2, (float) emaDecay);
        return check == 0f;
    }

    /** A fresh start from weights {@code flat}: zero moments, the EMA equal to the weights. */
    void reset(float[] flat) {
        ema.asFloatBuffer().put(flat);
        m.asFloatBuffer().put(new float[paramCount]);
        v.asFloatBuffer().put(new float[paramCount]);
        step = 0;
    }

    float[] moments1() {
        return read(m);
    }

    float[] moments2() {
        return read(v);
    }

    float[] ema() {
        return read(ema);
    }

    /** Puts back moments, EMA and step count taken earlier. */
    void restore(float[] m1, float[] m2, float[] average, long adamStep) {
        m.asFloatBuffer().put(m1);
        v.asFloatBuffer().put(m2);
        ema.asFloatBuffer().put(average);
        step = adamStep;
    }

    private float[] read(ByteBuffer b) {
        float[] f = new float[paramCount];
        b.asFloatBuffer().get(f);
        return f;
    }

    @Override
    public void close() {
        for (INDArray a : arrays) {
            a.close();
        }
    }
}
