package org.diffusionplayground.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.app.window.PlaygroundViewModels;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.checkpoint.PretrainedModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.preset.CheckpointReference;
import org.diffusionplayground.preset.Preset;

/** The JavaFX application: builds the view-models, the window and the default scene. */
public final class PlaygroundApp extends Application {

    private Jobs jobs;
    private Workbench workbench;

    @Override
    public void start(Stage stage) {
        StartupClock.fxStarted();
        jobs = new Jobs(Platform::runLater, 2);
        StartOptions options = StartOptions.parse(getParameters().getUnnamed(), getParameters().getNamed());
        PlaygroundViewModels vms = new PlaygroundViewModels(jobs);
        StartupClock.step("view-models");
        workbench = Workbench.forStart(vms);
        StartupClock.step("controls");
        PretrainedModel model = startModel(getParameters().getRaw());
        openDefaultScene(vms, model);
        StartupClock.step("model");
        Checkpoint loaded = vms.training().checkpointProperty().get();
        if (loaded != null) {
            vms.document().adopt(Preset.ModelSource.CHECKPOINT, CheckpointReference.asset(model.id()), loaded);
        } else {
            vms.document().adopt(Preset.ModelSource.EXACT, null, null);
        }
        workbench.apply(options);

        Rectangle2D bounds = Screen.getPrimary().getVisualBounds();
        Scene fx = new Scene(workbench.window().root(), Math.min(1920, bounds.getWidth()),
                Math.min(1080, bounds.getHeight()));
        workbench.install(fx);
        workbench.documents().install(stage, fx);
        StartupClock.step("scene");
        boolean selfTest = SelfTest.requested(getParameters().getRaw());
        // the first moving frame (or a pause, when the scene will not move), then the parts of the window
        // nobody sees yet (docs/benchmarks.md); later than start() returns, so after the window is shown
        StartupClock.watch(vms.scene(), () -> Platform.runLater(() -> workbench.finishBuilding(Platform::runLater,
                () -> {
                    StartupClock.complete();
                    if (selfTest) {
                        SelfTest.check(workbench.window().scenePane());
                    }
                })));
        stage.setScene(fx);
        stage.show();
        StartupClock.windowShown();
        if (options.present()) {
            workbench.window().togglePresentation(); // full screen needs the stage on screen
        } else if (options.panel() != null) {
            workbench.window().showControls(); // a drawer, when the window is too small to dock the panel
        }
        if (options.preset() != null) {
            vms.document().open(java.nio.file.Path.of(options.preset()), ok -> workbench.applyTime(options));
        }
        String lesson = StartOptions.lesson(getParameters().getUnnamed(), getParameters().getNamed());
        if (lesson != null) {
            workbench.documents().openLesson(java.nio.file.Path.of(lesson));
        }
        String file = StartOptions.file(getParameters().getUnnamed());
        if (file != null) {
            workbench.documents().openStartFile(java.nio.file.Path.of(file));
        }
        if (!selfTest) { // a self-test neither shows the user's autosaves nor writes the archive
            Platform.runLater(workbench.documents()::offerRestore);
            StartupArchive.refreshIfUnused(java.time.Duration.ofSeconds(20));
        }
    }

    /**
     * The pretrained swiss roll under SIMPLE, animating backward sampling. Without the bundled
     * model (a broken install) the exact score of the 25 gaussians stands in, and the status bar says why.
     */
    static void openDefaultScene(PlaygroundViewModels vms) {
        openDefaultScene(vms, PretrainedModel.DEFAULT);
    }

    /** The pretrained model named by {@code --model=NAME}, else the default. */
    static PretrainedModel startModel(java.util.List<String> args) {
        return args.stream().filter(a -> a.startsWith("--model=")).findFirst()
                .flatMap(a -> PretrainedModel.byId(a.substring("--model=".length()))).orElse(PretrainedModel.DEFAULT);
    }

    static void openDefaultScene(PlaygroundViewModels vms, PretrainedModel model) {
        SceneViewModel scene = vms.scene();
        try {
            Checkpoint cp = ScenePreload.take(model);
            vms.training().load(cp);
        } catch (CheckpointException e) {
            DataSet data = DataSet.builtIn(ToyData.GAUSSIANS_25, 3000, 0);
            scene.scheduleProperty().set(ScheduleSpec.of(ScheduleKind.SIMPLE).build());
            scene.dataSetProperty().set(data);
            scene.scoreProperty().set(new MixtureScore(data.mixture().orElseThrow(), scene.scheduleProperty().get(),
                    "exact score"));
            vms.app().messageProperty().set(e.getMessage());
            scene.reportError(e.getMessage() + " — showing the exact score of the 25 gaussians instead");
        }
        scene.timeProperty().set(scene.tMax());
        scene.playback().playingProperty().set(true);
    }

    @Override
    public void stop() {
        if (workbench != null) {
            workbench.viewModels().document().close(); // a clean exit: the user saved or chose not to
        }
        if (workbench != null) {
            workbench.stop();
        }
        if (jobs != null) {
            jobs.close();
        }
    }
}
