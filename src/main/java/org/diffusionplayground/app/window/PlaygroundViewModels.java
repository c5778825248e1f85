package org.diffusionplayground.app.window;

import javafx.beans.binding.Bindings;
import org.diffusionplayground.app.AppViewModel;
import org.diffusionplayground.app.DataViewModel;
import org.diffusionplayground.app.DensityViewModel;
import org.diffusionplayground.app.DocumentViewModel;
import org.diffusionplayground.app.ExportViewModel;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.LessonViewModel;
import org.diffusionplayground.app.LikelihoodViewModel;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.app.TrainingViewModel;
import org.diffusionplayground.app.lens.LensesViewModel;
import org.diffusionplayground.preset.Autosave;
import org.diffusionplayground.preset.RecentFiles;
import org.diffusionplayground.scene.DensityLayer;
import org.diffusionplayground.scene.SceneOverlays;
import org.diffusionplayground.scene.lens.Lens;

/**
 * The view-models of one window, wired to each other once: the data, training and likelihood
 * view-models act on the scene's data set and model, the training run suspends the likelihood's
 * automatic recomputation, and the data drawing, the model-density heatmap and the C(x₀) map plug into
 * the scene as overlays; the document view-model saves and opens all of it as a preset, and autosaves it.
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
    private final ExportViewModel exports;
    private final DocumentViewModel document;
    private final DensityViewModel density;
    private final LessonViewModel lessons;

    public PlaygroundViewModels(Jobs jobs) {
        this.jobs = jobs;
        app = new AppViewModel();
        scene = new SceneViewModel(jobs);
        data = new DataViewModel(scene.dataSetProperty(), jobs);
        training = new TrainingViewModel(scene, jobs.ui());
        likelihood = new LikelihoodViewModel(scene, jobs);
        likelihood.suspendedProperty().bind(Bindings.createBooleanBinding(training::isRunning,
                training.stateProperty()));
        density = new DensityViewModel(scene, jobs);
        // the density heatmap lies under everything; the C(x₀) map replaces the samples
        scene.overlaysProperty().set(scene.overlaysProperty().get().and(density.overlay()).and(likelihood.overlay()));
        exports = new ExportViewModel(scene, app, jobs);
        Autosave autosave = Autosave.forThisProcess(Autosave.defaultRoot());
        document = new DocumentViewModel(scene, app, training, jobs, autosave, RecentFiles.beside(autosave.root()));
        document.setExports(exports);
        document.registerOverlay("correction-map", likelihood.showCorrectionMapProperty());
        document.registerOverlay(DensityLayer.OVERLAY_ID, density.showProperty());
        lessons = new LessonViewModel(document, jobs);
        lenses = new LensesViewModel(scene, jobs);
        scene.overlaysProperty().set(scene.overlaysProperty().get().and(lenses.overlay()));
        for (Lens lens : Lens.values()) {
            document.registerOverlay(lens.id(), lenses.enabledProperty(lens));
        }
        exports.setVideoOverlays(settings -> {
            java.util.List<String> on = lenses.enabledIds();
            // the heatmap is the density at one 𝔥: a sweep through 𝔥 would show it on one frame only. The
            // C(x₀) map is left out: it replaces the samples with a still picture, a screenshot's job.
            SceneOverlays heatmap = settings.kind() == org.diffusionplayground.export.VideoKind.H_SWEEP
                    ? SceneOverlays.NONE : density.frozenOverlay();
            return (state, cancel) -> heatmap.and(org.diffusionplayground.scene.lens.LensOverlays.of(state, on, cancel));
        });
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

    /** The export dialogs' settings and jobs. */
    public ExportViewModel exports() {
        return exports;
    }

    /** The scene as a document: open, save, recent files, autosave. */
    public DocumentViewModel document() {
        return document;
    }

    /** The model-density heatmap (Fokker–Planck grid) under the particles. */
    public DensityViewModel density() {
        return density;
    }

    /** The physics and textbook lenses (MATH.md §7). */
    public LensesViewModel lenses() {
        return lenses;
    }

    /** The open lesson, if any: its steps, caption and visible controls. */
    public LessonViewModel lessons() {
        return lessons;
    }
}
