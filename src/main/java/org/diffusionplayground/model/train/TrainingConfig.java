package org.diffusionplayground.model.train;

import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;

/**
 * Everything that determines a training run (MATH.md §2); immutable, validated on construction with
 * messages meant for the user. Same config + same data + same machine ⇒ the same weights bit for bit.
 *
 * <p>The loss is the mean over the batch and the 2 coordinates of
 * {@code λ(t)/p(t) · (s_θ(x_t,t) + ε/σ_t)²}, with p the density of t relative to the uniform one
 * (so p ≡ 1 unless {@link Weighting#G2_IMPORTANCE}). For the paper's setup this is exactly its
 * {@code jnp.mean((s(tx,t) − true_score)**2 * g**2)}.
 *
 * @param network       architecture of the score network
 * @param schedule      forward process
 * @param weighting     λ(t) and the distribution of t
 * @param timeSampling  continuous or the paper's 1000-point grid (uniform weightings only)
 * @param batchSize     points per step
 * @param steps         optimiser steps
 * @param learningRate  Adam step size
 * @param beta1         Adam first-moment decay
 * @param beta2         Adam second-moment decay
 * @param adamEps       Adam ε, added to √v̂ (optax and PyTorch convention)
 * @param clipNorm      global gradient-norm clip; 0 switches clipping off
 * @param emaDecay      decay of the exponential moving average of the weights; 0 switches it off
 * @param seed          seeds the initial weights, the batches, t and ε
 * @param batching      epochs of shuffled batches, or draws with replacement
 * @param objective     denoising, implicit or sliced score matching ({@link Objective}); all reported on
 *                      the DSM scale
 * @param optimiserSchedule how the learning rate and the EMA decay change over the run ({@link OptimiserSchedule};
 *                      {@link OptimiserSchedule#CONSTANT} is the paper's)
 */
public record TrainingConfig(MlpSpec network, ScheduleSpec schedule, Weighting weighting, TimeSampling timeSampling,
        int batchSize, long steps, double learningRate, double beta1, double beta2, double adamEps, double clipNorm,
        double emaDecay, long seed, Batching batching, Objective objective, OptimiserSchedule optimiserSchedule) {

    /** Most steps one run may ask for (about a day at 1000 steps/s; beyond that it is a typo). */
    public static final long MAX_STEPS = 100_000_000L;
    /** Largest batch: 64 Ki points keeps the activations of a 4096-wide network within a few GB. */
    public static final int MAX_BATCH = 65_536;

    /** Epochs of the paper's training (MATH.md §2). */
    public static final int PAPER_EPOCHS = 16_000;
    /** Training points of the paper's data sets. */
    public static final int PAPER_DATA_SIZE = 3_000;
    /** The paper's batch size. */
    public static final int PAPER_BATCH = 512;

    public TrainingConfig {
        require(network != null, "the network architecture is missing");
        require(schedule != null, "the schedule is missing");
        require(weighting != null, "the loss weighting is missing");
        require(timeSampling != null, "the time sampling is missing");
        require(batching != null, "the batching is missing");
        require(objective != null, "the training objective is missing");
        require(optimiserSchedule != null, "the learning-rate schedule is missing");
        require(batchSize >= 1 && batchSize <= MAX_BATCH,
                "batch size must be between 1 and " + MAX_BATCH + ", got " + batchSize);
        require(steps >= 1 && steps <= MAX_STEPS, "steps must be between 1 and " + MAX_STEPS + ", got " + steps);
        require(learningRate > 0 && learningRate <= 10 && Double.isFinite(learningRate),
                "learning rate must be in (0, 10], got " + learningRate);
        require(beta1 >= 0 && beta1 < 1, "Adam β1 must be in [0, 1), got " + beta1);
        require(beta2 >= 0 && beta2 < 1, "Adam β2 must be in [0, 1), got " + beta2);
        require(adamEps > 0 && adamEps < 1, "Adam ε must be in (0, 1), got " + adamEps);
        require(clipNorm >= 0 && Double.isFinite(clipNorm),
                "gradient clip norm must be 0 (off) or a positive number, got " + clipNorm);
        require(emaDecay >= 0 && emaDecay < 1, "EMA decay must be 0 (off) or in (0, 1), got " + emaDecay);
        require(!(weighting == Weighting.G2_IMPORTANCE && timeSampling == TimeSampling.GRID_1000),
                "importance-sampled g² weighting draws t from its own density; use UNIFORM time sampling with it");
    }

    /** A run with a constant learning rate and EMA decay ({@link OptimiserSchedule#CONSTANT}). */
    public TrainingConfig(MlpSpec network, ScheduleSpec schedule, Weighting weighting, TimeSampling timeSampling,
            int batchSize, long steps, double learningRate, double beta1, double beta2, double adamEps, double clipNorm,
            double emaDecay, long seed, Batching batching, Objective objective) {
        this(network, schedule, weighting, timeSampling, batchSize, steps, learningRate, beta1, beta2, adamEps,
                clipNorm, emaDecay, seed, batching, objective, OptimiserSchedule.CONSTANT);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The paper's exact setup (MATH.md §2, its training/src/diffusion.py): concat(x, t) → 3×128 swish →
     * score, λ = g², t on the 1000-point grid, Adam (optax defaults β = 0.9/0.999, ε = 1e-8) at 1e-3,
     * batch 512 from shuffled epochs with the remainder dropped, no clipping, no EMA; 16 000 epochs of
     * 3 000 points = 16 000 × ⌊3000/512⌋ = 80 000 steps.
     */
    public static TrainingConfig paper(ScheduleSpec schedule) {
        return new TrainingConfig(MlpSpec.paper(), schedule, Weighting.G2, TimeSampling.GRID_1000, PAPER_BATCH,
                stepsForEpochs(PAPER_EPOCHS, PAPER_DATA_SIZE, PAPER_BATCH), 1e-3, 0.9, 0.999, 1e-8, 0, 0, 0,
                Batching.EPOCHS, Objective.DSM);
    }

    /**
     * The base of the app's recipe, at a constant rate (the bundled models were trained with it; the app itself
     * trains with {@link #fast}): a sinusoidal time embedding and an ε-predicting 3×128 SiLU network,
     * σ²-weighted loss, batch 1024 drawn with replacement, gradient clipping at 1 and EMA 0.999. On the
     * linear interpolant the network predicts the velocity with the flow-matching loss instead (MATH.md §1.1):
     * that schedule is chosen to train a flow-matching model.
     */
    public static TrainingConfig defaults(ScheduleSpec schedule) {
        boolean flowMatching = schedule.kind() == ScheduleKind.LINEAR;
        MlpSpec net = new MlpSpec(128, 3, Activation.SILU, TimeEmbedding.sinusoidal(32),
                flowMatching ? Target.VELOCITY : Target.EPSILON);
        return new TrainingConfig(net, schedule, flowMatching ? Weighting.FLOW_MATCHING : Weighting.SIGMA2,
                TimeSampling.UNIFORM, 1024, 20_000, 1e-3, 0.9,
                0.999, 1e-8, 1.0, 0.999, 0, Batching.WITH_REPLACEMENT, Objective.DSM);
    }

    /**
     * The app's "Train" and {@code playground train}: {@link #defaults} with the optimiser tuned for time to a good
     * picture (docs/benchmarks.md, "Time to a good picture"): a peak rate of {@value #FAST_RATE} reached by a linear
     * warm-up over {@value #FAST_WARMUP} steps, and the EMA warmed up as (1 + n)/(10 + n) to 0.999
     * ({@link OptimiserSchedule}); {@value #FAST_STEPS} steps. A cosine decay of the rate was measured and not kept:
     * it reached the swiss roll's target later than the constant rate.
     */
    public static TrainingConfig fast(ScheduleSpec schedule) {
        return defaults(schedule).toBuilder().learningRate(FAST_RATE).steps(FAST_STEPS)
                .optimiserSchedule(OptimiserSchedule.warmup(FAST_WARMUP)).build();
    }

    /** Peak learning rate of {@link #fast}. */
    public static final double FAST_RATE = 3e-3;
    /** Warm-up steps of {@link #fast}. */
    public static final long FAST_WARMUP = 100;
    /** Steps of {@link #fast}. */
    public static final long FAST_STEPS = 4_000;

    /** Steps of {@code epochs} passes over {@code dataSize} points in full batches (remainder dropped). */
    public static long stepsForEpochs(long epochs, int dataSize, int batchSize) {
        return epochs * (dataSize / batchSize);
    }

    public TrainingConfig withSteps(long newSteps) {
        return toBuilder().steps(newSteps).build();
    }

    public TrainingConfig withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A one-line summary for progress reports and model cards. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%s%s, %s/%s, batch %d (%s), %d steps, Adam lr %s%s, clip %s, EMA %s, seed %d", schedule.kind(),
                objective == Objective.DSM ? "" : ", " + objective, weighting, timeSampling, batchSize, batching,
                steps, learningRate,
                optimiserSchedule.equals(OptimiserSchedule.CONSTANT) ? "" : " (" + optimiserSchedule.summary() + ")",
                clipNorm == 0 ? "off" : Double.toString(clipNorm), emaDecay == 0 ? "off" : Double.toString(emaDecay),
                seed);
    }

    /** Changes a few fields of a config; {@link #build()} validates. */
    public static final class Builder {
        private MlpSpec network;
        private ScheduleSpec schedule;
        private Weighting weighting;
        private TimeSampling timeSampling;
        private int batchSize;
        private long steps;
        private double learningRate;
        private double beta1;
        private double beta2;
        private double adamEps;
        private double clipNorm;
        private double emaDecay;
        private long seed;
        private Batching batching;
        private Objective objective;
        private OptimiserSchedule optimiserSchedule;

        private Builder(TrainingConfig c) {
            network = c.network;
            schedule = c.schedule;
            weighting = c.weighting;
            timeSampling = c.timeSampling;
            batchSize = c.batchSize;
            steps = c.steps;
            learningRate = c.learningRate;
            beta1 = c.beta1;
            beta2 = c.beta2;
            adamEps = c.adamEps;
            clipNorm = c.clipNorm;
            emaDecay = c.emaDecay;
            seed = c.seed;
            batching = c.batching;
            objective = c.objective;
            optimiserSchedule = c.optimiserSchedule;
        }

        public Builder network(MlpSpec v) {
            network = v;
            return this;
        }

        public Builder schedule(ScheduleSpec v) {
            schedule = v;
            return this;
        }

        public Builder weighting(Weighting v) {
            weighting = v;
            return this;
        }

        public Builder timeSampling(TimeSampling v) {
            timeSampling = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder steps(long v) {
            steps = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder adam(double b1, double b2, double eps) {
            beta1 = b1;
            beta2 = b2;
            adamEps = eps;
            return this;
        }

        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        public Builder emaDecay(double v) {
            emaDecay = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder batching(Batching v) {
            batching = v;
            return this;
        }

        public Builder objective(Objective v) {
            objective = v;
            return this;
        }

        public Builder optimiserSchedule(OptimiserSchedule v) {
            optimiserSchedule = v;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(network, schedule, weighting, timeSampling, batchSize, steps, learningRate,
                    beta1, beta2, adamEps, clipNorm, emaDecay, seed, batching, objective, optimiserSchedule);
        }
    }
}
