package org.diffusionplayground.app.lens;

import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.MixtureScore;

/**
 * The objectives lens: races DSM, ISM and SSM ({@link ObjectiveRace}) on the scene's data and schedule
 * in the background; the loss points stream into {@link #points()} on the UI thread as they come.
 */
public final class ObjectivesLensModel {

    public static final int MIN_STEPS = 100;
    public static final int MAX_STEPS = 20_000;

    private final SceneViewModel scene;
    private final LensJob job;
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", 1500);
    private final ObservableList<ObjectiveRace.Point> points = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ObjectiveRace.Result> result = new ReadOnlyObjectWrapper<>(this, "result");

    ObjectivesLensModel(SceneViewModel scene, Jobs jobs, LensStatus status) {
        this.scene = scene;
        this.job = new LensJob(jobs, status);
        scene.dataSetProperty().addListener(x -> race());
        scene.scheduleProperty().addListener(x -> race());
    }

    /** Steps each of the three networks trains. */
    public IntegerProperty stepsProperty() {
        return steps;
    }

    /** The loss curves so far (DSM scale), in arrival order. */
    public ObservableList<ObjectiveRace.Point> points() {
        return points;
    }

    public ReadOnlyObjectProperty<ObjectiveRace.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    void setEnabled(boolean on) {
        job.setEnabled(on, this::race);
    }

    /** (Re)starts the race with the current data, schedule and step count. */
    public void race() {
        if (!job.enabled()) {
            return;
        }
        job.cancel();
        points.clear();
        result.set(null);
        DataSet d = scene.dataSetProperty().get();
        Schedule s = scene.scheduleProperty().get();
        if (d == null || s == null) {
            return;
        }
        MixtureScore exact = d.mixture().isPresent() ? scene.exactScore(d, s) : null;
        int n = Math.max(MIN_STEPS, Math.min(MAX_STEPS, steps.get()));
        long seed = scene.seedProperty().get();
        ConcurrentLinkedQueue<ObjectiveRace.Point> arrived = new ConcurrentLinkedQueue<>();
        Runnable drain = () -> {
            ObjectiveRace.Point pt;
            java.util.List<ObjectiveRace.Point> batch = new java.util.ArrayList<>();
            while ((pt = arrived.poll()) != null) {
                batch.add(pt);
            }
            points.addAll(batch);
        };
        job.start("training three networks: DSM, ISM, SSM", (p, cancel) -> ObjectiveRace.run(d.points(), s.spec(),
                exact, n, seed, pt -> {
                    arrived.add(pt);
                    p.progress((double) pt.step() / n, "");
                }, cancel), r -> {
                    drain.run();
                    result.set(r);
                }, drain);
    }
}
