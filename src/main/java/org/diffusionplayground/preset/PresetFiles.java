package org.diffusionplayground.preset;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The names of scene and lesson files. The app's own extension is {@value #EXTENSION}: what "Save as"
 * writes, and what the installed app opens from the file manager (the installer registers it). Files
 * ending in {@code .json} (the presets and lessons that come with the app, files saved by earlier
 * versions) hold the same JSON and open the same way; which of the two a file is, scene or lesson, is read
 * from its content, never from its name.
 */
public final class PresetFiles {

    /** The app's own extension for scenes and lessons. */
    public static final String EXTENSION = ".dplay";
    /** The other extension read as a scene or lesson. */
    public static final String JSON = ".json";
    /** The MIME type the installers register for {@value #EXTENSION} (src/package/file-associations.properties). */
    public static final String MIME_TYPE = "application/x-diffusion-playground";

    private PresetFiles() {
    }

    /** Whether {@code file}'s name says it holds a scene or a lesson. */
    public static boolean isSceneOrLesson(Path file) {
        String name = lower(file);
        return name.endsWith(EXTENSION) || name.endsWith(JSON);
    }

    /** The file's name without its scene extension ("ode-versus-sde.json" → "ode-versus-sde"). */
    public static String stem(Path file) {
        String name = file.getFileName().toString();
        for (String ext : new String[] {EXTENSION, JSON}) {
            if (name.toLowerCase(Locale.ROOT).endsWith(ext) && name.length() > ext.length()) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    /** The name a save goes to: {@code chosen} when it ends in either extension, else with {@value #EXTENSION}. */
    public static Path forSaving(Path chosen) {
        return isSceneOrLesson(chosen) ? chosen : chosen.resolveSibling(chosen.getFileName() + EXTENSION);
    }

    private static String lower(Path file) {
        return file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
