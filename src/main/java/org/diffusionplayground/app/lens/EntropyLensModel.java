package org.diffusionplayground.app.lens;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.schedule.Schedule;

/**
 * The entropy lens's settings (where the forward paths start, how many) and its {@link EntropyReport},
 * recomputed in the background for the scene's data and schedule with the exact densities.
 */
public final class EntropyLensModel {

    public static final int MIN_PATHS = 1_000;
    public static final int MAX_PATHS = 200_000;
    /** Monte-Carlo samples of p_t per time of the rate curve. */
    static final int RATE_SAMPLES = 8_000;

    private final SceneViewModel scene;
    private final LensJob job;
    private final DoubleProperty start = new SimpleDoubleProperty(this, "start", Double.NaN);
    private final IntegerProperty paths = new SimpleIntegerProperty(this, "paths", 20_000);
    private final ReadOnlyObjectWrapper<EntropyReport> report = new ReadOnlyObjectWrapper<>(this, "report");

    EntropyLensModel(SceneViewModel scene, Jobs jobs, LensStatus status) {
        this.scene = scene;
        this.job = new LensJob(jobs, status);
        scene.scheduleProperty().addListener((o, was, now) -> start.set(now == null ? Double.NaN : now.tMin()));
        Schedule s = scene.scheduleProperty().get();
        start.set(s == null ? Double.NaN : s.tMin());
        for (javafx.beans.Observable o : java.util.List.of(start, paths, scene.dataSetProperty(),
                scene.seedProperty())) {
            o.addListener(x -> refresh());
        }
    }

    /** t_a: the forward paths run from here to T (t_min by default). */
    public DoubleProperty startProperty() {
        return start;
    }

    public IntegerProperty pathsProperty() {
        return paths;
    }

    public ReadOnlyObjectProperty<EntropyReport> reportProperty() {
        return report.getReadOnlyProperty();
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
        if (d == null || s == null || !Double.isFinite(start.get())) {
            report.set(null);
            return;
        }
        var exact = scene.exactScore(d, s);
        double ta = start.get();
        int n = Math.max(MIN_PATHS, Math.min(MAX_PATHS, paths.get()));
        long seed = scene.seedProperty().get();
        job.start("entropy production of " + d.name(),
                (p, cancel) -> EntropyReport.compute(exact, ta, RATE_SAMPLES, n, seed, p, cancel), report::set, null);
    }
}
