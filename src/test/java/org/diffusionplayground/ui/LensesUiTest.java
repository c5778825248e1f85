package org.diffusionplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.app.lens.LensesViewModel;
import org.diffusionplayground.app.window.PlaygroundViewModels;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.render.SceneSnapshot;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.lens.Lens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lenses in the whole window (Monocle, headless), on the 8 gaussians with their exact score: each
 * switch in the Lenses panel puts its layers on the scene or its results on the Lenses tab.
 */
@ExtendWith(ApplicationExtension.class)
class LensesUiTest {

    private Jobs jobs;
    private PlaygroundViewModels vms;
    private Workbench bench;
    private SceneViewModel scene;
    private LensesViewModel lenses;

    @Start
    void start(Stage stage) {
        jobs = new Jobs(Platform::runLater, 2);
        vms = new PlaygroundViewModels(jobs);
        scene = vms.scene();
        lenses = vms.lenses();
        bench = new Workbench(vms);
        vms.likelihood().autoProperty().set(false); // nothing else computes while the lenses are checked
        scene.particlesProperty().set(300);
        scene.stepsProperty().set(40);
        lenses.entropy().pathsProperty().set(1_000);
        lenses.langevin().movesProperty().set(100);
        lenses.objectives().stepsProperty().set(100);
        DataSet data = DataSet.builtIn(ToyData.GAUSSIANS_8, 600, 0);
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        scene.scheduleProperty().set(s);
        scene.dataSetProperty().set(data);
        scene.scoreProperty().set(new MixtureScore(data.mixture().orElseThrow(), s, "exact score"));
        scene.timeProperty().set(0.3);
        // the panels this class clicks stay docked beside the scene (LayoutUiTest covers the rails)
        bench.window().panelsPinnedProperty().set(true);
        Scene fx = new Scene(bench.window().root(), 1280, 800);
        bench.install(fx);
        stage.setScene(fx);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(bench::stop).get(10, TimeUnit.SECONDS);
        jobs.close();
    }

    private void waitFor(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; lenses: " + lenses.status().messageProperty().get() + " "
                    + lenses.status().errorProperty().get() + "; scene busy " + scene.activity().busyProperty().get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void everyLensSwitchShowsItsLayersOrItsResults(FxRobot robot) throws Exception {
        waitFor(30, () -> scene.pathsProperty().get() != null);
        robot.interact(() -> scene.playback().playingProperty().set(false));

        robot.interact(() -> bench.window().expandPanel("panel-lenses"));
        robot.sleep(600); // the accordion's opening animation
        robot.clickOn("#lens-tweedie");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lenses.enabledProperty(Lens.TWEEDIE).get(), "the switch is on");
        waitFor(10, () -> !snapshot().ghosts().isEmpty() && !snapshot().arrows().isEmpty());

        robot.clickOn("#lens-speciation");
        waitFor(30, () -> lenses.speciation().curveProperty().get() != null);
        assertNotNull(snapshot().particleRgb(), "particles coloured by mode");
        double[][] curve = lenses.speciation().curveProperty().get();
        assertEquals(Math.log(8), curve[1][0], 0.05, "undecided at T");
        assertEquals("tab-lenses", bench.analysis().getSelectionModel().getSelectedItem().getId());

        robot.clickOn("#lens-langevin");
        waitFor(60, () -> lenses.langevin().resultProperty().get() != null
                && lenses.langevin().annealedOccupancyProperty().get() != null);
        assertEquals(101, lenses.langevin().resultProperty().get().hops().length, "hops after every move");
        assertEquals(SceneMode.BACKWARD, scene.modeProperty().get());
        assertEquals(2, snapshot().ghosts().size(), "Tweedie's rings and the chain's");

        robot.clickOn("#lens-entropy");
        waitFor(60, () -> lenses.entropy().reportProperty().get() != null);
        assertTrue(lenses.entropy().reportProperty().get().integral().mean() > 0, "second law");

        robot.clickOn("#lens-objectives");
        waitFor(90, () -> lenses.objectives().resultProperty().get() != null);
        assertEquals(3, lenses.objectives().resultProperty().get().scoreError().size());
        assertTrue(lenses.objectives().points().size() >= 30, "three curves of 10 points each");

        assertEquals(List.of("tweedie", "langevin", "entropy", "speciation", "objectives"), lenses.enabledIds());
        robot.clickOn("#lens-tweedie");
        robot.clickOn("#lens-langevin");
        robot.clickOn("#lens-speciation");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(snapshot().ghosts().isEmpty());
        assertFalse(robot.lookup("#lens-tweedie").queryAs(CheckBox.class).isSelected());
        assertFalse(lenses.enabledProperty(Lens.TWEEDIE).get());
    }

    private SceneSnapshot snapshot() {
        return scene.snapshotProperty().get();
    }
}
