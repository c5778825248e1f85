package org.diffusionplayground.model.train;

import java.util.SplittableRandom;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.Target;

/**
 * One mini-batch of denoising score matching (MATH.md §2), drawn and staged in float for the network:
 * x₀ from the data ({@link BatchIndices}), t and λ/p ({@link TimeSampler}), ε ~ N(0, I), then
 * <ul>
 *   <li>{@link #input}: rows concat(x_t, embed(t)) with x_t = α x₀ + σ ε;</li>
 *   <li>{@link #target}: the regression target y* of the network's output ({@link Target#regressionTarget});</li>
 *   <li>{@link #weight}: the per-sample loss weight w = λ/p · a(t)², a the output scale of the target
 *       (see {@link Nd4jTrainer}: the loss in output space).</li>
 * </ul>
 * For implicit and sliced score matching it also keeps the per-sample factors their losses need and
 * draws the slice directions (after the batch, from the same generator). The ND4J trainer and the
 * plain-Java reference step ({@link PlainJavaTrainer}) both draw from this class, so with the same
 * config they see the same batches. Same config and data ⇒ the same sequence
 * of batches, bit for bit.
 */
final class DsmBatch {

    final int size;
    final int inputDim;
    /** batch × inputDim, row-major. */
    final float[] input;
    /** batch × 2. */
    final float[] target;
    /** batch. */
    final float[] weight;
    /** The times, noises and λ/p of the batch in double (tests read them). */
    final double[] t;
    final double[] eps;
    final double[] lambdaOverP;
    /**
     * Implicit and sliced score matching ({@link Objective#ISM}, {@link Objective#SSM}) only: the output and
     * input scales a(t), c(t) of s = a·out + c·x, 1/σ², and the slice directions v (SSM, interleaved).
     */
    final double[] outScale;
    final double[] inScale;
    final double[] invVariance;
    final float[] slice;

    private final Schedule schedule;
    private final Target targetKind;
    private final Objective objective;
    private final double[] data;
    private final SplittableRandom rng;
    private final BatchIndices batches;
    private final TimeSampler times;
    private final int[] index;
    private final int[] gridIndex;
    private final EmbeddingWriter embeddingWriter;
    /** Embeddings of the paper's 1000 grid times, or null for continuous t. */
    private final float[][] gridEmbedding;

    DsmBatch(TrainingConfig config, Schedule schedule, PointSet data) {
        MlpSpec spec = config.network();
        this.size = config.batchSize();
        this.inputDim = spec.inputDim();
        this.schedule = schedule;
        this.targetKind = spec.target();
        this.objective = config.objective();
        this.data = data.toArray();
        this.rng = new SplittableRandom(config.seed() ^ 0x6A09E667F3BCC909L);
        this.batches = new BatchIndices(config.batching(), data.size(), size);
        this.times = new TimeSampler(schedule, config.weighting(), config.timeSampling());
        this.index = new int[size];
        this.gridIndex = new int[size];
        this.t = new double[size];
        this.lambdaOverP = new double[size];
        this.eps = new double[2 * size];
        this.input = new float[size * inputDim];
        this.target = new float[2 * size];
        this.weight = new float[size];
        this.outScale = new double[size];
        this.inScale = new double[size];
        this.invVariance = new double[size];
        this.slice = new float[2 * size];
        this.embeddingWriter = new EmbeddingWriter(spec.embedding(), size);
        this.gridEmbedding = config.timeSampling() == TimeSampling.GRID_1000 ? gridEmbeddings(spec) : null;
    }

    private float[][] gridEmbeddings(MlpSpec spec) {
        double[] embedding = new double[spec.embedding().dim()];
        float[][] table = new float[TimeSampler.GRID_POINTS][embedding.length];
        for (int k = 0; k < TimeSampler.GRID_POINTS; k++) {
            spec.embedding().features(times.gridTime(k), embedding, 0);
            for (int e = 0; e < embedding.length; e++) {
                table[k][e] = (float) embedding[e];
            }
        }
        return table;
    }

    /** Draws the next batch into the staging arrays. */
    void draw() {
        batches.next(rng, index);
        times.draw(rng, size, t, lambdaOverP, gridIndex);
        int embDim = inputDim - 2;
        // the grid's embeddings are tabulated; continuous times are embedded below in one vector pass
        for (int i = 0; i < size; i++) {
            double ti = t[i];
            double alpha = schedule.alpha(ti);
            double sigma = schedule.sigma(ti);
            double a = targetKind.outputScale(schedule, ti);
            int p = index[i];
            double x0 = data[2 * p];
            double y0 = data[2 * p + 1];
            double ex = rng.nextGaussian();
            double ey = rng.nextGaussian();
            eps[2 * i] = ex;
            eps[2 * i + 1] = ey;
            int row = i * inputDim;
            input[row] = (float) (alpha * x0 + sigma * ex);
            input[row + 1] = (float) (alpha * y0 + sigma * ey);
            if (gridIndex[i] >= 0) {
                System.arraycopy(gridEmbedding[gridIndex[i]], 0, input, row + 2, embDim);
            }
            target[2 * i] = (float) regressionTarget(ti, alpha, sigma, x0, ex);
            target[2 * i + 1] = (float) regressionTarget(ti, alpha, sigma, y0, ey);
            weight[i] = (float) (lambdaOverP[i] * a * a);
            if (objective.tangents() > 0) {
                outScale[i] = a;
                inScale[i] = targetKind.inputScale(schedule, ti);
                invVariance[i] = 1 / (sigma * sigma);
            }
        }
        if (objective == Objective.SSM) {
            for (int i = 0; i < size; i++) {
                slice[2 * i] = (float) rng.nextGaussian();
                slice[2 * i + 1] = (float) rng.nextGaussian();
            }
        }
        if (gridEmbedding == null) {
            embeddingWriter.write(t, size, input, inputDim, 2);
        }
    }

    /** {@link Target#regressionTarget} with α, σ already evaluated (the same formulas, tested equal). */
    private double regressionTarget(double t, double alpha, double sigma, double x0, double noise) {
        return switch (targetKind) {
            case SCORE -> -noise / sigma;
            case EPSILON -> noise;
            case X0 -> x0;
            case V -> alpha * noise - sigma * x0;
            case VELOCITY -> targetKind.regressionTarget(schedule, t, x0, noise);
        };
    }
}
