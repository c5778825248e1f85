package org.diffusionplayground.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.checkpoint.PretrainedModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.preset.Autosave;
import org.diffusionplayground.preset.Preset;
import org.diffusionplayground.preset.PresetIO;
import org.diffusionplayground.preset.RecentFiles;
import org.diffusionplayground.preset.ShippedPresets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scene as a document, without a window: one single-threaded executor plays the UI thread, as the
 * view-models expect. Opening, saving, models trained in the app, drawn data, autosave and restore after
 * a crash, and the refusals that keep a user's work.
 */
class DocumentViewModelTest {

    @TempDir
    Path dir;

    private ExecutorService ui;
    private Jobs jobs;
    private Autosave autosave;

    /** One window's view-models. */
    private final class Window {
        final SceneViewModel scene = new SceneViewModel(jobs);
        final AppViewModel app = new AppViewModel();
        final TrainingViewModel training = new TrainingViewModel(scene, jobs.ui());
        final DocumentViewModel doc = new DocumentViewModel(scene, app, training, jobs, autosave,
                RecentFiles.beside(autosave.root()));

        boolean open(Path file) throws Exception {
            return await(done -> doc.open(file, done));
        }

        boolean saveAs(Path file, boolean replace) throws Exception {
            return await(done -> doc.saveAs(file, replace, done));
        }

        boolean restore(Autosave.Orphan o) throws Exception {
            return await(done -> doc.restore(o, done));
        }
    }

    @BeforeEach
    void setUp() {
        ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-ui"));
        jobs = new Jobs(ui, 2);
        autosave = Autosave.forThisProcess(dir.resolve("autosave"));
    }

    @AfterEach
    void tearDown() {
        jobs.close();
        ui.shutdownNow();
    }

    private <T> T onUi(Callable<T> c) throws Exception {
        return ui.submit(c).get(30, TimeUnit.SECONDS);
    }

    private Window window() throws Exception {
        return onUi(Window::new);
    }

    /** Starts an action on the UI thread and waits for its completion callback. */
    private boolean await(java.util.function.Consumer<java.util.function.Consumer<Boolean>> action) throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        AtomicBoolean ok = new AtomicBoolean();
        ui.submit(() -> action.accept(result -> {
            ok.set(result);
            latch.countDown();
        }));
        assertTrue(latch.await(60, TimeUnit.SECONDS), "the job finished");
        onUi(() -> null); // let what the callback queued run
        return ok.get();
    }

    private static JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(Files.readString(file));
    }

    @Test
    void openingAPresetAndSavingItWritesTheSamePreset() throws Exception {
        Path original = Path.of("presets/imperfect-score.json");
        Window w = window();
        assertTrue(w.open(original), onUi(() -> w.doc.activity().errorProperty().get()));
        assertEquals("An imperfect score: where the correction is large", w.doc.title());
        assertFalse(onUi(() -> w.doc.dirtyProperty().get()));
        assertTrue(onUi(() -> w.scene.splitProperty().get()));
        Path copy = dir.resolve("copy.json");
        assertTrue(w.saveAs(copy, false), onUi(() -> w.doc.activity().errorProperty().get()));
        assertEquals(json(original), json(copy));
        assertEquals(List.of(copy.toAbsolutePath(), original.toAbsolutePath()), onUi(() -> List.copyOf(
                w.doc.recentFiles())));
        assertTrue(onUi(() -> w.doc.windowTitleProperty().get()).contains("copy.json"));
    }

    @Test
    void aSceneSavedUnderTheAppsOwnExtensionOpensAgainAsTheSameScene() throws Exception {
        Path original = Path.of("presets/imperfect-score.json");
        Window w = window();
        assertTrue(w.open(original));
        Path own = org.diffusionplayground.preset.PresetFiles.forSaving(dir.resolve("lecture 3"));
        assertEquals("lecture 3.dplay", own.getFileName().toString());
        assertTrue(w.saveAs(own, false), onUi(() -> w.doc.activity().errorProperty().get()));
        assertEquals(json(original), json(own));
        Window again = window();
        assertTrue(again.open(own), onUi(() -> again.doc.activity().errorProperty().get()));
        assertEquals("An imperfect score: where the correction is large", again.doc.title());
        assertTrue(onUi(() -> again.doc.windowTitleProperty().get()).contains("lecture 3"));
    }

    @Test
    void theUsersThemeAndLectureModeWinOverAPresetsAndMarkNothingChanged() throws Exception {
        Window w = window();
        onUi(() -> {
            w.app.darkProperty().set(true); // as --dark or the D key
            return null;
        });
        assertFalse(onUi(() -> w.doc.dirtyProperty().get()), "a theme is how the user looks, not a change");
        assertTrue(w.open(Path.of("presets/imperfect-score.json"))); // light, lecture mode
        assertTrue(onUi(() -> w.app.darkProperty().get()), "the user's dark theme stays");
        assertTrue(onUi(() -> w.app.lectureProperty().get()), "lecture mode, never chosen by the user, is the preset's");
        onUi(() -> {
            w.app.lectureProperty().set(false); // the L key
            return null;
        });
        assertFalse(onUi(() -> w.doc.dirtyProperty().get()), "lecture mode marks nothing changed");
        assertTrue(w.open(Path.of("presets/noise-helps-h-sweep.json"))); // light, lecture mode
        assertTrue(onUi(() -> w.app.darkProperty().get()));
        assertFalse(onUi(() -> w.app.lectureProperty().get()), "the user's choice of lecture mode stays too");
        assertFalse(onUi(() -> w.doc.dirtyProperty().get()));
    }

    @Test
    void aModelTrainedInTheAppIsSavedBesideThePresetAndOpensAgain() throws Exception {
        Checkpoint trained = PretrainedModel.SWISSROLL_SIMPLE.load();
        Window w = window();
        onUi(() -> {
            w.training.load(trained); // as a finished training run hands its model over
            return null;
        });
        assertTrue(onUi(() -> w.doc.dirtyProperty().get()), "a new model is an unsaved change");
        Path file = dir.resolve("my lecture.json");
        assertTrue(w.saveAs(file, false), onUi(() -> w.doc.activity().errorProperty().get()));
        Preset saved = PresetIO.read(file);
        assertEquals(Preset.ModelSource.CHECKPOINT, saved.model().source());
        assertEquals("my lecture.model", saved.model().checkpoint());
        assertTrue(Files.exists(dir.resolve("my lecture.model.safetensors")));

        Window again = window();
        assertTrue(again.open(file), onUi(() -> again.doc.activity().errorProperty().get()));
        NetworkScore score = (NetworkScore) onUi(() -> again.scene.scoreProperty().get());
        for (int l = 0; l < trained.network().spec().layers(); l++) {
            assertArrayEquals(trained.network().weight(l), score.mlp().weight(l));
        }
        // saving it elsewhere copies the model along; the reference stays inside the new folder
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere")).resolve("copy.json");
        assertTrue(again.saveAs(elsewhere, false));
        assertEquals("copy.model", PresetIO.read(elsewhere).model().checkpoint());
        assertEquals(CheckpointIO.load(dir.resolve("my lecture.model")).card().tensorsSha256(),
                CheckpointIO.load(elsewhere.resolveSibling("copy.model")).card().tensorsSha256());
    }

    @Test
    void drawnDataIsSavedInsideThePreset() throws Exception {
        Window w = window();
        double[] xy = {0.1, 0.2, -0.3, 0.4, 0.5, -0.6, 0.75, 0.125};
        onUi(() -> {
            w.scene.dataSetProperty().set(DataSet.of(new DataSource.Drawn(PointSet.of(xy))));
            return null;
        });
        Path file = dir.resolve("drawn.json");
        assertTrue(w.saveAs(file, false));
        Preset p = PresetIO.read(file);
        assertEquals(Preset.Origin.DRAWN, p.data().points().origin());
        double[][] saved = p.data().points().xy();
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(new double[] {xy[2 * i], xy[2 * i + 1]}, saved[i]);
        }
    }

    @Test
    void unsavedChangesAreAutosavedAndOfferedAgainAfterACrash() throws Exception {
        Window w = window();
        assertTrue(w.open(Path.of("presets/noise-helps-h-sweep.json")));
        onUi(() -> {
            w.scene.hProperty().set(1.75);
            w.app.darkProperty().set(true);
            return null;
        });
        assertTrue(onUi(() -> w.doc.dirtyProperty().get()));
        assertTrue(onUi(() -> w.doc.windowTitleProperty().get()).startsWith("•"), "the title shows the change");
        onUi(() -> {
            w.doc.autosaveNow();
            return null;
        });
        Path scene = autosave.dir().resolve("scene.json");
        long deadline = System.nanoTime() + 30_000_000_000L;
        // earlier autosaves (of the window as it opened) may be on disk first: wait for this state's
        while (!(Files.exists(scene) && Files.readString(scene).contains("\"h\" : 1.75"))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(scene), "autosaved to " + scene);
        // the process "dies": its folder is left behind under a process id that is not running
        Path crashed = autosave.root().resolve("4000000001");
        Files.move(autosave.dir(), crashed);

        Window next = window();
        List<Autosave.Orphan> orphans = next.doc.orphans();
        assertEquals(1, orphans.size());
        assertEquals("Noise helps: 𝔥 sweep on 25 gaussians with NLL and its first-order line", orphans.get(0).title());
        assertEquals(Path.of("presets/noise-helps-h-sweep.json").toAbsolutePath(), orphans.get(0).origin());
        assertTrue(next.restore(orphans.get(0)), onUi(() -> next.doc.activity().errorProperty().get()));
        assertEquals(1.75, onUi(() -> next.scene.hProperty().get()));
        assertTrue(onUi(() -> next.app.darkProperty().get()));
        assertTrue(onUi(() -> next.doc.dirtyProperty().get()), "restored work is unsaved until the user saves it");
        assertEquals(Path.of("presets/noise-helps-h-sweep.json").toAbsolutePath(),
                onUi(() -> next.doc.fileProperty().get()));
        assertFalse(Files.exists(crashed), "the orphan is taken over by this session");
        assertTrue(next.doc.orphans().isEmpty());
    }

    @Test
    void replacingAFileOrWritingWhereNothingCanBeWrittenIsRefusedWithAMessage() throws Exception {
        Window w = window();
        onUi(() -> {
            w.scene.hProperty().set(0.5);
            return null;
        });
        Path existing = dir.resolve("existing.json");
        Files.writeString(existing, "precious");
        assertFalse(w.saveAs(existing, false));
        assertTrue(onUi(() -> w.doc.activity().errorProperty().get()).contains("already exists"));
        assertEquals("precious", Files.readString(existing));
        Path blocked = existing.resolve("inside.json");
        assertFalse(w.saveAs(blocked, true));
        assertTrue(onUi(() -> w.doc.activity().errorProperty().get()).contains("not a folder"), onUi(() -> w.doc.activity().errorProperty()
                .get()));
        assertTrue(onUi(() -> w.doc.dirtyProperty().get()), "the change is still marked unsaved");
    }

    @Test
    void aBrokenPresetLeavesTheSceneAsItWasAndSaysWhy() throws Exception {
        Window w = window();
        assertTrue(w.open(Path.of("presets/ode-versus-sde.json")));
        Path broken = dir.resolve("broken.json");
        String text = Files.readString(Path.of("presets/forward-noising-swiss-roll.json"));
        Files.writeString(broken, text.substring(0, text.length() / 3));
        assertFalse(w.open(broken));
        assertTrue(onUi(() -> w.doc.activity().errorProperty().get()).contains("truncated"));
        assertNotNull(onUi(() -> w.scene.scoreProperty().get()));
        assertTrue(onUi(() -> w.scene.splitProperty().get()), "still the ODE | SDE scene");
        assertEquals("ODE versus SDE (𝔥 = 0 | 1 split)", w.doc.title());
    }

    @Test
    void anAutosaveThatCannotBeRestoredIsMovedAsideOnceWithAMessage() throws Exception {
        // a run that crashed while its scene file was being damaged by something else
        Path crashed = Files.createDirectories(autosave.root().resolve("0f0e0d0c-crashed-session"));
        Files.writeString(crashed.resolve("scene.json"), "{ \"format\": \"diffusion-playground-preset\", ");
        Window w = window();
        List<Autosave.Orphan> orphans = w.doc.orphans();
        assertEquals(1, orphans.size());
        assertFalse(w.restore(orphans.get(0)));
        String message = onUi(() -> w.doc.activity().errorProperty().get());
        assertTrue(message.contains("could not be restored") && message.contains("will not be offered again"),
                message);
        assertTrue(Files.isRegularFile(autosave.root().resolve("0f0e0d0c-crashed-session.broken").resolve("scene.json")),
                "kept, not deleted");
        assertTrue(w.doc.orphans().isEmpty(), "offered once");
    }

    /** Every file below a folder with its bytes, to show that nothing in it changed. */
    private static java.util.Map<Path, String> snapshot(Path folder) throws Exception {
        java.util.Map<Path, String> files = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p), java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return files;
    }

    @Test
    void aShippedPresetIsNeverWrittenSaveBecomesSaveAsIntoTheUsersFolder() throws Exception {
        Path installed = dir.resolve("install/presets");
        Files.createDirectories(installed.resolve("lessons"));
        Files.copy(Path.of("presets/imperfect-score.json"), installed.resolve("imperfect-score.json"));
        Path user = dir.resolve("home/Diffusion Playground");
        String oldShipped = System.getProperty(ShippedPresets.PROPERTY);
        String oldUser = System.getProperty(ShippedPresets.USER_PROPERTY);
        System.setProperty(ShippedPresets.PROPERTY, installed.toString());
        System.setProperty(ShippedPresets.USER_PROPERTY, user.toString());
        try {
            java.util.Map<Path, String> before = snapshot(installed);
            Window w = window();
            Path shipped = installed.resolve("imperfect-score.json");
            assertTrue(w.open(shipped), onUi(() -> w.doc.activity().errorProperty().get()));
            onUi(() -> {
                w.scene.splitProperty().set(false); // a change, so there is something to save
                return null;
            });
            assertTrue(onUi(() -> w.doc.isShipped()));
            assertFalse(onUi(() -> w.doc.save(ok -> { })), "Save on a shipped preset asks for a file instead");
            assertEquals(user.toAbsolutePath(), onUi(() -> w.doc.saveFolder()).toAbsolutePath(),
                    "Save As starts in the user's own folder");
            assertTrue(Files.isDirectory(user));
            // writing into the shipped folder, even when asked for by name or through "..", is refused
            for (Path target : List.of(shipped, installed.resolve("copy.json"),
                    installed.resolve("lessons/../lessons/x.json"))) {
                assertFalse(w.saveAs(target, true), target.toString());
                assertTrue(onUi(() -> w.doc.activity().errorProperty().get()).contains("your own folder"),
                        onUi(() -> w.doc.activity().errorProperty().get()));
            }
            // and the one writer of presets refuses the folder too, whoever calls it
            assertTrue(org.junit.jupiter.api.Assertions.assertThrows(org.diffusionplayground.preset.PresetException.class,
                    () -> PresetIO.write(installed.resolve("lessons/new.json"), PresetIO.defaults(),
                            org.diffusionplayground.model.util.AtomicFiles.Existing.REPLACE)).getMessage()
                    .contains("never written"));
            assertEquals(before, snapshot(installed), "nothing under the shipped folder changed");
            Path mine = user.resolve("imperfect-score.json");
            assertTrue(w.saveAs(mine, false), onUi(() -> w.doc.activity().errorProperty().get()));
            assertFalse(onUi(() -> w.doc.isShipped()));
            assertEquals(mine.getParent().toAbsolutePath(), onUi(() -> w.doc.saveFolder()));
            assertTrue(await(done -> w.doc.save(done)), "the user's copy saves in place");
            assertEquals(before, snapshot(installed));
        } finally {
            restoreProperty(ShippedPresets.PROPERTY, oldShipped);
            restoreProperty(ShippedPresets.USER_PROPERTY, oldUser);
        }
    }

    private static void restoreProperty(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }
}
