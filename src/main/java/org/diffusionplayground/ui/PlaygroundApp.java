package org.diffusionplayground.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.TitledPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.diffusionplayground.app.AppViewModel;
import org.diffusionplayground.app.DataViewModel;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.app.lens.LensesViewModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.ui.lens.LensCharts;
import org.diffusionplayground.ui.lens.LensPanel;

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
        installLenses(scene, app);

        DataSet initial = DataSet.builtIn(ToyData.GAUSSIANS_25, 3000, 0);
        scene.scheduleProperty().set(ScheduleSpec.of(ScheduleKind.SIMPLE).build());
        scene.dataSetProperty().set(initial);
        scene.scoreProperty().set(new MixtureScore(initial.mixture().orElseThrow(), scene.scheduleProperty().get(),
                "exact score"));
        scene.timeProperty().set(scene.tMax());
        scene.playingProperty().set(true);
        startAt(scene);

        Rectangle2D bounds = Screen.getPrimary().getVisualBounds();
        Scene fx = new Scene(window.root(), Math.min(1920, bounds.getWidth()), Math.min(1080, bounds.getHeight()));
        window.install(fx);
        stage.setTitle("Diffusion Playground");
        stage.setScene(fx);
        stage.show();
    }

    /**
     * {@code --time=t} opens the scene paused at time t (a lecture's first slide, a screenshot);
     * {@code --mode=forward} shows the forward process.
     */
    private void startAt(SceneViewModel scene) {
        java.util.Map<String, String> named = getParameters().getNamed();
        if ("forward".equalsIgnoreCase(named.get("mode"))) {
            scene.modeProperty().set(org.diffusionplayground.app.SceneMode.FORWARD);
        }
        String t = named.get("time");
        if (t != null) {
            try {
                double v = Double.parseDouble(t);
                scene.playingProperty().set(false);
                scene.timeProperty().set(Math.max(scene.tMin(), Math.min(scene.tMax(), v)));
            } catch (NumberFormatException e) {
                System.err.println("ignoring --time=" + t + ": not a number");
            }
        }
    }

    /**
     * The physics and textbook lenses: their panel, their charts on the right, their layers on the scene.
     * {@code --lens=tweedie,speciation} switches lenses on at start (a lecture, a screenshot).
     */
    private void installLenses(SceneViewModel scene, AppViewModel app) {
        LensesViewModel lenses = new LensesViewModel(scene, jobs);
        scene.overlaysProperty().set(scene.overlaysProperty().get().and(lenses.overlay()));
        TitledPane panel = new TitledPane("Lenses", new LensPanel(lenses, scene));
        panel.setId("panel-lenses");
        window.addPanel(panel, 3);
        window.setRight(new LensCharts(lenses, scene, app.themeProperty()));
        String named = getParameters().getNamed().get("lens");
        if (named != null) {
            lenses.applyIds(java.util.Arrays.asList(named.split(",")));
            window.expandPanel(panel);
        }
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
