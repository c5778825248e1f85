package org.diffusionplayground.preset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.util.FileSteps;

/** Autosave folders as a crashed run leaves them, for tests outside this package. */
public final class AutosaveFixture {

    private AutosaveFixture() {
    }

    /** A session that saved the default scene with {@code model} and then died; returns its folder. */
    public static Path crashedSession(Path root, Checkpoint model) throws IOException {
        Autosave a = new Autosave(root, Autosave.newSessionId(), FileSteps.DISK);
        Preset p = PresetIO.defaults();
        // a small data set: restoring generates it, and the fuzz suite restores a thousand times
        Preset small = new Preset(p.format(), p.version(), p.title(), p.description(), new Preset.Data(
                new Preset.BuiltIn(p.data().builtIn().kind(), 200, 0L), null), p.schedule(), p.model(), p.training(),
                p.sampler(), p.split(), p.animation(), p.view(), p.export());
        a.save(small, model, null);
        a.releaseLock();
        return a.dir();
    }

    /** The files of a session folder except its lock, sorted. */
    public static String[] fileNames(Path session) throws IOException {
        try (Stream<Path> files = Files.list(session)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(Autosave.LOCK)).sorted()
                    .toArray(String[]::new);
        }
    }
}
