package org.diffusionplayground.model.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.Batching;
import org.diffusionplayground.model.train.Objective;
import org.diffusionplayground.model.train.OptimiserSchedule;
import org.diffusionplayground.model.train.TimeSampling;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.train.Weighting;

/**
 * The JSON description saved next to the weights ({@code model.json}): what the network is, how it was
 * trained, on what. Its own small records rather than the app's classes, so the file format stays put
 * when the code moves; {@link #FORMAT_VERSION} is raised on any incompatible change.
 *
 * @param format        always {@link #FORMAT}: tells our files from other JSON
 * @param formatVersion version of this layout
 * @param network       the MLP's architecture
 * @param schedule      the forward process it was trained for
 * @param training      the training configuration, or null when unknown
 * @param data          where the training data came from
 * @param stepsTrained  optimiser steps done
 * @param finalLoss     smoothed training loss at the end (NaN when unknown)
 * @param seed          training seed
 * @param weights       {@code "ema"} or {@code "raw"}: which weights the file holds
 * @param created       ISO-8601 instant of the save
 * @param appVersion    version of the app that saved it
 * @param tensorsSha256 SHA-256 (hex) of the .safetensors file: ties the two files of one save together
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(String format, int formatVersion, Network network, Schedule schedule, Training training,
        Data data, long stepsTrained, double finalLoss, long seed, String weights, String created, String appVersion,
        String tensorsSha256) {

    public static final String FORMAT = "diffusion-playground-model";
    public static final int FORMAT_VERSION = 1;

    /**
     * Architecture: {@link MlpSpec} spelled out. {@code classes} is written for conditional networks only, so
     * an unconditional card reads as it did before labels existed, and a card without it loads as unconditional.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Network(int width, int depth, Activation activation, TimeEmbedding.Kind embedding,
            int embeddingDim, Target target, Integer classes) {

        public static Network of(MlpSpec s) {
            return new Network(s.width(), s.depth(), s.activation(), s.embedding().kind(), s.embedding().dim(),
                    s.target(), s.conditional() ? s.classes() : null);
        }

        public MlpSpec toSpec() {
            return new MlpSpec(width, depth, activation, new TimeEmbedding(embedding, embeddingDim), target,
                    classes == null ? 0 : classes);
        }
    }

    /** {@link ScheduleSpec} spelled out. */
    public record Schedule(ScheduleKind kind, double sigmaMax) {

        public static Schedule of(ScheduleSpec s) {
            return new Schedule(s.kind(), s.sigmaMax());
        }

        public ScheduleSpec toSpec() {
            return new ScheduleSpec(kind, sigmaMax);
        }
    }

    /**
     * Summary of the {@link TrainingConfig} (network and schedule are recorded above). {@code objective}
     * is absent from cards written before it existed: those models were trained by DSM; so is
     * {@code optimiserSchedule}: those were trained at a constant rate and EMA decay.
     */
    public record Training(Weighting weighting, TimeSampling timeSampling, int batchSize, long steps,
            double learningRate, double beta1, double beta2, double adamEps, double clipNorm, double emaDecay,
            Batching batching, String summary, Objective objective, OptimiserSchedule optimiserSchedule) {

        public static Training of(TrainingConfig c) {
            return new Training(c.weighting(), c.timeSampling(), c.batchSize(), c.steps(), c.learningRate(),
                    c.beta1(), c.beta2(), c.adamEps(), c.clipNorm(), c.emaDecay(), c.batching(), c.summary(),
                    c.objective(), c.optimiserSchedule());
        }

        /** The schedule the model was trained with (constant for cards that do not say). */
        public OptimiserSchedule optimiserScheduleOrConstant() {
            return optimiserSchedule == null ? OptimiserSchedule.CONSTANT : optimiserSchedule;
        }

        /** The objective the model was trained with (DSM for cards that do not say). */
        public Objective objectiveOrDsm() {
            return objective == null ? Objective.DSM : objective;
        }
    }

    /**
     * The training data: a built-in generator (kind, size, seed), or imported / drawn points whose
     * coordinates are stored in the .safetensors file as the F64 tensor {@code pointsTensor} so a
     * checkpoint can restore the scene without the original file; their class labels, when they have
     * them, as the I32 tensor {@code labelsTensor} with {@code classes} classes.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(String source, ToyData kind, Integer size, Long seed, String fileName, String pointsTensor,
            String labelsTensor, Integer classes) {

        public static final String BUILT_IN = "built-in";
        public static final String IMPORTED = "imported";
        public static final String DRAWN = "drawn";

        public static Data of(DataSource s) {
            // (Java 17: no pattern matching in switch)
            if (s instanceof DataSource.BuiltIn b) {
                return new Data(BUILT_IN, b.kind(), b.size(), b.seed(), null, null, null, null);
            } else if (s instanceof DataSource.Imported i) {
                return stored(IMPORTED, i.fileName(), i.points());
            } else if (s instanceof DataSource.Drawn d) {
                return stored(DRAWN, null, d.points());
            }
            throw new IllegalArgumentException("unknown data source " + s);
        }

        private static Data stored(String source, String fileName, org.diffusionplayground.model.data.PointSet p) {
            boolean labelled = p.hasLabels();
            return new Data(source, null, p.size(), null, fileName, CheckpointIO.POINTS_TENSOR,
                    labelled ? CheckpointIO.LABELS_TENSOR : null, labelled ? p.classes() : null);
        }
    }

    /** A copy with the checksum of the weights file filled in (done by {@link CheckpointIO#save}). */
    ModelCard withTensorsSha256(String sha) {
        return new ModelCard(format, formatVersion, network, schedule, training, data, stepsTrained, finalLoss, seed,
                weights, created, appVersion, sha);
    }
}
