package org.diffusionplayground.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.preset.Autosave;
import org.diffusionplayground.preset.RecentFiles;
import org.diffusionplayground.preset.lesson.LessonControl;
import org.diffusionplayground.scene.SceneMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lesson without a window (one thread plays the UI thread): opening, stepping with next/previous as the
 * clicker does, the model kept across steps, the controls of each step, and a bad file refused in words.
 */
class LessonViewModelTest {

    private static final Path ODE_SDE = Path.of("presets/lessons/noise-to-data-ode-versus-sde.json");

    @TempDir
    Path dir;

    private ExecutorService ui;
    private Jobs jobs;
    private SceneViewModel scene;
    private DocumentViewModel doc;
    private LessonViewModel lessons;

    @BeforeEach
    void setUp() throws Exception {
        ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-ui"));
        jobs = new Jobs(ui, 2);
        Autosave autosave = Autosave.forThisProcess(dir.resolve("autosave"));
        onUi(() -> {
            scene = new SceneViewModel(jobs);
            doc = new DocumentViewModel(scene, new AppViewModel(), new TrainingViewModel(scene, jobs.ui()), jobs,
                    autosave, RecentFiles.beside(autosave.root()));
            lessons = new LessonViewModel(doc, jobs);
            return null;
        });
    }

    @AfterEach
    void tearDown() {
        jobs.close();
        ui.shutdownNow();
    }

    private <T> T onUi(Callable<T> c) throws Exception {
        return ui.submit(c).get(30, TimeUnit.SECONDS);
    }

    private boolean await(Consumer<Consumer<Boolean>> action) throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        AtomicBoolean ok = new AtomicBoolean();
        ui.submit(() -> action.accept(result -> {
            ok.set(result);
            latch.countDown();
        }));
        assertTrue(latch.await(60, TimeUnit.SECONDS), "the job finished");
        onUi(() -> null);
        return ok.get();
    }

    /** What the clicker does: next or previous, then waits until the step is on screen. */
    private void click(boolean forward) throws Exception {
        int before = onUi(() -> lessons.indexProperty().get());
        CountDownLatch shown = new CountDownLatch(1);
        onUi(() -> {
            lessons.indexProperty().addListener((obs, old, now) -> shown.countDown());
            if (forward) {
                lessons.next();
            } else {
                lessons.previous();
            }
            return null;
        });
        assertTrue(shown.await(60, TimeUnit.SECONDS), "the step changed from " + before);
    }

    @Test
    void openingShowsTheFirstStepAndTheClickerWalksTheStepsKeepingTheModel() throws Exception {
        assertFalse(onUi(() -> lessons.isOpen()));
        assertTrue(await(done -> lessons.open(ODE_SDE, done)), onUi(() -> doc.activity().errorProperty().get()));
        assertTrue(onUi(() -> lessons.isOpen()));
        assertEquals(0, onUi(() -> lessons.indexProperty().get()));
        assertEquals("Step 1 of 5 · Data becomes noise", onUi(() -> lessons.headingProperty().get()));
        assertTrue(onUi(() -> lessons.captionProperty().get()).startsWith("Forward noising"));
        assertEquals(Set.of(LessonControl.PLAYBACK), onUi(() -> Set.copyOf(lessons.visibleControls())));
        assertEquals(SceneMode.FORWARD, onUi(() -> scene.modeProperty().get()));
        assertFalse(onUi(() -> lessons.hasPrevious()));
        ScoreModel model = onUi(() -> scene.state().score());

        click(true);
        assertEquals(1, onUi(() -> lessons.indexProperty().get()));
        assertEquals(SceneMode.BACKWARD, onUi(() -> scene.modeProperty().get()));
        assertEquals(0.0, onUi(() -> scene.hProperty().get()));
        assertSame(model, onUi(() -> scene.state().score()), "the step starts from the model the last one left");

        click(true);
        assertEquals(1.0, onUi(() -> scene.hProperty().get()));
        assertEquals(EnumSet.of(LessonControl.PLAYBACK, LessonControl.H), onUi(() -> Set.copyOf(
                lessons.visibleControls())));
        assertSame(model, onUi(() -> scene.state().score()));

        click(false);
        assertEquals(1, onUi(() -> lessons.indexProperty().get()));
        assertEquals(0.0, onUi(() -> scene.hProperty().get()));

        click(true);
        click(true);
        click(true);
        assertEquals(4, onUi(() -> lessons.indexProperty().get()));
        assertTrue(onUi(() -> scene.splitProperty().get()), "the side-by-side step");
        assertTrue(onUi(() -> scene.state().view().showTrails()), "its changes: trails on");
        assertSame(model, onUi(() -> scene.state().score()), "one model for the whole lesson");
        assertFalse(onUi(() -> lessons.hasNext()));
        onUi(() -> {
            lessons.next(); // at the last step the clicker does nothing
            return null;
        });
        assertEquals(4, onUi(() -> lessons.indexProperty().get()));
        assertFalse(onUi(() -> doc.dirtyProperty().get()), "stepping is not an edit");
        assertFalse(onUi(() -> doc.save(ok -> { })), "Save on a shipped lesson's step asks for a file of one's own");

        onUi(() -> {
            lessons.close();
            return null;
        });
        assertFalse(onUi(() -> lessons.isOpen()));
        assertEquals(EnumSet.allOf(LessonControl.class), onUi(() -> Set.copyOf(lessons.visibleControls())));
        assertEquals("", onUi(() -> lessons.captionProperty().get()));
    }

    @Test
    void aStepOnAnotherModelLoadsIt() throws Exception {
        Path lesson = Path.of("presets/lessons/what-h-does.json");
        assertTrue(await(done -> lessons.open(lesson, done)), onUi(() -> doc.activity().errorProperty().get()));
        ScoreModel trained = onUi(() -> scene.state().score());
        assertTrue(await(done -> lessons.goTo(3, done)));
        assertNotSame(trained, onUi(() -> scene.state().score()), "the under-trained network of the last step");
    }

    @Test
    void aBadLessonLeavesTheSceneAndSaysWhy() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"format\": \"diffusion-playground-lesson\", "
                + "\"version\": 1, \"title\": \"T\", \"steps\": [{\"caption\": \"no preset\"}]}");
        assertFalse(await(done -> lessons.open(bad, done)));
        assertFalse(onUi(() -> lessons.isOpen()));
        String error = onUi(() -> doc.activity().errorProperty().get());
        assertTrue(error.contains("bad.json") && error.contains("step 1") && error.contains("preset"), error);
    }
}
