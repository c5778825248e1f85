package org.diffusionplayground.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Brings presets of older layouts up to {@link Preset#VERSION}, one version at a time, on the JSON tree
 * before it is bound: migration k turns a version-k tree into a version-(k+1) tree. A newer version than
 * this app knows is refused with a message (it may hold settings this app would silently drop).
 *
 * <p>Version 0 is the flat layout of the first drafts of the app (no {@code format} field):
 * <pre>
 *   {"version": 0, "name": "...", "dataset": "swissroll", "points": 3000, "dataSeed": 0,
 *    "schedule": "SIMPLE", "checkpoint": "asset:swissroll-simple", "hbar": 0.5, "particles": 2000,
 *    "steps": 200, "seed": 1, "mode": "backward", "time": 1.0, "theme": "dark", "lecture": true}
 * </pre>
 * where {@code dataset} uses the command line's names and {@code hbar} is 𝔥.
 */
public final class PresetMigrations {

    /** One step of the chain: a tree of version {@code from()} to one of version {@code from() + 1}. */
    interface Migration {
        int from();

        ObjectNode apply(ObjectNode tree) throws PresetException;
    }

    private static final List<Migration> CHAIN = List.of(new V0ToV1());

    private PresetMigrations() {
    }

    /** The version a tree declares; flat trees without {@code format} are version 0. */
    static int versionOf(ObjectNode tree) throws PresetException {
        JsonNode v = tree.get("version");
        if (v == null) {
            return tree.has("format") ? Preset.VERSION : 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new PresetException("version: expected a whole number, got "
                    + org.diffusionplayground.model.util.UserText.shown(String.valueOf(v)));
        }
        return v.intValue();
    }

    /** Applies the migrations from the tree's version up to the current one. */
    static ObjectNode upgrade(ObjectNode tree) throws PresetException {
        int version = versionOf(tree);
        if (version > Preset.VERSION) {
            throw new PresetException("version " + version + " was written by a newer Diffusion Playground; this one "
                    + "reads versions 0 to " + Preset.VERSION);
        }
        if (version < 0) {
            throw new PresetException("version: " + version + " is not a preset version");
        }
        ObjectNode t = tree;
        for (Migration m : CHAIN) {
            if (m.from() >= version && m.from() < Preset.VERSION) {
                t = m.apply(t);
            }
        }
        return t;
    }

    /** The flat draft layout to version 1's sections. */
    static final class V0ToV1 implements Migration {

        private static final Set<String> KNOWN = Set.of("version", "name", "dataset", "points", "dataSeed",
                "schedule", "checkpoint", "hbar", "particles", "steps", "seed", "mode", "time", "theme", "lecture");

        @Override
        public int from() {
            return 0;
        }

        @Override
        public ObjectNode apply(ObjectNode old) throws PresetException {
            Set<String> unknown = new HashSet<>();
            for (Iterator<String> it = old.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!KNOWN.contains(f)) {
                    unknown.add(f);
                }
            }
            if (!unknown.isEmpty()) {
                throw new PresetException("unknown field" + (unknown.size() > 1 ? "s " : " ")
                        + org.diffusionplayground.model.util.UserText.shown(String.join(", ",
                        new java.util.TreeSet<>(unknown)), 200) + " for a version-0 preset (fields of version 0: "
                        + String.join(", ", new java.util.TreeSet<>(KNOWN)) + "); a current preset starts with "
                        + "\"format\": \"" + Preset.FORMAT + "\"");
            }
            JsonNodeFactory f = JsonNodeFactory.instance;
            ObjectNode t = f.objectNode();
            t.put("format", Preset.FORMAT);
            t.put("version", 1);
            copy(old, "name", t, "title");
            if (old.has("dataset")) {
                ObjectNode builtIn = t.putObject("data").putObject("builtIn");
                builtIn.put("kind", toyDataName(old.get("dataset")));
                copy(old, "points", builtIn, "size");
                copy(old, "dataSeed", builtIn, "seed");
            }
            if (old.has("schedule")) {
                t.putObject("schedule").set("kind", old.get("schedule"));
            }
            if (old.has("checkpoint")) {
                ObjectNode model = t.putObject("model");
                model.put("source", "CHECKPOINT");
                model.set("checkpoint", old.get("checkpoint"));
            }
            ObjectNode sampler = t.putObject("sampler");
            copy(old, "hbar", sampler, "h");
            copy(old, "particles", sampler, "particles");
            copy(old, "steps", sampler, "steps");
            copy(old, "seed", sampler, "seed");
            ObjectNode animation = t.putObject("animation");
            if (old.has("mode")) {
                animation.put("mode", old.get("mode").asText().toUpperCase(Locale.ROOT));
            }
            copy(old, "time", animation, "time");
            ObjectNode view = t.putObject("view");
            if (old.has("theme")) {
                view.put("theme", old.get("theme").asText().toUpperCase(Locale.ROOT));
            }
            copy(old, "lecture", view, "lecture");
            return t;
        }

        private static void copy(ObjectNode from, String field, ObjectNode to, String as) {
            if (from.has(field)) {
                to.set(as, from.get(field));
            }
        }

        /** The command line's data set names of version 0 ("swissroll") to the enum names of version 1. */
        private static String toyDataName(JsonNode name) throws PresetException {
            String s = name.asText().toLowerCase(Locale.ROOT);
            return switch (s) {
                case "swissroll" -> "SWISS_ROLL";
                case "25gaussians" -> "GAUSSIANS_25";
                case "8gaussians" -> "GAUSSIANS_8";
                case "moons" -> "TWO_MOONS";
                case "rings" -> "RINGS";
                case "checkerboard" -> "CHECKERBOARD";
                case "pinwheel" -> "PINWHEEL";
                case "spirals" -> "TWO_SPIRALS";
                default -> throw new PresetException("dataset: unknown data set " + name + " (version 0 names: "
                        + "swissroll, 25gaussians, 8gaussians, moons, rings, checkerboard, pinwheel, spirals)");
            };
        }
    }
}
