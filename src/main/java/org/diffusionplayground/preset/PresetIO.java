package org.diffusionplayground.preset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.model.util.InputFiles;
import org.diffusionplayground.model.util.JsonLimits;
import org.diffusionplayground.model.util.UserText;
import org.diffusionplayground.preset.Preset.Data;
import org.diffusionplayground.preset.Preset.Training;

/**
 * Reads, checks and writes presets. Reading goes: size limit → strict JSON (no duplicate keys, nothing
 * after the document) → {@link PresetMigrations} up to the current version → binding with unknown fields
 * and wrong types refused → defaults for what was left out → range checks. Every problem names its field
 * ({@code sampler.particles}) and what is allowed; a preset that comes back is complete and valid.
 * The steps after parsing live in {@link PresetErrors} (binding errors in words), {@link PresetDefaults}
 * and {@link PresetValidation}; this class also converts the training section to and from a
 * {@link TrainingConfig}. Writing is atomic ({@link AtomicFiles}) and always writes every field, so a saved preset is explicit.
 */
public final class PresetIO {

    /** Largest preset read: a million inline points is about 40 MB of JSON. */
    public static final long MAX_BYTES = 64L << 20;
    /** The name of drawn data everywhere in the app ({@link DataSource.Drawn#displayName()}). */
    static final String DRAWN_NAME = new DataSource.Drawn(null).displayName();

    /** Presets nest a few levels; their longest strings are descriptions (4 000 characters). */
    static final JsonLimits LIMITS = new JsonLimits(64, 100_000, 100, MAX_BYTES);

    private static final ObjectMapper JSON = JsonMapper.builder(LIMITS.factory())
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
        String name = UserText.shown(file.getFileName() == null ? file.toString() : file.getFileName().toString());
        byte[] bytes;
        try {
            bytes = InputFiles.read(file, MAX_BYTES, "preset");
        } catch (InputFiles.LimitException e) {
            throw new PresetException(e.getMessage(), e);
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
        } catch (JsonProcessingException e) {
            throw new PresetException(name + ": not valid JSON: " + JsonLimits.explain(e), e);
        } catch (IOException e) {
            throw new PresetException(name + ": could not be read: " + UserText.reason(e), e);
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
            throw new PresetException(name + ": " + PresetErrors.explain(e), e);
        } catch (IllegalArgumentException e) {
            throw new PresetException(name + ": " + UserText.shown(String.valueOf(e.getMessage()), 200), e);
        }
        List<String> problems = new ArrayList<>();
        Preset complete = PresetDefaults.complete(raw, problems);
        if (problems.isEmpty()) {
            PresetValidation.validate(complete, problems);
        }
        if (!problems.isEmpty()) {
            throw PresetException.of(name, problems);
        }
        return complete;
    }

    /** A complete preset of the app's defaults: the swiss roll under SIMPLE, no model yet. */
    public static Preset defaults() {
        List<String> problems = new ArrayList<>();
        Preset p = PresetDefaults.complete(new Preset(Preset.FORMAT, Preset.VERSION, null, null, new Data(new Preset.BuiltIn(
                org.diffusionplayground.model.data.ToyData.SWISS_ROLL, null, null), null), null, null, null, null,
                null, null, null, null), problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the defaults are incomplete: " + problems);
        }
        return p;
    }

    // ------------------------------------------------------------------ conversion

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

    // ------------------------------------------------------------------ writing

    /** The preset as JSON text (every field, in the documented order). */
    public static String toJson(Preset p) {
        try {
            return JSON.writeValueAsString(p) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a preset always serialises", e);
        }
    }

    /**
     * Writes a preset atomically; it is checked first, so only valid presets reach the disk. The folder of
     * the presets that come with the app is never written ({@link ShippedPresets}).
     */
    public static void write(Path file, Preset p, AtomicFiles.Existing existing) throws IOException {
        if (ShippedPresets.contains(file)) {
            throw new PresetException(file.getFileName() + " is in the folder of presets that come with the app, "
                    + "which is never written; save it in your own folder");
        }
        AtomicFiles.write(file, bytesToWrite(file, p), existing);
    }

    /** The bytes {@link #write} writes: the complete preset, checked first. */
    static byte[] bytesToWrite(Path file, Preset p) throws PresetException {
        List<String> problems = new ArrayList<>();
        Preset complete = PresetDefaults.complete(p, problems);
        if (problems.isEmpty()) {
            PresetValidation.validate(complete, problems);
        }
        if (!problems.isEmpty()) {
            throw PresetException.of(String.valueOf(file.getFileName()), problems);
        }
        return toJson(complete).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
