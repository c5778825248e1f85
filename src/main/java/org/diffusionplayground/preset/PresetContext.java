package org.diffusionplayground.preset;

import java.nio.file.Path;
import org.diffusionplayground.model.assets.AssetNotFoundException;
import org.diffusionplayground.model.assets.BundledAssets;
import org.diffusionplayground.model.checkpoint.PretrainedModel;

/**
 * Where a preset's references point: its own folder (for checkpoints saved next to it) and the folder
 * of the bundled checkpoints (for {@code asset:NAME}).
 */
public record PresetContext(Path presetDir, Path assetCheckpoints) {

    /** System property naming the assets folder (the folder holding {@code checkpoints/}). */
    public static final String ASSETS_PROPERTY = BundledAssets.DIRECTORY_PROPERTY;

    /** The context of a preset file: its folder, and the app's bundled checkpoints. */
    public static PresetContext of(Path presetFile) {
        Path dir = presetFile.toAbsolutePath().getParent();
        return new PresetContext(dir, bundledCheckpoints());
    }

    /**
     * {@code assets/checkpoints}, found by {@link BundledAssets} (-Dplayground.assets, the project, the
     * jar, the working directory); where none exists, {@code ./assets/checkpoints}, so that a reference
     * into it fails naming that place.
     */
    public static Path bundledCheckpoints() {
        try {
            return BundledAssets.locateDirectory(PretrainedModel.DIRECTORY);
        } catch (AssetNotFoundException e) {
            String property = System.getProperty(ASSETS_PROPERTY);
            Path assets = property != null && !property.isBlank() ? Path.of(property) : Path.of("assets");
            return assets.resolve(PretrainedModel.DIRECTORY).toAbsolutePath();
        }
    }
}
