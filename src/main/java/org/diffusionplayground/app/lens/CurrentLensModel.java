package org.diffusionplayground.app.lens;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.scene.SceneOverlays;
import org.diffusionplayground.scene.lens.CurrentView;

/**
 * The probability-current lens: solves the model's density on the Fokker–Planck grid in the background
 * for the scene's data, schedule, score and 𝔥 ({@link CurrentView}), and draws its current at the
 * scene's time. The score is the one the particles follow: guided when a class is asked for.
 */
public final class CurrentLensModel {

    private final SceneViewModel scene;
    private final LensJob job;
    private final ReadOnlyObjectWrapper<CurrentView> view = new ReadOnlyObjectWrapper<>(this, "view");

    CurrentLensModel(SceneViewModel scene, Jobs jobs, LensStatus status) {
        this.scene = scene;
        this.job = new LensJob(jobs, status);
        for (javafx.beans.Observable o : java.util.List.of(scene.dataSetProperty(), scene.scheduleProperty(),
                scene.scoreProperty(), scene.hProperty(), scene.guidanceLabelProperty(),
                scene.guidanceScaleProperty())) {
            o.addListener(x -> refresh());
        }
    }

    public ReadOnlyObjectProperty<CurrentView> viewProperty() {
        return view.getReadOnlyProperty();
    }

    void setEnabled(boolean on) {
        job.setEnabled(on, this::refresh);
    }

    private void refresh() {
        if (!job.enabled()) {
            return;
        }
        DataSet d = scene.dataSetProperty().get();
        Schedule s = scene.scheduleProperty().get();
        ScoreModel score = scene.state().scoreOf(false);
        double h = scene.hProperty().get();
        if (d == null || s == null || score == null) {
            view.set(null);
            return;
        }
        job.start("Fokker–Planck grid for the probability current at 𝔥 = " + h,
                (p, cancel) -> CurrentView.solve(s, score, d.points(), h, p, cancel), v -> {
                    view.set(v);
                    scene.rebuild();
                }, null);
    }

    SceneOverlays overlay() {
        return (b, legend, t, h) -> {
            CurrentView v = view.get();
            if (v != null) {
                v.overlay().contribute(b, legend, t, h);
            }
        };
    }
}
