package org.diffusionplayground.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.checkpoint.TestModels;
import org.diffusionplayground.model.util.FaultySteps;
import org.diffusionplayground.model.util.FileSteps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Crash recovery: all-or-nothing autosaves, sessions that survive a reused process id, broken ones set aside. */
@Timeout(60)
class AutosaveTest {

    @TempDir
    Path root;

    private static Preset scene(String title) {
        Preset p = PresetIO.defaults();
        return new Preset(p.format(), p.version(), title, p.description(), p.data(), p.schedule(), p.model(),
                p.training(), p.sampler(), p.split(), p.animation(), p.view(), p.export());
    }

    /** The title of the autosaved scene in {@code dir} and the seed of the model it refers to: they must agree. */
    private static String loadAutosave(Path dir) throws IOException {
        Preset p = PresetIO.read(dir.resolve(Autosave.SCENE));
        long seed = TestModels.seedOf(CheckpointIO.load(dir.resolve(p.model().checkpoint())));
        assertEquals("scene " + seed, p.title(), "the scene is paired with its own model");
        return p.title();
    }

    /** A session of this process that saved "scene {@code seed}" with model {@code seed} and then died. */
    private Autosave crashed(int seed) throws IOException {
        Autosave a = Autosave.forThisProcess(root);
        a.save(scene("scene " + seed), TestModels.model(seed), null);
        a.releaseLock(); // the operating system drops the lock of a dead process
        return a;
    }

    /** A session in {@code sessions} that saved "scene 1" with model 1; its lock is let go for the next save. */
    private static Autosave firstSave(Path sessions) throws IOException {
        Autosave first = new Autosave(sessions, Autosave.newSessionId(), FileSteps.DISK);
        first.save(scene("scene 1"), TestModels.model(1), null);
        first.releaseLock();
        return first;
    }

    private int stepsOfAnAutosave() throws IOException {
        Autosave a = new Autosave(root.resolve("count"), Autosave.newSessionId(), FileSteps.DISK);
        a.save(scene("scene 1"), TestModels.model(1), null);
        a.releaseLock();
        FaultySteps counting = FaultySteps.failingAt(Integer.MAX_VALUE);
        new Autosave(root.resolve("count"), a.dir().getFileName().toString(), counting)
                .save(scene("scene 2"), TestModels.model(2), null);
        a.clear();
        return counting.calls();
    }

    @Test
    void aFailureAtEveryStepOfAnAutosaveLeavesThePreviousOneLoadable() throws IOException {
        int steps = stepsOfAnAutosave();
        assertTrue(steps >= 4, "weights, card, session, scene, old model: " + steps);
        for (int k = 1; k <= steps; k++) {
            Autosave first = firstSave(root.resolve("fail-" + k));
            Autosave faulty = new Autosave(first.root(), first.dir().getFileName().toString(), FaultySteps.failingAt(k));
            boolean saved;
            try {
                faulty.save(scene("scene 2"), TestModels.model(2), null);
                saved = true;
            } catch (IOException e) {
                saved = false;
            }
            assertEquals(saved ? "scene 2" : "scene 1", loadAutosave(faulty.dir()), "step " + k);
            faulty.clear();
        }
    }

    @Test
    void aCrashAfterEveryStepOfAnAutosaveLeavesOneWholeScene() throws IOException {
        int steps = stepsOfAnAutosave();
        for (int k = 0; k <= steps; k++) {
            Autosave first = firstSave(root.resolve("crash-" + k));
            Path disk = root.resolve("disk-" + k);
            Autosave crashing = new Autosave(first.root(), first.dir().getFileName().toString(),
                    FaultySteps.crashingAfter(k, first.dir(), disk));
            assertThrows(FaultySteps.Crash.class, () -> crashing.save(scene("scene 2"), TestModels.model(2), null));
            String title = loadAutosave(disk);
            assertTrue(title.equals("scene 1") || title.equals("scene 2"), title);
            crashing.clear();
        }
    }

    @Test
    void anUnchangedModelIsNotWrittenAgain() throws IOException {
        Autosave a = crashed(1);
        FaultySteps counting = FaultySteps.failingAt(Integer.MAX_VALUE);
        Autosave again = new Autosave(root, a.dir().getFileName().toString(), counting);
        again.save(scene("scene 1"), TestModels.model(1), null);
        assertEquals(2, counting.calls(), "the session and the scene only");
        a.clear();
    }

    @Test
    void aCrashedSessionIsOfferedAlthoughTheNextStartHasTheSameProcessId() throws IOException {
        Autosave crashed = crashed(1);

        // the next start runs with the same pid (as in a container); its session has another folder
        Autosave next = Autosave.forThisProcess(root);
        assertNotEquals(crashed.dir(), next.dir());
        next.save(scene("scene 9"), TestModels.model(9), null);
        List<Autosave.Orphan> orphans = next.orphans();
        assertEquals(1, orphans.size(), "" + orphans);
        assertEquals(crashed.dir(), orphans.get(0).dir());
        assertEquals(ProcessHandle.current().pid(), orphans.get(0).pid(), "the pid of the crashed run is ours");
        assertEquals("scene 1", orphans.get(0).title());
        assertEquals("scene 1", loadAutosave(orphans.get(0).dir()));

        // a session still running (its lock held) is not offered to another one
        Autosave third = Autosave.forThisProcess(root);
        assertTrue(third.orphans().stream().noneMatch(o -> o.dir().equals(next.dir())));
        next.clear();
        third.clear();
    }

    @Test
    void aFolderOfAnOlderVersionNamedByOurOwnPidIsOffered() throws IOException {
        Autosave old = crashed(4);
        Path legacy = root.resolve(Long.toString(ProcessHandle.current().pid()));
        Files.move(old.dir(), legacy);
        Files.delete(legacy.resolve(Autosave.LOCK)); // older versions took no lock
        List<Autosave.Orphan> orphans = Autosave.forThisProcess(root).orphans();
        assertEquals(1, orphans.size());
        assertEquals(legacy, orphans.get(0).dir());
    }

    @Test
    void aBrokenAutosaveIsMovedAsideOnceAndNotOfferedAgain() throws IOException {
        Autosave crashed = Autosave.forThisProcess(root);
        crashed.save(scene("scene 1"), null, null);
        crashed.releaseLock();
        Files.writeString(crashed.dir().resolve(Autosave.SCENE), "{ \"format\": \"diffusion-playground-preset\", ");
        Autosave next = Autosave.forThisProcess(root);
        Autosave.Orphan broken = next.orphans().get(0);
        assertThrows(PresetException.class, () -> PresetIO.read(broken.scene()));
        Path aside = next.moveAside(broken);
        assertTrue(Files.isRegularFile(aside.resolve(Autosave.SCENE)), "nothing is deleted");
        assertTrue(next.orphans().isEmpty());
        assertTrue(Autosave.forThisProcess(root).orphans().isEmpty(), "nor at the start after");
    }

    @Test
    void staleTemporaryFilesAndEmptySessionsAreCleanedAtStart() throws IOException {
        Path crashed = Files.createDirectories(root.resolve(Autosave.newSessionId()));
        Path staleTemp = Files.writeString(crashed.resolve(".scene.json.1f2e3d.tmp"), "half");
        Path freshTemp = Files.writeString(crashed.resolve(".scene.json.4a5b6c.tmp"), "being written");
        Files.writeString(crashed.resolve(Autosave.SCENE), PresetIO.toJson(scene("scene 1")));
        FileTime old = FileTime.from(Instant.now().minus(Autosave.STALE).minusSeconds(60));
        Files.setLastModifiedTime(staleTemp, old);
        Path empty = Files.createDirectories(root.resolve(Autosave.newSessionId()));
        Files.setLastModifiedTime(empty, old);

        Autosave.forThisProcess(root);
        assertFalse(Files.exists(staleTemp));
        assertTrue(Files.exists(freshTemp), "a temporary file in use is left alone");
        assertFalse(Files.exists(empty));
        assertTrue(Files.exists(crashed.resolve(Autosave.SCENE)), "a scene to restore is kept");
    }
}
