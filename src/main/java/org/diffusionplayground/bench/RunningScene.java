package org.diffusionplayground.bench;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.render.LiveSceneRenderer;
import org.diffusionplayground.render.SceneSnapshot;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.render.Viewport;
import org.diffusionplayground.scene.ViewOptions;

/**
 * A frame of the running scene, off-screen: the app's {@link SceneViewModel} plays the backward
 * animation (advance by 1/60 s, rebuild the snapshot from the sampled paths) and the
 * {@link LiveSceneRenderer} draws it, exactly what the scene pane does on every pulse before it hands
 * the shared pixel buffer to JavaFX. The view-model's UI executor is a queue this thread drains, as the
 * FX thread would. What is not measured: JavaFX's upload of the buffer to the screen (done by its
 * render thread, in parallel).
 */
public final class RunningScene implements Workload {

    /** The animation step of one frame at 60 fps. */
    public static final double FRAME_SECONDS = 1.0 / 60;

    private final LinkedBlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
    private final Jobs jobs = new Jobs(ui::add, 1);
    private final SceneViewModel vm = new SceneViewModel(jobs);
    private final LiveSceneRenderer renderer;
    private final Viewport viewport;
    private final Theme theme = Theme.LIGHT;

    /**
     * Sets up the scene (data, schedule, score, particles, 𝔥) and waits for its sampling job.
     *
     * @throws IllegalStateException if sampling fails or takes longer than {@code timeoutSeconds}
     */
    public RunningScene(NetworkScore net, DataSet data, int particles, double h, int width, int height,
            double timeoutSeconds) {
        renderer = new LiveSceneRenderer(width, height);
        vm.viewAspectProperty().set((double) width / height);
        vm.dataSetProperty().set(data);
        vm.scheduleProperty().set(net.schedule());
        vm.scoreProperty().set(net);
        vm.particlesProperty().set(particles);
        vm.hProperty().set(h);
        long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        try {
            while (vm.pathsProperty().get() == null || vm.activity().busyProperty().get()) {
                if (!vm.activity().errorProperty().get().isEmpty()) {
                    throw new IllegalStateException("scene sampling failed: " + vm.activity().errorProperty().get());
                }
                Runnable task = ui.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (task == null) {
                    throw new IllegalStateException("scene sampling did not finish in " + timeoutSeconds + " s");
                }
                task.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the scene was sampled", e);
        }
        ViewOptions v = vm.viewProperty().get();
        viewport = Viewport.fit(v.centreX(), v.centreY(), v.halfSize(), width, height);
        vm.playback().playingProperty().set(true);
        drain();
    }

    @Override
    public void run() {
        vm.playback().advance(FRAME_SECONDS);
        drain();
        SceneSnapshot s = vm.snapshotProperty().get();
        renderer.render(s, viewport, theme);
    }

    /** Particles drawn in the last frame (a check that the scene is what was asked for). */
    public int particlesShown() {
        SceneSnapshot s = vm.snapshotProperty().get();
        return s == null ? 0 : s.particleCount();
    }

    private void drain() {
        Runnable task;
        while ((task = ui.poll()) != null) {
            task.run();
        }
    }

    @Override
    public void close() {
        jobs.close();
    }
}
