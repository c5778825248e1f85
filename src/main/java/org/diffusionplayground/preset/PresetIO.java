package org.diffusionplayground.preset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.diffusionplayground.export.ImageExport;
import org.diffusionplayground.export.ImageFormat;
import org.diffusionplayground.export.VideoFormat;
import org.diffusionplayground.export.VideoKind;
import org.diffusionplayground.export.VideoSettings;
import org.diffusionplayground.model.data.DataLimits;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.preset.Preset.Animation;
import org.diffusionplayground.preset.Preset.Colours;
import org.diffusionplayground.preset.Preset.Data;
import org.diffusionplayground.preset.Preset.Export;
import org.diffusionplayground.preset.Preset.Image;
import org.diffusionplayground.preset.Preset.Model;
import org.diffusionplayground.preset.Preset.ModelSource;
import org.diffusionplayground.preset.Preset.Sampler;
import org.diffusionplayground.preset.Preset.Schedule;
import org.diffusionplayground.preset.Preset.Split;
import org.diffusionplayground.preset.Preset.ThemeName;
import org.diffusionplayground.preset.Preset.Training;
import org.diffusionplayground.preset.Preset.Video;
import org.diffusionplayground.preset.Preset.View;
import org.diffusionplayground.scene.SamplerSettings;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SceneState;
import org.diffusionplayground.scene.ViewOptions;

/**
 * Reads, checks and writes presets. Reading goes: size limit → strict JSON (no duplicate keys, nothing
 * after the document) → {@link PresetMigrations} up to the current version → binding with unknown fields
 * and wrong types refused → defaults for what was left out → range checks. Every problem names its field
 * ({@code sampler.particles}) and what is allowed; a preset that comes back is complete and valid.
 * Writing is atomic ({@link AtomicFiles}) and always writes every field, so a saved preset is explicit.
 */
public final class PresetIO {

    /** Largest preset read: a million inline points is about 40 MB of JSON. */
    public static final long MAX_BYTES = 64L << 20;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");
    /** The name of drawn data everywhere in the app ({@link DataSource.Drawn#displayName()}). */
    static final String DRAWN_NAME = new DataSource.Drawn(null).displayName();

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private PresetIO() {
    }

    // ------------------------------------------------------------------ reading

    /** Reads and checks a preset file. */
    public static Preset read(Path file) throws PresetException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new PresetException(file + (Files.exists(file) ? " is not a file" : " does not exist"));
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new PresetException(name + ": " + size / (1 << 20) + " MB is too large for a preset (the limit "
                        + "is " + (MAX_BYTES >> 20) + " MB)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PresetException(file + " does not exist", e);
        } catch (PresetException e) {
            throw e;
        } catch (IOException e) {
            throw new PresetException("could not read " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, name);
    }

    /** Parses and checks preset JSON; {@code name} (the file name) starts every message. */
    public static Preset parse(byte[] bytes, String name) throws PresetException {
        if (bytes.length > MAX_BYTES) {
            throw new PresetException(name + ": too large for a preset");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (JsonEOFException e) {
            throw new PresetException(name + ": the JSON ends early (the file is truncated?) at line "
                    + e.getLocation().getLineNr(), e);
        } catch (JsonProcessingException e) {
            throw new PresetException(name + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new PresetException(name + ": could not be read: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new PresetException(name + " is empty");
        }
        if (!tree.isObject()) {
            throw new PresetException(name + " is not a Diffusion Playground preset (expected a JSON object)");
        }
        ObjectNode upgraded;
        try {
            ObjectNode obj = (ObjectNode) tree;
            if (PresetMigrations.versionOf(obj) >= 1 && !Preset.FORMAT.equals(obj.path("format").asText(null))) {
                throw new PresetException("not a Diffusion Playground preset (no \"format\": \"" + Preset.FORMAT
                        + "\")");
            }
            upgraded = PresetMigrations.upgrade(obj);
        } catch (PresetException e) {
            throw new PresetException(name + ": " + e.getMessage(), e);
        }
        Preset raw;
        try {
            raw = JSON.treeToValue(upgraded, Preset.class);
        } catch (JsonProcessingException e) {
            throw new PresetException(name + ": " + explain(e), e);
        } catch (IllegalArgumentException e) {
            throw new PresetException(name + ": " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        Preset complete = complete(raw, problems);
        if (problems.isEmpty()) {
            validate(complete, problems);
        }
        if (!problems.isEmpty()) {
            throw PresetException.of(name, problems);
        }
        return complete;
    }

    /** A binding error as "field: what was expected, what was found". */
    static String explain(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        String at = field.isEmpty() ? "" : "field \"" + field + "\": ";
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "unknown field \"" + field + "\"" + (known.isEmpty() ? "" : " (known fields here: " + known + ")");
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            String allowed = Arrays.stream(f.getTargetType().getEnumConstants()).map(Object::toString)
                    .map(s -> enumName(f.getTargetType(), s)).collect(Collectors.joining(", "));
            return at + f.getValue() + " is not one of " + allowed;
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return at + "expected " + describe(mi.getTargetType()) + ", got " + found(e);
        }
        if (e.getCause() instanceof InputCoercionException || e instanceof InputCoercionException) {
            return at + "the number is too large";
        }
        return at + firstLine(e.getOriginalMessage());
    }

    private static String enumName(Class<?> type, String display) {
        for (Object c : type.getEnumConstants()) {
            if (c.toString().equals(display)) {
                return ((Enum<?>) c).name();
            }
        }
        return display;
    }

    private static String found(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.contains("out of range")) {
            return "a number out of range";
        }
        if (m.contains("from String") || m.contains("String value")) {
            return "a string";
        }
        if (m.contains("Floating-point") || m.contains("floating-point")) {
            return "a number with a fraction";
        }
        if (m.contains("Array value") || m.contains("START_ARRAY")) {
            return "a list";
        }
        if (m.contains("Object value") || m.contains("START_OBJECT")) {
            return "an object";
        }
        if (m.contains("Boolean") || m.contains("boolean")) {
            return "true/false";
        }
        return "something else (" + firstLine(m) + ")";
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == double[].class) {
            return type == double[].class ? "a pair [x, y] of numbers" : "a number";
        }
        if (type == double[][].class) {
            return "a list of [x, y] pairs";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    // ------------------------------------------------------------------ defaults

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** Fills every field left out with the app's default; structural problems go to {@code problems}. */
    static Preset complete(Preset p, List<String> problems) {
        Data data = p.data();
        if (data == null) {
            problems.add("data: missing; give \"builtIn\": {\"kind\": ...} or \"points\": {\"xy\": [[x, y], ...]}");
        } else if ((data.builtIn() == null) == (data.points() == null)) {
            problems.add("data: give exactly one of \"builtIn\" and \"points\"");
        } else if (data.builtIn() != null) {
            Preset.BuiltIn b = data.builtIn();
            if (b.kind() == null) {
                problems.add("data.builtIn.kind: missing (one of " + enumNames(
                        org.diffusionplayground.model.data.ToyData.class) + ")");
            }
            data = new Data(new Preset.BuiltIn(b.kind(), or(b.size(), 3000), or(b.seed(), 0L)), null);
        } else {
            Preset.Points pts = data.points();
            if (pts.xy() == null) {
                problems.add("data.points.xy: missing; give the points as [[x, y], ...]");
            }
            Preset.Origin origin = or(pts.origin(), Preset.Origin.DRAWN);
            data = new Data(null, new Preset.Points(or(pts.name(), origin == Preset.Origin.DRAWN ? DRAWN_NAME
                    : "Imported data"), origin, pts.xy()));
        }
        Schedule schedule = completeSchedule(p.schedule(), new Schedule(ScheduleKind.SIMPLE, null));
        ScheduleSpec spec = spec(schedule, "schedule", problems);
        Model model = completeModel(p.model(), "model", problems);
        TrainingConfig defaults = TrainingConfig.defaults(spec != null ? spec : ScheduleSpec.of(ScheduleKind.SIMPLE));
        Training training = completeTraining(p.training(), defaults);
        SamplerSettings sd = SamplerSettings.DEFAULT;
        Sampler s = or(p.sampler(), new Sampler(null, null, null, null, null, null));
        Sampler sampler = new Sampler(or(s.h(), sd.h()), or(s.particles(), sd.particles()), or(s.steps(), sd.steps()),
                or(s.seed(), sd.seed()), or(s.solver(), sd.solver()), or(s.corrector(), sd.corrector()));
        Split sp = or(p.split(), new Split(null, null, null, null));
        Split split = new Split(or(sp.enabled(), false), or(sp.h(), SamplerSettings.DEFAULT_COMPARE_H),
                sp.schedule() == null ? null : completeSchedule(sp.schedule(), schedule),
                sp.model() == null ? null : completeModel(sp.model(), "split.model", problems));
        if (split.schedule() != null) {
            spec(split.schedule(), "split.schedule", problems);
        }
        Animation a = or(p.animation(), new Animation(null, null, null, null, null));
        SceneMode mode = or(a.mode(), SceneMode.BACKWARD);
        double defaultTime = spec == null ? 1.0 : mode == SceneMode.FORWARD ? spec.build().tMin() : spec.build().tMax();
        Animation animation = new Animation(mode, or(a.time(), defaultTime), or(a.playing(), true), or(a.loop(), true),
                or(a.sweepSeconds(), SceneState.DEFAULT_SWEEP_SECONDS));
        View v = or(p.view(), new View(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null));
        ViewOptions vd = ViewOptions.DEFAULT;
        Colours c = upper(or(v.colours(), new Colours(null, null, null, null)));
        View view = new View(or(v.showData(), vd.showData()), or(v.showTrails(), vd.showTrails()),
                or(v.showField(), vd.showField()), or(v.showExactField(), vd.showExactField()),
                or(v.showAxes(), vd.showAxes()), or(v.showLegend(), vd.showLegend()), or(v.centreX(), vd.centreX()),
                or(v.centreY(), vd.centreY()), or(v.halfSize(), vd.halfSize()), or(v.theme(), ThemeName.LIGHT),
                or(v.lecture(), false), c, List.copyOf(or(v.panels(), List.of())),
                List.copyOf(or(v.overlays(), List.of())));
        Export e = or(p.export(), new Export(null, null));
        Image i = or(e.image(), new Image(null, null, null, null));
        Image image = new Image(or(i.width(), 1920), or(i.height(), 1080), or(i.transparent(), false),
                or(i.format(), ImageFormat.PNG));
        Video vi = or(e.video(), new Video(null, null, null, null, null, null, null, null));
        Video video = new Video(or(vi.kind(), VideoKind.BACKWARD), or(vi.width(), 1920), or(vi.height(), 1080),
                or(vi.fps(), 30), or(vi.seconds(), 6.0), or(vi.hFrom(), VideoSettings.SWEEP_FROM),
                or(vi.hTo(), VideoSettings.SWEEP_TO), or(vi.format(), VideoFormat.MP4));
        return new Preset(Preset.FORMAT, Preset.VERSION, or(p.title(), "Untitled scene"), or(p.description(), ""),
                data, schedule, model, training, sampler, split, animation, view, new Export(image, video));
    }

    /** Colours are written "#RRGGBB" in upper case, so a saved preset reads back the same. */
    private static Colours upper(Colours c) {
        java.util.function.UnaryOperator<String> u = s -> s == null ? null : s.toUpperCase(Locale.ROOT);
        return new Colours(u.apply(c.particles()), u.apply(c.data()), u.apply(c.trail()), u.apply(c.accent()));
    }

    private static Schedule completeSchedule(Schedule s, Schedule fallback) {
        Schedule in = or(s, fallback);
        return new Schedule(or(in.kind(), fallback.kind()), or(in.sigmaMax(), ScheduleSpec.DEFAULT_SIGMA_MAX));
    }

    private static Model completeModel(Model m, String field, List<String> problems) {
        if (m == null) {
            return new Model(ModelSource.NONE, null);
        }
        ModelSource source = or(m.source(), m.checkpoint() != null ? ModelSource.CHECKPOINT : ModelSource.NONE);
        if (source == ModelSource.CHECKPOINT && m.checkpoint() == null) {
            problems.add(field + ".checkpoint: missing (source CHECKPOINT needs \"asset:NAME\" or a path inside the "
                    + "preset's folder)");
        }
        if (source != ModelSource.CHECKPOINT && m.checkpoint() != null) {
            problems.add(field + ".checkpoint: only a CHECKPOINT source has a checkpoint (source is " + source + ")");
        }
        return new Model(source, m.checkpoint());
    }

    private static Training completeTraining(Training t, TrainingConfig d) {
        Training in = or(t, new Training(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null));
        MlpSpec n = d.network();
        TimeEmbedding.Kind emb = or(in.embedding(), n.embedding().kind());
        int embDim = or(in.embeddingDim(), emb == n.embedding().kind() ? n.embedding().dim()
                : emb == TimeEmbedding.Kind.RAW ? 1 : 32);
        return new Training(or(in.width(), n.width()), or(in.depth(), n.depth()), or(in.activation(), n.activation()),
                emb, embDim, or(in.target(), n.target()), or(in.weighting(), d.weighting()),
                or(in.timeSampling(), d.timeSampling()), or(in.batching(), d.batching()),
                or(in.batchSize(), d.batchSize()), or(in.steps(), d.steps()), or(in.learningRate(), d.learningRate()),
                or(in.beta1(), d.beta1()), or(in.beta2(), d.beta2()), or(in.adamEps(), d.adamEps()),
                or(in.clipNorm(), d.clipNorm()), or(in.emaDecay(), d.emaDecay()), or(in.seed(), d.seed()),
                or(in.objective(), d.objective()));
    }

    private static String enumNames(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** A complete preset of the app's defaults: the swiss roll under SIMPLE, no model yet. */
    public static Preset defaults() {
        List<String> problems = new ArrayList<>();
        Preset p = complete(new Preset(Preset.FORMAT, Preset.VERSION, null, null, new Data(new Preset.BuiltIn(
                org.diffusionplayground.model.data.ToyData.SWISS_ROLL, null, null), null), null, null, null, null,
                null, null, null, null), problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the defaults are incomplete: " + problems);
        }
        return p;
    }

    // ------------------------------------------------------------------ checks

    static ScheduleSpec spec(Schedule s, String field, List<String> problems) {
        try {
            return new ScheduleSpec(s.kind(), s.sigmaMax());
        } catch (IllegalArgumentException e) {
            problems.add(field + ": " + e.getMessage());
            return null;
        }
    }

    /** The network and training settings as a config (they must already be complete). */
    public static TrainingConfig trainingConfig(Preset p) {
        Training t = p.training();
        ScheduleSpec spec = new ScheduleSpec(p.schedule().kind(), p.schedule().sigmaMax());
        TimeEmbedding emb = t.embedding() == TimeEmbedding.Kind.RAW ? TimeEmbedding.RAW_T
                : TimeEmbedding.sinusoidal(t.embeddingDim());
        return new TrainingConfig(new MlpSpec(t.width(), t.depth(), t.activation(), emb, t.target()), spec,
                t.weighting(), t.timeSampling(), t.batchSize(), t.steps(), t.learningRate(), t.beta1(), t.beta2(),
                t.adamEps(), t.clipNorm(), t.emaDecay(), t.seed(), t.batching(), t.objective());
    }

    /** The settings of a training run as the preset's training section. */
    public static Training training(TrainingConfig c) {
        MlpSpec n = c.network();
        return new Training(n.width(), n.depth(), n.activation(), n.embedding().kind(), n.embedding().dim(), n.target(),
                c.weighting(), c.timeSampling(), c.batching(), c.batchSize(), c.steps(), c.learningRate(), c.beta1(),
                c.beta2(), c.adamEps(), c.clipNorm(), c.emaDecay(), c.seed(), c.objective());
    }

    private static void range(List<String> problems, String field, double v, double lo, double hi) {
        if (!Double.isFinite(v) || v < lo || v > hi) {
            problems.add(String.format(Locale.ROOT, "%s: must be a number between %s and %s, got %s", field, fmt(lo),
                    fmt(hi), Double.isFinite(v) ? fmt(v) : "a non-finite number"));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void text(List<String> problems, String field, String s, int max) {
        if (s.length() > max) {
            problems.add(field + ": at most " + max + " characters, got " + s.length());
        }
    }

    private static void names(List<String> problems, String field, List<String> names) {
        if (names.size() > 32) {
            problems.add(field + ": at most 32 names, got " + names.size());
        }
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n == null || !NAME.matcher(n).matches()) {
                problems.add(field + "[" + i + "]: \"" + n + "\" is not a name (lower-case letters, digits and '-')");
            }
        }
    }

    /** Range checks of a complete preset. */
    static void validate(Preset p, List<String> problems) {
        text(problems, "title", p.title(), 200);
        text(problems, "description", p.description(), 4000);
        if (p.data().builtIn() != null) {
            range(problems, "data.builtIn.size", p.data().builtIn().size(), 1, DataLimits.MAX_POINTS);
        } else {
            double[][] xy = p.data().points().xy();
            text(problems, "data.points.name", p.data().points().name(), 200);
            if (p.data().points().origin() == Preset.Origin.DRAWN
                    && !DRAWN_NAME.equals(p.data().points().name())) {
                problems.add("data.points.name: drawn points are always called \"" + DRAWN_NAME + "\" (give origin "
                        + "IMPORTED to keep another name, e.g. a file's)");
            }
            if (xy.length < 2 || xy.length > DataLimits.MAX_POINTS) {
                problems.add("data.points.xy: between 2 and " + DataLimits.MAX_POINTS + " points, got " + xy.length);
            }
            for (int i = 0; i < xy.length && problems.size() < 20; i++) {
                if (xy[i] == null || xy[i].length != 2) {
                    problems.add("data.points.xy[" + i + "]: expected a pair [x, y]");
                } else if (!Double.isFinite(xy[i][0]) || !Double.isFinite(xy[i][1])) {
                    problems.add("data.points.xy[" + i + "]: coordinates must be finite numbers");
                }
            }
        }
        checkModel(problems, "model", p.model());
        try {
            trainingConfig(p);
        } catch (IllegalArgumentException e) {
            problems.add("training: " + e.getMessage());
        }
        Sampler s = p.sampler();
        range(problems, "sampler.h", s.h(), 0, SamplerSettings.MAX_H);
        range(problems, "sampler.particles", s.particles(), 1, SamplerSettings.MAX_PARTICLES);
        range(problems, "sampler.steps", s.steps(), 1, TimeGrid.MAX_STEPS);
        range(problems, "split.h", p.split().h(), 0, SamplerSettings.MAX_H);
        if (p.split().model() != null) {
            checkModel(problems, "split.model", p.split().model());
        }
        Animation a = p.animation();
        ScheduleSpec spec = new ScheduleSpec(p.schedule().kind(), p.schedule().sigmaMax());
        org.diffusionplayground.model.schedule.Schedule sch = spec.build();
        range(problems, "animation.time", a.time(), sch.tMin(), sch.tMax());
        range(problems, "animation.sweepSeconds", a.sweepSeconds(), SceneState.MIN_SWEEP_SECONDS,
                SceneState.MAX_SWEEP_SECONDS);
        View v = p.view();
        range(problems, "view.centreX", v.centreX(), -1e6, 1e6);
        range(problems, "view.centreY", v.centreY(), -1e6, 1e6);
        range(problems, "view.halfSize", v.halfSize(), 0.05, 200);
        Colours c = v.colours();
        String[][] colours = {{"particles", c.particles()}, {"data", c.data()}, {"trail", c.trail()},
            {"accent", c.accent()}};
        for (String[] colour : colours) {
            if (colour[1] != null && !HEX.matcher(colour[1]).matches()) {
                problems.add("view.colours." + colour[0] + ": \"" + colour[1] + "\" is not a colour \"#RRGGBB\"");
            }
        }
        names(problems, "view.panels", v.panels());
        names(problems, "view.overlays", v.overlays());
        Image i = p.export().image();
        String sizeProblem = ImageExport.checkSize(i.width(), i.height());
        if (sizeProblem != null) {
            problems.add("export.image: " + sizeProblem);
        }
        Video vi = p.export().video();
        String videoProblem = VideoSettings.problem(vi.kind(), vi.width(), vi.height(), vi.fps(), vi.seconds(),
                vi.hFrom(), vi.hTo());
        if (videoProblem != null) {
            problems.add("export.video: " + videoProblem);
        } else if (vi.format() == VideoFormat.GIF && vi.fps() > VideoFormat.MAX_GIF_FPS) {
            problems.add("export.video.fps: a GIF plays at most " + VideoFormat.MAX_GIF_FPS + " frames per second");
        }
    }

    private static void checkModel(List<String> problems, String field, Model m) {
        if (m.source() == ModelSource.CHECKPOINT && m.checkpoint() != null) {
            String problem = CheckpointReference.problem(m.checkpoint());
            if (problem != null) {
                problems.add(field + ".checkpoint " + problem);
            }
        }
    }

    // ------------------------------------------------------------------ writing

    /** The preset as JSON text (every field, in the documented order). */
    public static String toJson(Preset p) {
        try {
            return JSON.writeValueAsString(p) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a preset always serialises", e);
        }
    }

    /** Writes a preset atomically; it is checked first, so only valid presets reach the disk. */
    public static void write(Path file, Preset p, AtomicFiles.Existing existing) throws IOException {
        List<String> problems = new ArrayList<>();
        Preset complete = complete(p, problems);
        if (problems.isEmpty()) {
            validate(complete, problems);
        }
        if (!problems.isEmpty()) {
            throw PresetException.of(String.valueOf(file.getFileName()), problems);
        }
        AtomicFiles.write(file, toJson(complete).getBytes(java.nio.charset.StandardCharsets.UTF_8), existing);
    }
}
