package org.diffusionplayground.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.diffusionplayground.cli.PlaygroundCli;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.PretrainedModel;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.likelihood.PointLikelihood;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.render.SceneLayers.Polyline;
import org.diffusionplayground.render.SceneSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clicked point's likelihood without a window (the test thread is the UI thread): the path the scene draws
 * runs from the forward pass's x_T to the clicked x₀, and the panel's numbers are the command line's for that
 * point.
 */
class PointLikelihoodViewModelTest {

    private final BlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    private final Jobs jobs = new Jobs(uiQueue::add, 2);
    private final SceneViewModel scene = new SceneViewModel(jobs);
    private final LikelihoodViewModel likelihood = new LikelihoodViewModel(scene, jobs);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        jobs.close();
    }

    private void runUiUntil(BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            Runnable r = uiQueue.poll(120, TimeUnit.SECONDS);
            assertNotNull(r, "the view-models stopped reporting before they were done");
            r.run();
        }
    }

    @Test
    void theDrawnPathRunsFromTheForwardPassesXtToTheClickedPointAndTheNumbersAreTheCommandLines() throws Exception {
        Checkpoint cp = PretrainedModel.byId("swissroll-simple").orElseThrow().load();
        Schedule schedule = cp.schedule().build();
        likelihood.autoProperty().set(false);
        scene.particlesProperty().set(50);
        scene.stepsProperty().set(10);
        scene.overlaysProperty().set(likelihood.overlay());
        scene.dataSetProperty().set(DataSet.of(cp.dataSource()));
        scene.scheduleProperty().set(schedule);
        scene.scoreProperty().set(new NetworkScore(cp.network(), schedule));
        runUiUntil(() -> scene.pathsProperty().get() != null && !scene.activity().busyProperty().get());

        double x0 = 0.6;
        double y0 = -0.35;
        likelihood.explain(x0, y0);
        runUiUntil(() -> likelihood.pointProperty().get() != null);
        PointLikelihood p = likelihood.pointProperty().get();
        assertEquals("converged", p.status());
        assertTrue(p.size() > 10, "points on the path: " + p.size());

        // the scene draws it: the last trail is the path, from x_T to x₀
        scene.rebuild();
        SceneSnapshot frame = scene.snapshotProperty().get();
        List<Polyline> trails = frame.trails();
        assertTrue(!trails.isEmpty(), "the path is on the scene");
        float[] drawn = trails.get(trails.size() - 1).xy();
        int n = drawn.length / 2;
        assertEquals((float) x0, drawn[2 * n - 2], 0f, "the path ends at the clicked point");
        assertEquals((float) y0, drawn[2 * n - 1], 0f);
        assertEquals((float) p.terminal()[0], drawn[0], 1e-6f, "the path starts where the forward pass ended");
        assertEquals((float) p.terminal()[1], drawn[1], 1e-6f);
        assertTrue(frame.arrows().stream().anyMatch(a -> a.segments().length > 0), "arrows of ∇log q_t along it");

        // the command line's likelihood of the same point at the same tolerance (it takes a data set: two points,
        // each integrated with its own step control)
        Path points = dir.resolve("point.csv");
        Files.writeString(points, "x,y\n" + x0 + "," + y0 + "\n-1.2,0.4\n");
        Path out = dir.resolve("nll.csv");
        picocli.CommandLine cli = PlaygroundCli.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err));
        int code = cli.execute("likelihood", "--points", points.toString(), "--tol",
                String.valueOf(likelihood.toleranceProperty().get()), "--out", out.toString(), "--quiet");
        assertEquals(0, code, err.toString());
        String[] f = Files.readAllLines(out).get(1).split(",");
        assertEquals(Double.parseDouble(f[2]), p.nll(), 0.0, "NLL at 𝔥 = 0, to the bit");
        assertEquals(Double.parseDouble(f[3]), p.correction(), 0.0, "C(x₀), adjoint form");
        assertEquals(Double.parseDouble(f[5]), p.gradNorm(), 0.0, "|∇log q₀|");
        assertEquals(f[7], p.status());
        assertTrue(likelihood.pointTextProperty().get().contains(String.format(java.util.Locale.ROOT, "%.4f nats",
                p.nll())), likelihood.pointTextProperty().get());

        // another model: the point's numbers describe nothing on screen and go
        scene.scoreProperty().set(new NetworkScore(cp.network(), schedule));
        assertNull(likelihood.pointProperty().get());
    }
}
