package org.diffusionplayground.app;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.sampling.PathAction;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.Sampler;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.scene.LaunchedPath;
import org.diffusionplayground.scene.SceneState;

/**
 * Particles the user launches by clicking: each is integrated backward from the click's time to t_min
 * under the scene's 𝔥-process with the sampler's step size, in the background, and shown with its path's
 * Onsager–Machlup action (MATH.md §3).
 */
public final class LaunchedPaths {

    private final Jobs jobs;
    private final ObservableList<LaunchedPath> paths = FXCollections.observableArrayList();

    LaunchedPaths(Jobs jobs) {
        this.jobs = jobs;
    }

    /** The paths launched so far, in order. */
    public ObservableList<LaunchedPath> paths() {
        return paths;
    }

    /**
     * Launches one particle from (x, y) at the scene's time (from T when the time is already t_min).
     *
     * @return what stops it, in words for the user, or null when it was launched
     */
    String launch(SceneState scene, double x, double y) {
        Schedule sch = scene.schedule();
        if (scene.score() == null || sch == null) {
            return "train or load a model before launching trajectories";
        }
        double start = scene.timeOf(false) <= sch.tMin() ? sch.tMax() : scene.timeOf(false);
        ReverseProcess p = new ReverseProcess(sch, scene.scoreOf(false), scene.sampler().h());
        int n = Math.max(2, (int) Math.ceil(scene.sampler().steps() * (start - sch.tMin()) / (sch.tMax() - sch.tMin())));
        TimeGrid grid = TimeGrid.of(scene.sampler().solver().stepSchedule(), sch, start, n);
        Sampler sampler = scene.sampler().solver().sampler(p.h(), false);
        long pathSeed = scene.sampler().seed() * 1_000_003L + paths.size() + 1;
        jobs.start((prog, cancel) -> {
            double[] xy = {x, y};
            double[] path = new double[2 * (n + 1)];
            sampler.sample(p, xy, 1, grid, new CounterNormal(pathSeed), (k, t, pos, c) -> {
                path[2 * k] = pos[0];
                path[2 * k + 1] = pos[1];
            }, cancel);
            float[] f = new float[path.length];
            for (int i = 0; i < path.length; i++) {
                f[i] = (float) path[i];
            }
            return new LaunchedPath(x, y, start, p.h(), f, PathAction.of(p, grid.times(), path));
        }, Jobs.onSuccess(paths::add));
        return null;
    }
}
