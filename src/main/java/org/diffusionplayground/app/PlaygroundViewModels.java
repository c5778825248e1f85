package org.diffusionplayground.app;

import javafx.beans.binding.Bindings;
import org.diffusionplayground.app.lens.LensesViewModel;

/**
 * The view-models of one window, wired to each other once: the data, training and likelihood
 * view-models act on the scene's data set and model, the training run suspends the likelihood's
 * automatic recomputation, and the data drawing and the C(x₀) map plug into the scene as overlays.
 * The app and the UI tests build the same graph.
 */
public final class PlaygroundViewModels {

    private final Jobs jobs;
    private final AppViewModel app;
    private final SceneViewModel scene;
    private final DataViewModel data;
    private final TrainingViewModel training;
    private final LikelihoodViewModel likelihood;
    private final LensesViewModel lenses;

    public PlaygroundViewModels(Jobs jobs) {
        this.jobs = jobs;
        app = new AppViewModel();
        scene = new SceneViewModel(jobs);
        data = new DataViewModel(scene.dataSetProperty());
        training = new TrainingViewModel(scene, jobs.ui());
        likelihood = new LikelihoodViewModel(scene, jobs);
        likelihood.suspendedProperty().bind(Bindings.createBooleanBinding(training::isRunning,
                training.stateProperty()));
        scene.overlaysProperty().set(scene.overlaysProperty().get().and(likelihood.overlay()));
        lenses = new LensesViewModel(scene, jobs);
        scene.overlaysProperty().set(scene.overlaysProperty().get().and(lenses.overlay()));
    }

    public Jobs jobs() {
        return jobs;
    }

    public AppViewModel app() {
        return app;
    }

    public SceneViewModel scene() {
        return scene;
    }

    public DataViewModel data() {
        return data;
    }

    public TrainingViewModel training() {
        return training;
    }

    public LikelihoodViewModel likelihood() {
        return likelihood;
    }

    /** The physics and textbook lenses (MATH.md §7). */
    public LensesViewModel lenses() {
        return lenses;
    }
}
