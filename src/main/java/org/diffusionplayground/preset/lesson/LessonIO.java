package org.diffusionplayground.preset.lesson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.diffusionplayground.model.util.InputFiles;
import org.diffusionplayground.model.util.JsonLimits;
import org.diffusionplayground.model.util.UserText;
import org.diffusionplayground.preset.Preset;
import org.diffusionplayground.preset.PresetException;
import org.diffusionplayground.preset.PresetIO;

/**
 * Reads and checks lesson files. A lesson file is strict JSON:
 * <pre>
 * {"format": "diffusion-playground-lesson", "version": 1, "title": "...", "description": "...",
 *  "steps": [{"preset": "../ode-versus-sde.json", "caption": "...", "controls": ["playback"]},
 *            {"changes": {"sampler": {"h": 1.0}}, "title": "...", "caption": "..."}]}
 * </pre>
 * A step is a preset file (relative to the lesson's folder), or changes to the step before it, or both (a
 * preset with changes); {@code changes} is a JSON Merge Patch (RFC 7386) of the preset. Each step is then
 * read exactly as a preset is ({@link PresetIO#parse}), so every preset rule holds for it and a bad value
 * is reported with its step and field. Every problem of the file is reported at once, each on its line.
 */
public final class LessonIO {

    /** Lessons are small: captions and changes, no data. */
    public static final long MAX_BYTES = 1L << 20;
    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 4000;

    private static final List<String> FIELDS = List.of("format", "version", "title", "description", "steps");
    private static final List<String> STEP_FIELDS = List.of("preset", "changes", "title", "caption", "controls");

    private static final ObjectMapper JSON = JsonMapper.builder(new JsonLimits(32, 20_000, 100, MAX_BYTES).factory())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private LessonIO() {
    }

    /** Reads a lesson and every step's preset; throws with all the problems found. */
    public static Lesson read(Path file) throws LessonException {
        String name = UserText.shown(file.getFileName() == null ? file.toString() : file.getFileName().toString());
        byte[] bytes;
        try {
            bytes = InputFiles.read(file, MAX_BYTES, "lesson");
        } catch (IOException e) {
            throw new LessonException(e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new LessonException(name + ": not valid JSON: " + JsonLimits.explain(e), e);
        } catch (IOException e) {
            throw new LessonException(name + ": could not be read: " + UserText.reason(e), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new LessonException(name + " is empty");
        }
        if (!root.isObject() || !Lesson.FORMAT.equals(root.path("format").asText(null))) {
            throw new LessonException(name + " is not a Diffusion Playground lesson (no \"format\": \"" + Lesson.FORMAT
                    + "\")" + (root.isObject() && Preset.FORMAT.equals(root.path("format").asText(null))
                    ? "; it is a preset: open it with File → Open" : ""));
        }
        List<String> problems = new ArrayList<>();
        checkVersion(root.get("version"), problems);
        if (!problems.isEmpty()) {
            throw of(name, problems);
        }
        unknownFields(root, FIELDS, "", problems);
        String title = text(root, "title", MAX_TITLE, true, problems);
        String description = text(root, "description", MAX_TEXT, false, problems);
        JsonNode steps = root.get("steps");
        List<LessonStep> resolved = new ArrayList<>();
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            problems.add("steps: expected a list of at least one step");
        } else if (steps.size() > Lesson.MAX_STEPS) {
            problems.add("steps: at most " + Lesson.MAX_STEPS + " steps, got " + steps.size());
        } else {
            Path folder = file.toAbsolutePath().getParent();
            LessonStep previous = null;
            boolean previousOk = true;
            for (int i = 0; i < steps.size(); i++) {
                int before = problems.size();
                LessonStep s = step(steps.get(i), i + 1, folder, previous, previousOk, problems);
                previousOk = problems.size() == before && s != null;
                if (s != null) {
                    resolved.add(s);
                    previous = s;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw of(name, problems);
        }
        return new Lesson(title, description == null ? "" : description, resolved, file.toAbsolutePath());
    }

    private static LessonException of(String name, List<String> problems) {
        return new LessonException(problems.size() == 1 ? name + ": " + problems.get(0)
                : name + ": " + problems.size() + " problems:\n  - " + String.join("\n  - ", problems));
    }

    private static void checkVersion(JsonNode v, List<String> problems) {
        if (v == null || !v.isIntegralNumber()) {
            problems.add("version: expected a whole number (this app reads version " + Lesson.VERSION + ")");
        } else if (v.asLong() > Lesson.VERSION) {
            problems.add("version " + v.asLong() + " was written by a newer Diffusion Playground; this one reads "
                    + "lessons up to version " + Lesson.VERSION + " (update the app)");
        } else if (v.asLong() < 1) {
            problems.add("version: expected " + Lesson.VERSION + ", got " + v.asLong());
        }
    }

    private static void unknownFields(JsonNode obj, List<String> known, String at, List<String> problems) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add(at + "unknown field \"" + UserText.shown(f) + "\" (known fields here: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    private static String text(JsonNode obj, String field, int max, boolean required, List<String> problems) {
        return text(obj, field, max, required, "", problems);
    }

    private static String text(JsonNode obj, String field, int max, boolean required, String at,
            List<String> problems) {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                problems.add(at + field + ": missing (a line of text)");
            }
            return null;
        }
        if (!n.isTextual()) {
            problems.add(at + field + ": expected a string");
            return null;
        }
        String s = n.asText().strip();
        if (required && s.isEmpty()) {
            problems.add(at + field + ": must not be empty");
        } else if (s.length() > max) {
            problems.add(at + field + ": at most " + max + " characters, got " + s.length());
        }
        return s;
    }

    private static LessonStep step(JsonNode n, int number, Path folder, LessonStep previous, boolean previousOk,
            List<String> problems) {
        String at = "step " + number + ": ";
        if (!n.isObject()) {
            problems.add(at + "expected an object with a caption and a preset or changes");
            return null;
        }
        unknownFields(n, STEP_FIELDS, at, problems);
        String caption = text(n, "caption", MAX_TEXT, true, at, problems);
        String title = text(n, "title", MAX_TITLE, false, at, problems);
        Set<LessonControl> controls = controls(n.get("controls"), at, problems);
        JsonNode presetName = n.get("preset");
        JsonNode changes = n.get("changes");
        if (changes != null && !changes.isObject()) {
            problems.add(at + "changes: expected an object of preset fields, such as {\"sampler\": {\"h\": 1.0}}");
            return null;
        }
        JsonNode base;
        Path presetFile;
        if (presetName != null) {
            if (!presetName.isTextual() || presetName.asText().isBlank()) {
                problems.add(at + "preset: expected the name of a preset file, relative to the lesson's folder");
                return null;
            }
            try {
                presetFile = folder.resolve(presetName.asText()).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                problems.add(at + "preset \"" + UserText.shown(presetName.asText())
                        + "\": not a file name this system accepts");
                return null;
            }
            try {
                base = JSON.readTree(PresetIO.toJson(PresetIO.read(presetFile)));
            } catch (PresetException e) {
                problems.add(at + "preset \"" + UserText.shown(presetName.asText()) + "\": " + e.getMessage());
                return null;
            } catch (IOException e) {
                throw new IllegalStateException("a preset always serialises", e);
            }
        } else if (previous == null) {
            if (previousOk) {
                problems.add(at + "the first step needs a \"preset\" (a preset file to start from)");
            }
            return null;
        } else {
            presetFile = previous.presetFile();
            try {
                base = JSON.readTree(PresetIO.toJson(previous.preset()));
            } catch (IOException e) {
                throw new IllegalStateException("a preset always serialises", e);
            }
        }
        if (changes != null) {
            base = JsonMergePatch.apply(base, changes);
        }
        Preset preset;
        try {
            preset = PresetIO.parse(JSON.writeValueAsBytes(base), "step " + number);
        } catch (PresetException e) {
            problems.add(e.getMessage());
            return null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
        if (caption == null || caption.isEmpty()) {
            return null;
        }
        return new LessonStep(number, title != null && !title.isEmpty() ? title : preset.title(), caption,
                controls, preset, presetFile);
    }

    private static Set<LessonControl> controls(JsonNode n, String at, List<String> problems) {
        if (n == null || n.isNull()) {
            return EnumSet.allOf(LessonControl.class);
        }
        if (!n.isArray()) {
            problems.add(at + "controls: expected a list of names (" + known() + ")");
            return EnumSet.allOf(LessonControl.class);
        }
        Set<LessonControl> out = EnumSet.noneOf(LessonControl.class);
        for (JsonNode c : n) {
            LessonControl control = c.isTextual() ? LessonControl.of(c.asText()) : null;
            if (control == null) {
                problems.add(at + "controls: \"" + UserText.shown(c.asText()) + "\" is not one of " + known());
            } else {
                out.add(control);
            }
        }
        return out;
    }

    private static String known() {
        return Arrays.stream(LessonControl.values()).map(LessonControl::id).collect(Collectors.joining(", "));
    }

    /** True when {@code file} is a readable JSON object that says it is a lesson (what a dropped file is). */
    public static boolean isLesson(Path file) {
        try {
            JsonNode root = JSON.readTree(InputFiles.read(file, MAX_BYTES, "lesson"));
            return root != null && Lesson.FORMAT.equals(root.path("format").asText(null));
        } catch (IOException e) {
            return false;
        }
    }
}
