package org.diffusionplayground.app.lens;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.scene.SceneOverlays;
import org.diffusionplayground.scene.lens.SpeciationView;

/**
 * The symmetry-breaking lens: a {@link SpeciationView} of the scene's data and schedule, and the mean
 * assignment entropy along the scene's own backward trajectories, recomputed whenever they change.
 */
public final class SpeciationLensModel {

    private final SceneViewModel scene;
    private final LensJob job;
    private final ReadOnlyObjectWrapper<SpeciationView> view = new ReadOnlyObjectWrapper<>(this, "view");
    /** {times, mean entropies} of the current backward run. */
    private final ReadOnlyObjectWrapper<double[][]> curve = new ReadOnlyObjectWrapper<>(this, "curve");

    SpeciationLensModel(SceneViewModel scene, Jobs jobs, LensStatus status) {
        this.scene = scene;
        this.job = new LensJob(jobs, status);
        scene.dataSetProperty().addListener(x -> refreshView());
        scene.scheduleProperty().addListener(x -> refreshView());
        // a run is shown while it samples and stays the same object when done: watch busy as well
        scene.pathsProperty().addListener(x -> refreshCurve());
        scene.busyProperty().addListener((o, was, busy) -> {
            if (!busy) {
                refreshCurve();
            }
        });
    }

    public ReadOnlyObjectProperty<SpeciationView> viewProperty() {
        return view.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<double[][]> curveProperty() {
        return curve.getReadOnlyProperty();
    }

    void setEnabled(boolean on) {
        job.setEnabled(on, this::refreshView);
    }

    private void refreshView() {
        if (!job.enabled()) {
            return;
        }
        DataSet d = scene.dataSetProperty().get();
        Schedule s = scene.scheduleProperty().get();
        view.set(d == null || s == null ? null : new SpeciationView(scene.exactScore(d, s)));
        refreshCurve();
    }

    private void refreshCurve() {
        if (!job.enabled()) {
            return;
        }
        job.cancel();
        SpeciationView v = view.get();
        SampledPaths run = scene.pathsProperty().get();
        if (v == null || run == null || !run.process().schedule().spec().equals(v.exact().schedule().spec())) {
            curve.set(null);
            return;
        }
        if (!run.complete()) {
            return; // the curve comes when the run is done
        }
        job.start("assignment entropy along the trajectories", (p, cancel) -> v.entropyAlong(run), curve::set, null);
    }

    SceneOverlays overlay() {
        return (b, legend, t, h) -> {
            SpeciationView v = view.get();
            if (v != null) {
                v.overlay().contribute(b, legend, t, h);
            }
        };
    }
}
