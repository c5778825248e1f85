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
 *
 * <p>A conditional network also reads each point's label as a one-hot after the time features, replaced by
 * the null label ∅ with probability {@link #LABEL_DROPOUT} (classifier-free guidance, Ho &amp; Salimans 2022;
 * docs/MATH.md §8), so one network learns s(x, t, y) and s(x, t, ∅) at once. The dropout draws come from a
 * generator of their own: an unconditional run sees exactly the batches it saw before labels existed.
 */
final class DsmBatch {

    /** Probability that a training point's label is replaced by ∅. */
    static final double LABEL_DROPOUT = org.diffusionplayground.model.score.Guidance.LABEL_DROPOUT;

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
    /** The points' labels (null for an unconditional network), the one-hot's place, its null index. */
    private final int[] labels;
    private final int labelOffset;
    private final int labelDim;
    private final SplittableRandom labelRng;
    /** The label each row was given this batch (∅ = the null index), for tests. */
    final int[] label;

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
        this.labels = spec.conditional() ? labelsFor(spec, data) : null;
        this.labelOffset = spec.labelOffset();
        this.labelDim = spec.labelDim();
        this.labelRng = new SplittableRandom(config.seed() ^ 0x3C6EF372FE94F82BL);
        this.label = new int[size];
    }

    /** The data's labels, checked against what the network was built for. */
    private static int[] labelsFor(MlpSpec spec, PointSet data) {
        if (!data.hasLabels()) {
            throw new IllegalArgumentException("a conditional model needs labelled data; these points have no labels");
        }
        if (data.classes() > spec.classes()) {
            throw new IllegalArgumentException("the data have " + data.classes() + " classes but the network was "
                    + "built for " + spec.classes());
        }
        return data.labelArray();
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
        int embDim = labelOffset - 2;
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
        if (labels != null) {
            writeLabels();
        }
    }

    /** The one-hot of each row's label, ∅ with probability {@link #LABEL_DROPOUT}. */
    private void writeLabels() {
        int none = labelDim - 1;
        for (int i = 0; i < size; i++) {
            label[i] = labelRng.nextDouble() < LABEL_DROPOUT ? none : labels[index[i]];
            int row = i * inputDim + labelOffset;
            java.util.Arrays.fill(input, row, row + labelDim, 0f);
            input[row + label[i]] = 1f;
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
