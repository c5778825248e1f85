package org.diffusionplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.diffusionplayground.app.AppViewModel;
import org.diffusionplayground.app.DataViewModel;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.scene.SceneMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The scene, the 𝔥 slider, the time scrubber and the data panel, driven through the real window (Monocle). */
@ExtendWith(ApplicationExtension.class)
class SceneUiTest {

    private Jobs jobs;
    private SceneViewModel scene;
    private DataViewModel data;
    private MainWindow window;
    private final Schedule schedule = ScheduleSpec.of(ScheduleKind.SIMPLE).build();

    @Start
    void start(Stage stage) {
        jobs = new Jobs(Platform::runLater, 2);
        AppViewModel app = new AppViewModel();
        scene = new SceneViewModel(jobs);
        data = new DataViewModel(scene.dataSetProperty());
        window = new MainWindow(app, scene, data);
        // the data panel is the workbench's (above training); this class checks its error line
        window.addPanel(new javafx.scene.control.TitledPane("Data", new DataPanel(data)), 0);
        window.deferredParts().forEach(org.diffusionplayground.ui.kit.Deferred::get); // the workbench's job
        DataSet d = DataSet.builtIn(ToyData.GAUSSIANS_8, 800, 0);
        scene.particlesProperty().set(500);
        scene.stepsProperty().set(60);
        scene.scheduleProperty().set(schedule);
        scene.dataSetProperty().set(d);
        scene.scoreProperty().set(new MixtureScore(d.mixture().orElseThrow(), schedule, "exact"));
        // the panels this class clicks stay docked beside the scene (LectureHallUiTest covers the rails)
        window.panelsPinnedProperty().set(true);
        Scene fx = new Scene(window.root(), 1280, 800);
        window.install(fx);
        stage.setScene(fx);
        stage.show();
    }

    @AfterEach
    void stop() {
        window.stop();
        jobs.close();
    }

    private void waitForSampling() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !scene.activity().busyProperty().get() && scene.pathsProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void movingTheHSliderChangesTheSamplersHAndRedraws(FxRobot robot) throws Exception {
        waitForSampling();
        assertEquals(0.0, scene.pathsProperty().get().h());
        long before = window.scenePane().redraws();
        Slider slider = robot.lookup("#h-slider").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(1.5));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> scene.pathsProperty().get().h() == 1.5);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.5, scene.hProperty().get());
        assertTrue(window.scenePane().redraws() > before, "the scene was redrawn after the new samples arrived");
        // near 1 the slider snaps to the reverse SDE
        robot.interact(() -> slider.setValue(0.985));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, scene.hProperty().get());
    }

    @Test
    void typingAnInvalidHIsRejectedWithAMessage(FxRobot robot) throws Exception {
        waitForSampling();
        robot.clickOn("#h-field").eraseText(6).write("-2").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0.0, scene.hProperty().get());
        assertTrue(scene.activity().errorProperty().get().contains("≥ 0"), scene.activity().errorProperty().get());
        Label status = robot.lookup("#status").queryAs(Label.class);
        assertTrue(status.getText().contains("≥ 0"));
    }

    @Test
    void theTimeScrubberShowsTheForwardMarginalAtT(FxRobot robot) throws Exception {
        waitForSampling();
        robot.interact(() -> scene.modeProperty().set(SceneMode.FORWARD));
        Slider scrubber = robot.lookup("#time-scrubber").queryAs(Slider.class);
        double t = 0.3;
        robot.interact(() -> scrubber.setValue(t));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(t, scene.timeProperty().get(), 1e-12);
        assertFalse(scene.playback().playingProperty().get(), "moving the scrubber pauses the animation");
        double[] xy = scene.currentPositions();
        assertNotNull(xy);
        // x_t = α x₀ + σ ε for the 8-gaussians data (unit-scale ring): E|x_t|² = α² E|x₀|² + 2σ²
        int n = xy.length / 2;
        double[] x0 = new double[2 * n];
        scene.dataSetProperty().get().points().copyInto(x0, n);
        double m2 = 0;
        double m2data = 0;
        for (int i = 0; i < 2 * n; i++) {
            m2 += xy[i] * xy[i];
            m2data += x0[i] * x0[i];
        }
        double a = schedule.alpha(t);
        double expected = (a * a * m2data + 2 * n * schedule.variance(t)) / n;
        assertEquals(expected, m2 / n, 0.15 * expected);
    }

    @Test
    void loadingABadCsvShowsAnErrorAndKeepsThePreviousDataSet(FxRobot robot, @TempDir Path dir) throws Exception {
        waitForSampling();
        DataSet before = scene.dataSetProperty().get();
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x,y\n0.1,0.2\n0.3,abc\n");
        robot.interact(() -> data.importCsv(bad));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, scene.dataSetProperty().get());
        Label error = robot.lookup("#data-error").queryAs(Label.class);
        assertTrue(error.getText().contains("line 3"), error.getText());
        assertTrue(error.isVisible());
    }
}
