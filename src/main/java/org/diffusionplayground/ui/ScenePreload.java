package org.diffusionplayground.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.checkpoint.PretrainedModel;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.NetworkScore;

/**
 * Loads the model the window opens on while JavaFX starts, on a second core: reading and checking the
 * checkpoint (JSON parser, SHA-256) and a few network evaluations that load and compile the Vector API
 * kernels the sampler is about to need. Starting this before {@code Application.launch} takes it off the
 * path to the first animated frame (docs/benchmarks.md, "Desktop app": open in ≤ 3 s).
 */
final class ScenePreload {

    private record Pending(PretrainedModel model, CompletableFuture<Checkpoint> checkpoint) {
    }

    private static Pending pending;

    private ScenePreload() {
    }

    /** Starts loading {@code model} in the background (once). */
    static synchronized void start(PretrainedModel model) {
        if (pending != null) {
            return;
        }
        pending = new Pending(model, CompletableFuture.supplyAsync(() -> {
            try {
                Checkpoint cp = model.load();
                warmUp(cp);
                return cp;
            } catch (CheckpointException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "scene-preload");
            t.setDaemon(true);
            t.start();
        }));
    }

    /** The preloaded checkpoint of {@code model}, or a fresh load when none was started for it. */
    static Checkpoint take(PretrainedModel model) throws CheckpointException {
        Pending p;
        synchronized (ScenePreload.class) {
            p = pending;
            pending = null;
        }
        if (p != null && p.model() == model) {
            try {
                return p.checkpoint().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof CheckpointException c) {
                    throw c;
                }
            }
        }
        return model.load();
    }

    /** Runs the network on a sampler-sized batch a few times: class loading and JIT before the first frame. */
    private static void warmUp(Checkpoint cp) {
        Schedule s = cp.schedule().build();
        NetworkScore score = new NetworkScore(cp.network(), s);
        int n = 1024;
        double[] xy = new double[2 * n];
        double[] out = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            xy[i] = Math.sin(i * 0.37);
        }
        for (int rep = 0; rep < 8; rep++) {
            score.score(s.tMax() - rep * 0.1 * (s.tMax() - s.tMin()), xy, n, out);
        }
    }
}
