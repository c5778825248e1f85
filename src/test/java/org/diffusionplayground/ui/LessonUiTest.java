package org.diffusionplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.window.PlaygroundViewModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A lesson in the window (Monocle, headless): opened as File → Lessons does, the clicker's PgDn/PgUp walk
 * its steps, the caption above the playback bar is the step's, and each step shows only its controls.
 */
@ExtendWith(ApplicationExtension.class)
class LessonUiTest {

    private Jobs jobs;
    private PlaygroundViewModels vms;
    private Workbench bench;

    @Start
    void start(Stage stage) {
        jobs = new Jobs(Platform::runLater, 2);
        vms = new PlaygroundViewModels(jobs);
        bench = new Workbench(vms);
        vms.likelihood().autoProperty().set(false);
        Scene fx = new Scene(bench.window().root(), 1280, 720);
        bench.install(fx);
        bench.documents().install(stage, fx);
        stage.setScene(fx);
        stage.show();
    }

    @AfterEach
    void stop() {
        bench.stop();
        jobs.close();
    }

    private void waitForStep(int index) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vms.lessons().indexProperty().get() == index
                && !vms.document().activity().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theClickerWalksTheLessonAndEachStepShowsItsCaptionAndControls(FxRobot robot) throws Exception {
        robot.interact(() -> bench.documents().openLesson(Path.of("presets/lessons/noise-to-data-ode-versus-sde.json")));
        waitForStep(0);
        Label caption = robot.lookup("#lesson-caption").queryAs(Label.class);
        assertTrue(robot.lookup("#lesson-bar").query().isVisible());
        assertTrue(caption.getText().startsWith("Forward noising"), caption.getText());
        assertTrue(bench.window().samplerPanel().hSlider().isDisabled(), "step 1 shows the playback only");
        assertTrue(bench.window().playback().isVisible());

        robot.type(KeyCode.PAGE_DOWN);
        waitForStep(1);
        robot.type(KeyCode.PAGE_DOWN);
        waitForStep(2);
        assertEquals(vms.lessons().lessonProperty().get().step(2).caption(), caption.getText());
        assertFalse(bench.window().samplerPanel().hSlider().isDisabled(), "step 3 lets students move 𝔥");
        assertEquals(1.0, vms.scene().hProperty().get());

        robot.type(KeyCode.PAGE_UP);
        waitForStep(1);
        assertEquals(0.0, vms.scene().hProperty().get());
        assertEquals(vms.lessons().lessonProperty().get().step(1).caption(), caption.getText());

        robot.clickOn("#lesson-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(vms.lessons().isOpen());
        assertFalse(robot.lookup("#lesson-bar").query().isVisible());
        assertFalse(bench.window().samplerPanel().hSlider().isDisabled(), "without a lesson every control shows");
        assertTrue(bench.window().playback().isVisible());
    }
}
