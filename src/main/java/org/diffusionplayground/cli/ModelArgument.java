package org.diffusionplayground.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.checkpoint.PretrainedModel;
import picocli.CommandLine.Option;

/**
 * The {@code --model ID|PATH} option of the measuring commands (a picocli mixin): a bundled model's id or a
 * checkpoint.
 */
final class ModelArgument {

    @Option(names = "--model", paramLabel = "ID|PATH", defaultValue = "swissroll-simple",
            description = "a bundled model's id (${COMPLETION-CANDIDATES}) or a checkpoint (.json, .safetensors or "
                    + "their common base path); default swissroll-simple",
            completionCandidates = BundledIds.class)
    String idOrPath;

    /** The id or path as given. */
    @Override
    public String toString() {
        return idOrPath;
    }

    Checkpoint load() throws CheckpointException {
        return load(idOrPath);
    }

    /** A bundled model's id or a checkpoint's path, for a command whose model is optional. */
    static Checkpoint load(String idOrPath) throws CheckpointException {
        Optional<PretrainedModel> bundled = PretrainedModel.byId(idOrPath);
        return bundled.isPresent() ? bundled.get().load() : CheckpointIO.load(Path.of(idOrPath));
    }

    /** Ids of the bundled models, for the help text. */
    static final class BundledIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(PretrainedModel.values()).map(PretrainedModel::id).iterator();
        }
    }
}
