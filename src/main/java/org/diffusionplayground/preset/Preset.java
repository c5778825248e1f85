package org.diffusionplayground.preset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.diffusionplayground.export.ImageFormat;
import org.diffusionplayground.export.VideoFormat;
import org.diffusionplayground.export.VideoKind;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.Batching;
import org.diffusionplayground.model.train.Objective;
import org.diffusionplayground.model.train.TimeSampling;
import org.diffusionplayground.model.train.Weighting;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SolverChoice;

/**
 * A scene as a file ({@code presets/*.json}): the data, the forward process, the model, the training
 * settings, the sampler, the split view, the animation, the view and the export settings. This is the
 * file format, version {@link #VERSION}: its own records, so the format stays put when the code moves,
 * and boxed fields, so a hand-written preset may leave out what it does not care about
 * ({@link PresetIO} fills the defaults and validates; a preset it returns has every field set).
 * Names of kinds are the Java enum names (SWISS_ROLL, SIMPLE, EULER_MARUYAMA, ...), as in model cards.
 *
 * @param format  always {@link #FORMAT}: tells presets from other JSON
 * @param version layout version; older ones are migrated on reading ({@link PresetMigrations})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"format", "version", "title", "description", "data", "schedule", "model", "training", "sampler",
    "split", "animation", "view", "export"})
public record Preset(String format, Integer version, String title, String description, Data data, Schedule schedule,
        Model model, Training training, Sampler sampler, Split split, Animation animation, View view, Export export) {

    public static final String FORMAT = "diffusion-playground-preset";
    public static final int VERSION = 1;

    /** The data: a built-in generator, or the points themselves (imported or drawn). Exactly one is given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Data(BuiltIn builtIn, Points points) {
    }

    /** One of the seeded generators: the same (kind, size, seed) always gives the same points. */
    public record BuiltIn(ToyData kind, Integer size, Long seed) {
    }

    /** Where inline points came from (shown in titles; imported data keeps its file name). */
    public enum Origin { IMPORTED, DRAWN }

    /** Points stored in the preset, {@code [[x, y], ...]}, with a class label per point when labelled. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Points(String name, Origin origin, double[][] xy, int[] labels) {

        /** Unlabelled points. */
        public Points(String name, Origin origin, double[][] xy) {
            this(name, origin, xy, null);
        }
    }

    /** The forward process; sigmaMax only matters for VE. */
    public record Schedule(ScheduleKind kind, Double sigmaMax) {
    }

    /** Where the scene's score comes from. */
    public enum ModelSource {
        /** A saved network: {@code checkpoint} names it ("asset:NAME" or a path inside the preset's folder). */
        CHECKPOINT,
        /** The exact score of the data (closed form for mixtures, the empirical score otherwise). */
        EXACT,
        /** No model yet (a scene to draw data and train on). */
        NONE
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(ModelSource source, String checkpoint) {
    }

    /**
     * The training panel's settings: the network and the optimisation (MATH.md §2), and the
     * score-matching objective (DSM when left out).
     */
    public record Training(Integer width, Integer depth, Activation activation, TimeEmbedding.Kind embedding,
            Integer embeddingDim, Target target, Weighting weighting, TimeSampling timeSampling, Batching batching,
            Integer batchSize, Long steps, Double learningRate, Double beta1, Double beta2, Double adamEps,
            Double clipNorm, Double emaDecay, Long seed, Objective objective) {
    }

    /**
     * The 𝔥 sampler (MATH.md §3), and for a conditional model the class it samples with its guidance scale w
     * (docs/MATH.md §8; both absent: unguided).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sampler(Double h, Integer particles, Integer steps, Long seed, SolverChoice solver,
            Boolean corrector, Integer label, Double guidance) {

        /** An unguided sampler. */
        public Sampler(Double h, Integer particles, Integer steps, Long seed, SolverChoice solver, Boolean corrector) {
            this(h, particles, steps, seed, solver, corrector, null, null);
        }
    }

    /** The split view: a second pane at another 𝔥, optionally with its own forward process and model. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Split(Boolean enabled, Double h, Schedule schedule, Model model) {
    }

    /** What is animated and where it stands: t ∈ [t_min, T] of the schedule. */
    public record Animation(SceneMode mode, Double time, Boolean playing, Boolean loop, Double sweepSeconds) {
    }

    public enum ThemeName { LIGHT, DARK }

    /** Colours that replace the theme's, as "#RRGGBB"; null keeps the theme's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Colours(String particles, String data, String trail, String accent) {
    }

    /**
     * What the scene shows and how. {@code panels} names side panels to open (e.g. "likelihood") and
     * {@code overlays} named layers of other parts of the app (e.g. "correction-map"); names the running
     * app does not know are kept and ignored.
     */
    public record View(Boolean showData, Boolean showTrails, Boolean showField, Boolean showExactField,
            Boolean showAxes, Boolean showLegend, Double centreX, Double centreY, Double halfSize, ThemeName theme,
            Boolean lecture, Colours colours, List<String> panels, List<String> overlays) {

        /** The same scene options with the window's look (theme, lecture mode, colours) and named layers. */
        public View withLook(ThemeName newTheme, Boolean newLecture, Colours newColours, List<String> newOverlays) {
            return new View(showData, showTrails, showField, showExactField, showAxes, showLegend, centreX, centreY,
                    halfSize, newTheme, newLecture, newColours, panels, newOverlays);
        }
    }

    public record Export(Image image, Video video) {
    }

    public record Image(Integer width, Integer height, Boolean transparent, ImageFormat format) {
    }

    /** @param hFrom first 𝔥 of an 𝔥 sweep, @param hTo its last */
    public record Video(VideoKind kind, Integer width, Integer height, Integer fps, Double seconds, Double hFrom,
            Double hTo, VideoFormat format) {
    }
}
