package org.diffusionplayground.preset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a preset's checkpoint is, and the rule that keeps it from pointing anywhere else: a reference is
 * either {@code asset:NAME}, a model shipped with the app in {@code assets/checkpoints/}, or a relative
 * path inside the preset's own folder (the base of the .safetensors/.json pair, e.g.
 * {@code "lecture-3.model"} or {@code "models/imperfect"}). Absolute paths, {@code ..}, backslashes and
 * links that lead out of the folder are refused: a preset from a colleague must not make the app read
 * files elsewhere on the disk.
 */
public final class CheckpointReference {

    public static final String ASSET_PREFIX = "asset:";

    /** Asset names: letters, digits, '.', '_' and '-', starting with a letter or digit; no separators. */
    private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** One segment of a relative reference. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9 ._-]{0,254}");

    private CheckpointReference() {
    }

    public static String asset(String name) {
        return ASSET_PREFIX + name;
    }

    public static boolean isAsset(String reference) {
        return reference.startsWith(ASSET_PREFIX);
    }

    /** What is wrong with a reference's form (a sentence for the user), or null when it is acceptable. */
    public static String problem(String reference) {
        if (reference == null || reference.isBlank()) {
            return "is empty; give \"asset:NAME\" or a path inside the preset's folder";
        }
        if (isAsset(reference)) {
            String name = reference.substring(ASSET_PREFIX.length());
            return ASSET_NAME.matcher(name).matches() ? null
                    : "\"" + shorten(reference) + "\": an asset name has letters, digits, '.', '_' and '-' only";
        }
        if (reference.startsWith("/") || reference.contains("\\") || reference.matches("^[A-Za-z]:.*")
                || reference.contains(":")) {
            return "\"" + shorten(reference) + "\" is not allowed: a checkpoint must be a relative path inside the "
                    + "preset's folder (or \"asset:NAME\")";
        }
        for (String segment : reference.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return "\"" + shorten(reference) + "\" leaves the preset's folder: \"..\" and \".\" are not allowed in "
                        + "a checkpoint reference";
            }
            if (!SEGMENT.matcher(segment).matches()) {
                return "\"" + shorten(reference) + "\": each part of a checkpoint path has letters, digits, spaces, "
                        + "'.', '_' and '-' and does not start with '.' or '-'";
            }
        }
        return null;
    }

    /**
     * The checkpoint's base path (without .safetensors/.json) for a reference in a preset of
     * {@code presetDir}; asset references are looked up by {@code assets}.
     */
    public static Path resolve(String reference, Path presetDir, PresetContext.Assets assets) throws PresetException {
        String problem = problem(reference);
        if (problem != null) {
            throw new PresetException("model.checkpoint " + problem);
        }
        if (isAsset(reference)) {
            return assets.checkpointBase(reference.substring(ASSET_PREFIX.length())); // a plain name: no way out
        }
        Path root;
        Path base;
        try {
            root = presetDir.toAbsolutePath().normalize();
            base = root.resolve(reference).normalize();
        } catch (InvalidPathException e) {
            throw new PresetException("model.checkpoint \"" + shorten(reference) + "\" is not a valid path here: "
                    + e.getReason());
        }
        if (!base.startsWith(root) || base.equals(root)) {
            throw new PresetException("model.checkpoint \"" + shorten(reference) + "\" leaves its folder " + root);
        }
        // a link inside the folder may still lead out of it: compare the real locations of what exists
        try {
            Path realRoot = root.toRealPath();
            for (String suffix : new String[] {".safetensors", ".json"}) {
                Path file = base.resolveSibling(base.getFileName() + suffix);
                if (Files.exists(file) && !file.toRealPath().startsWith(realRoot)) {
                    throw new PresetException("model.checkpoint \"" + shorten(reference) + "\" is a link that leads out "
                            + "of " + root);
                }
            }
        } catch (PresetException e) {
            throw e;
        } catch (IOException e) {
            // the folder does not exist: loading the checkpoint reports the missing file
        }
        return base;
    }

    private static String shorten(String s) {
        return org.diffusionplayground.model.util.UserText.shown(s);
    }
}
