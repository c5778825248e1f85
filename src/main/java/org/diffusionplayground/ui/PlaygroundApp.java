package org.diffusionplayground.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.diffusionplayground.app.AppViewModel;
import org.diffusionplayground.app.DataViewModel;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;

/** The JavaFX application: builds the view-models, the main window and the default scene. */
public final class PlaygroundApp extends Application {

    private Jobs jobs;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        jobs = new Jobs(Platform::runLater, 2);
        AppViewModel app = new AppViewModel();
        SceneViewModel scene = new SceneViewModel(jobs);
        DataViewModel data = new DataViewModel(scene.dataSetProperty());
        window = new MainWindow(app, scene, data);

        DataSet initial = DataSet.builtIn(ToyData.GAUSSIANS_25, 3000, 0);
        scene.scheduleProperty().set(ScheduleSpec.of(ScheduleKind.SIMPLE).build());
        scene.dataSetProperty().set(initial);
        scene.scoreProperty().set(new MixtureScore(initial.mixture().orElseThrow(), scene.scheduleProperty().get(),
                "exact score"));
        scene.timeProperty().set(scene.tMax());
        scene.playingProperty().set(true);

        Rectangle2D bounds = Screen.getPrimary().getVisualBounds();
        Scene fx = new Scene(window.root(), Math.min(1920, bounds.getWidth()), Math.min(1080, bounds.getHeight()));
        window.install(fx);
        stage.setTitle("Diffusion Playground");
        stage.setScene(fx);
        stage.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.stop();
        }
        if (jobs != null) {
            jobs.close();
        }
    }
}
