package org.diffusionplayground.preset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a preset's references point: its own folder (for checkpoints saved next to it) and the folder
 * of the bundled checkpoints (for {@code asset:NAME}).
 */
public record PresetContext(Path presetDir, Path assetCheckpoints) {

    /** System property naming the assets folder (the folder holding {@code checkpoints/}). */
    public static final String ASSETS_PROPERTY = "playground.assets";

    /** The context of a preset file: its folder, and the app's bundled checkpoints. */
    public static PresetContext of(Path presetFile) {
        Path dir = presetFile.toAbsolutePath().getParent();
        return new PresetContext(dir, bundledCheckpoints());
    }

    /** {@code assets/checkpoints}: from -Dplayground.assets, else the first {@code assets/} up from here. */
    public static Path bundledCheckpoints() {
        Function<Path, Path> checkpoints = assets -> assets.resolve("checkpoints");
        String property = System.getProperty(ASSETS_PROPERTY);
        if (property != null && !property.isBlank()) {
            return checkpoints.apply(Path.of(property));
        }
        Path p = Path.of("").toAbsolutePath();
        for (int level = 0; level <= 4 && p != null; level++, p = p.getParent()) {
            if (Files.isDirectory(p.resolve("assets"))) {
                return checkpoints.apply(p.resolve("assets"));
            }
        }
        return checkpoints.apply(Path.of("assets").toAbsolutePath());
    }
}
