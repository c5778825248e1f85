package org.diffusionplayground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.PropertySheet;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.TrainingViewModel;
import org.diffusionplayground.app.window.PlaygroundViewModels;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.score.Mlp;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.Batching;
import org.diffusionplayground.model.train.TimeSampling;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.train.TrainingJob;
import org.diffusionplayground.model.train.Weighting;
import org.diffusionplayground.ui.TrainingSettingsSheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * The training settings sheet against the command line (Monocle, headless): values typed into the sheet are
 * the run's configuration, the same one the {@code train} command builds from the options of the same names;
 * a value the command line refuses is refused with its message; and a learning-rate change goes on from the
 * weights the model has. Here (not in {@code ui}) because the command's option parsing is package-private.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingSettingsSheetUiTest {

    private Jobs jobs;
    private TrainingViewModel training;

    /**
     * Failures of background tasks that earlier test classes left running surface in whichever test waits
     * next (even in the extension's own set-up, before {@code @Start}); they are theirs, not this class's,
     * which waits on conditions, not on async tasks.
     */
    @org.junit.jupiter.api.BeforeAll
    static void ignoreAsyncExceptionsOfEarlierClasses() {
        WaitForAsyncUtils.autoCheckException = false;
        WaitForAsyncUtils.clearExceptions();
    }

    @Start
    void start(Stage stage) {
        jobs = new Jobs(Platform::runLater, 2);
        PlaygroundViewModels vms = new PlaygroundViewModels(jobs);
        vms.scene().dataSetProperty().set(DataSet.builtIn(ToyData.SWISS_ROLL, 300, 0));
        training = vms.training();
        stage.setScene(new Scene(new TrainingSettingsSheet(training, reason -> true), 520, 760));
        stage.show();
    }

    @org.junit.jupiter.api.AfterAll
    static void checkAsyncExceptionsAgain() {
        WaitForAsyncUtils.clearExceptions();
        WaitForAsyncUtils.autoCheckException = true;
    }

    @AfterEach
    void close() throws Exception {
        training.stop();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !training.isRunning());
        WaitForAsyncUtils.waitForFxEvents();
        jobs.close();
    }

    /** Types into a setting's field as a user does (the field may be scrolled out of the small screen). */
    private static void type(FxRobot robot, String option, String text) {
        javafx.scene.control.TextField field = robot.lookup("#" + TrainingSettingsSheet.fieldId(option))
                .queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> {
            field.requestFocus();
            field.selectAll();
        });
        robot.write(text).type(KeyCode.ENTER);
    }

    /** Chooses an enum value as the sheet's choice box does: through the row's item. */
    private static void choose(FxRobot robot, String option, Object value) {
        PropertySheet.Item item = robot.lookup(".property-sheet").queryAllAs(PropertySheet.class).stream()
                .flatMap(s -> s.getItems().stream()).filter(i -> i.getName().endsWith(" " + option))
                .findFirst().orElseThrow();
        robot.interact(() -> item.setValue(value));
    }

    private void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; training " + training.stateProperty().get() + " · "
                    + training.errorProperty().get());
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void settingsTypedInTheSheetAreTheConfigurationTheCommandLineBuildsFromTheSameOptions(FxRobot robot)
            throws Exception {
        type(robot, "--width", "24");
        type(robot, "--depth", "2");
        type(robot, "--embedding-dim", "8");
        type(robot, "--sigma-max", "12");
        type(robot, "--batch", "64");
        type(robot, "--seed", "5");
        type(robot, "--lr", "0.0025");
        type(robot, "--adam β1", "0.8");
        type(robot, "--adam β2", "0.95");
        type(robot, "--adam ε", "1e-7");
        type(robot, "--steps", "40");
        type(robot, "--clip", "2");
        type(robot, "--ema", "0.99");
        choose(robot, "--weighting", Weighting.G2);
        choose(robot, "--time-sampling", TimeSampling.GRID_1000);
        choose(robot, "--batching", Batching.EPOCHS);
        WaitForAsyncUtils.waitForFxEvents();
        TrainingConfig sheet = training.config();

        TrainCommand cli = new TrainCommand();
        new CommandLine(cli).parseArgs("--dataset", "swissroll", "--out", "unused", "--schedule", "SIMPLE",
                "--width", "24", "--depth", "2", "--activation", "SILU", "--embedding", "SINUSOIDAL",
                "--embedding-dim", "8", "--target", "EPSILON", "--objective", "DSM", "--sigma-max", "12",
                "--batch", "64", "--seed", "5", "--lr", "0.0025", "--adam", "0.8,0.95,1e-7", "--steps", "40",
                "--clip", "2", "--ema", "0.99", "--weighting", "G2", "--time-sampling", "GRID_1000",
                "--batching", "EPOCHS");
        assertEquals(cli.buildConfig(300), sheet);

        // and the next run is trained with them: its model card records them
        robot.clickOn("#training-settings-fresh");
        waitFor(() -> training.stateProperty().get() == TrainingJob.State.FINISHED);
        Checkpoint cp = training.checkpointProperty().get();
        assertEquals(0.0025, cp.card().training().learningRate());
        assertEquals(0.95, cp.card().training().beta2());
        assertEquals(0.99, cp.card().training().emaDecay());
        assertEquals(TimeSampling.GRID_1000, cp.card().training().timeSampling());
        assertEquals(new TimeEmbedding(TimeEmbedding.Kind.SINUSOIDAL, 8), cp.network().spec().embedding());
        assertEquals(12.0, cp.schedule().sigmaMax());
    }

    @Test
    void aValueTheCommandLineRefusesIsRefusedWithItsMessageAndTheOldValueKept(FxRobot robot) {
        type(robot, "--ema", "1.5");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0.999, training.emaProperty().get());
        String message = robot.lookup("#training-settings-message").queryAs(Label.class).getText();
        assertTrue(message.contains("EMA decay must be 0 (off) or in (0, 1), got 1.5"), message);
        assertEquals("0.999", robot.lookup("#" + TrainingSettingsSheet.fieldId("--ema"))
                .queryAs(javafx.scene.control.TextField.class).getText());
    }

    @Test
    void continuingAfterALearningRateChangeStartsFromTheWeightsTheModelHas(FxRobot robot) throws Exception {
        type(robot, "--width", "16");
        type(robot, "--depth", "1");
        type(robot, "--batch", "32");
        type(robot, "--steps", "30");
        type(robot, "--ema", "0");
        robot.clickOn("#training-settings-fresh");
        waitFor(() -> training.stateProperty().get() == TrainingJob.State.FINISHED);
        Mlp trained = training.checkpointProperty().get().network();
        int pointsBefore = training.losses().size();

        // a learning rate so small that 5 Adam steps (each about lr per weight) cannot move a weight visibly
        type(robot, "--lr", "1e-9");
        type(robot, "--steps", "5");
        robot.clickOn("#training-settings-continue");
        waitFor(() -> training.stateProperty().get() == TrainingJob.State.FINISHED
                && training.checkpointProperty().get().network() != trained);
        Mlp continued = training.checkpointProperty().get().network();
        float[] a = trained.flatParameters();
        float[] b = continued.flatParameters();
        float[] fresh = Mlp.initialise(trained.spec(), training.seedProperty().get()).flatParameters();
        assertTrue(maxDifference(a, b) < 1e-6, "continued weights moved by " + maxDifference(a, b));
        assertTrue(maxDifference(a, fresh) > 1e-2, "a fresh start would not have kept them");
        // the loss curve goes on after the first run's steps instead of starting again
        assertTrue(training.losses().size() > pointsBefore);
        assertTrue(training.losses().get(training.losses().size() - 1).step() > 30);
    }

    private static double maxDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

}
