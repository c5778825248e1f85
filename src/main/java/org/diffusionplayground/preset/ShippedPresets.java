package org.diffusionplayground.preset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lecture presets and lessons that come with the app ({@code presets/}, lessons in
 * {@code presets/lessons/}). They are read-only: the app never writes into that folder, so an update
 * can replace it and a lecturer's copy lives in the user's own folder ({@link #userFolder()}).
 */
public final class ShippedPresets {

    /** System property naming the presets folder. */
    public static final String PROPERTY = "playground.presets";
    /** System property naming the user's own folder for saved presets and lessons. */
    public static final String USER_PROPERTY = "playground.userPresets";
    /** The lessons' subfolder of the presets folder. */
    public static final String LESSONS = "lessons";

    private ShippedPresets() {
    }

    /** {@code -Dplayground.presets}, else the first {@code presets/} folder up from here; null if none. */
    public static Path folder() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path p = Path.of("").toAbsolutePath();
        for (int level = 0; level <= 4 && p != null; level++, p = p.getParent()) {
            if (Files.isDirectory(p.resolve("presets"))) {
                return p.resolve("presets");
            }
        }
        return null;
    }

    /** The shipped lessons' folder, or null if there is none. */
    public static Path lessonsFolder() {
        Path f = folder();
        return f != null && Files.isDirectory(f.resolve(LESSONS)) ? f.resolve(LESSONS) : null;
    }

    /**
     * Where the user's own presets and lessons go by default: {@code -Dplayground.userPresets}, else
     * {@code Diffusion Playground} in the home folder (created when first needed, by the caller).
     */
    public static Path userFolder() {
        String property = System.getProperty(USER_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return Path.of(System.getProperty("user.home"), "Diffusion Playground");
    }

    /**
     * True when {@code file} is in the shipped folder or below it (links resolved where the file or its
     * folder exists), so it must not be written.
     */
    public static boolean contains(Path file) {
        Path shipped = folder();
        if (shipped == null || file == null) {
            return false;
        }
        return real(file).startsWith(real(shipped));
    }

    /** The real path of a file, or of its nearest existing parent plus the rest, absolute and normalised. */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }
}
