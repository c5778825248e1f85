package org.diffusionplayground.preset;

import java.nio.file.Path;
import org.diffusionplayground.model.assets.AssetNotFoundException;
import org.diffusionplayground.model.assets.BundledAssets;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.checkpoint.PretrainedModel;

/**
 * Where a preset's references point: its own folder (for checkpoints saved next to it) and the bundled
 * checkpoints (for {@code asset:NAME}, found by {@link BundledAssets} wherever the app runs from).
 */
public record PresetContext(Path presetDir, Assets assets) {

    /** Finds a bundled checkpoint by name: the base path of its .safetensors/.json pair. */
    @FunctionalInterface
    public interface Assets {
        Path checkpointBase(String name) throws PresetException;

        /** The app's bundled checkpoints ({@code assets/checkpoints/NAME.safetensors}). */
        Assets BUNDLED = name -> {
            try {
                return CheckpointIO.baseOf(BundledAssets.locate(PretrainedModel.DIRECTORY + "/" + name
                        + CheckpointIO.WEIGHTS_SUFFIX));
            } catch (AssetNotFoundException e) {
                throw new PresetException("model.checkpoint \"" + CheckpointReference.ASSET_PREFIX + name
                        + "\": no bundled model of that name (" + e.getMessage() + ")", e);
            }
        };

        /** Checkpoints in one folder (tests). */
        static Assets in(Path folder) {
            return name -> folder.resolve(name);
        }
    }

    /** The context of a preset file: its folder, and the app's bundled checkpoints. */
    public static PresetContext of(Path presetFile) {
        return new PresetContext(presetFile.toAbsolutePath().getParent(), Assets.BUNDLED);
    }
}
