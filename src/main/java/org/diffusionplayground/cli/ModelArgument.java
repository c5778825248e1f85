package org.diffusionplayground.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.checkpoint.PretrainedModel;

/** The {@code --model ID|PATH} argument of the measuring commands: a bundled model's id or a checkpoint. */
final class ModelArgument {

    private ModelArgument() {
    }

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
