package org.diffusionplayground.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.diffusionplayground.app.AppViewModel;
import org.diffusionplayground.app.DataViewModel;
import org.diffusionplayground.app.DocumentViewModel;
import org.diffusionplayground.app.ExportViewModel;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.preset.Autosave;
import org.diffusionplayground.preset.Preset;
import org.diffusionplayground.preset.RecentFiles;

/** The JavaFX application: builds the view-models, the main window and the default scene. */
public final class PlaygroundApp extends Application {

    private Jobs jobs;
    private MainWindow window;
    private DocumentViewModel document;

    @Override
    public void start(Stage stage) {
        jobs = new Jobs(Platform::runLater, 2);
        AppViewModel app = new AppViewModel();
        SceneViewModel scene = new SceneViewModel(jobs);
        DataViewModel data = new DataViewModel(scene.dataSetProperty());
        window = new MainWindow(app, scene, data);
        Autosave autosave = Autosave.forThisProcess(Autosave.defaultRoot());
        ExportViewModel exports = new ExportViewModel(scene, app, jobs);
        document = new DocumentViewModel(scene, app, null, jobs, autosave, RecentFiles.beside(autosave.root()));
        document.setExports(exports);
        document.setPanelOpener(names -> names.forEach(window::expandPanel));
        DocumentActions actions = new DocumentActions(document, exports, data, app);
        window.addToolBarItemAfterTitle(actions.menu());
        exports.setWindowSize(window.scenePane().pixelSize());

        DataSet initial = DataSet.builtIn(ToyData.GAUSSIANS_25, 3000, 0);
        scene.scheduleProperty().set(ScheduleSpec.of(ScheduleKind.SIMPLE).build());
        scene.dataSetProperty().set(initial);
        scene.scoreProperty().set(new MixtureScore(initial.mixture().orElseThrow(), scene.scheduleProperty().get(),
                "exact score"));
        scene.timeProperty().set(scene.tMax());
        scene.playingProperty().set(true);
        document.adopt(Preset.ModelSource.EXACT, null, null);

        Rectangle2D bounds = Screen.getPrimary().getVisualBounds();
        Scene fx = new Scene(window.root(), Math.min(1920, bounds.getWidth()), Math.min(1080, bounds.getHeight()));
        window.install(fx);
        actions.install(stage, fx);
        stage.setScene(fx);
        stage.show();
        Platform.runLater(actions::offerRestore);
    }

    @Override
    public void stop() {
        if (document != null) {
            document.close(); // a clean exit: the user saved or chose not to
        }
        if (window != null) {
            window.stop();
        }
        if (jobs != null) {
            jobs.close();
        }
    }
}
