package org.diffusionplayground.preset;

import java.nio.file.Files;
import java.nio.file.Path;

/** The lecture presets that come with the app ({@code presets/}). */
public final class ShippedPresets {

    /** System property naming the presets folder. */
    public static final String PROPERTY = "playground.presets";

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
}
