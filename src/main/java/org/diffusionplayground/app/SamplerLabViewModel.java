package org.diffusionplayground.app;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.lab.LabOptions;
import org.diffusionplayground.model.lab.LabReport;
import org.diffusionplayground.model.lab.LabSampler;
import org.diffusionplayground.model.lab.SamplerLab;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.scene.SolverChoice;

/**
 * The sampler lab in the window (docs/MATH.md §3.4): on request, every fixed-step solver at the lab's default
 * budgets on the scene's model, data, 𝔥, particle count and seed, in the background; the report, with the
 * exact-score columns when the data is a Gaussian mixture, is published on the UI thread.
 */
public final class SamplerLabViewModel {

    private final SceneViewModel scene;
    private final Jobs.Latest running;
    private final Activity activity = new Activity(this);
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(this, "result");

    /** A finished comparison and what it was run on, for the table's header. */
    public record Result(LabReport report, LabOptions options, String model, String data, String schedule) {
    }

    public SamplerLabViewModel(SceneViewModel scene, Jobs jobs) {
        this.scene = scene;
        this.running = jobs.latest();
    }

    public Activity activity() {
        return activity;
    }

    /** The last finished comparison (null before the first). */
    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Compares the samplers on what the scene shows now; a new request replaces a running one. */
    public void run() {
        Schedule schedule = scene.scheduleProperty().get();
        ScoreModel score = scene.scoreProperty().get();
        DataSet data = scene.dataSetProperty().get();
        if (schedule == null || score == null || data == null) {
            activity.error("load or train a model first: the lab compares samplers on the scene's model");
            return;
        }
        double h = scene.hProperty().get();
        LabOptions options = new LabOptions(LabOptions.DEFAULT.budgets(), scene.particlesProperty().get(),
                scene.seedProperty().get(), h, LabOptions.DEFAULT.metricPoints());
        // exact answers only where the score is closed-form, not the empirical score of other data
        MixtureScore exact = data.mixture().isPresent() ? scene.exactScore(data, schedule) : null;
        ScoreModel model = score instanceof MixtureScore m && exact != null && m.mixture().equals(exact.mixture())
                ? exact : score;
        List<LabSampler> samplers = SolverChoice.labChoices(h).stream().map(c -> c.labSampler(h)).toList();
        activity.error("");
        activity.busy(true);
        activity.status("comparing samplers …");
        running.start((progress, cancel) -> new SamplerLab(schedule, model, exact, data, options).run(samplers,
                progress, cancel), new Jobs.Listener<LabReport>() {
                    @Override
                    public void progress(double fraction, String message) {
                        activity.progress(fraction);
                        activity.status(String.format(Locale.ROOT, "%.0f %%  %s", 100 * fraction, message));
                    }

                    @Override
                    public void succeeded(LabReport report) {
                        activity.busy(false);
                        activity.status("");
                        result.set(new Result(report, options, model.describe(), data.name(), schedule.name()));
                    }

                    @Override
                    public void failed(Throwable e) {
                        activity.busy(false);
                        activity.status("");
                        activity.error("the comparison failed: " + Jobs.message(e));
                    }

                    @Override
                    public void cancelled() {
                        activity.busy(false);
                        activity.status("");
                    }
                });
    }

    public void cancel() {
        if (running.cancel()) {
            activity.busy(false);
            activity.status("");
        }
    }
}
