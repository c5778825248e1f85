package org.diffusionplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.LikelihoodViewModel;
import org.diffusionplayground.app.LiveSample;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.app.TrainingViewModel;
import org.diffusionplayground.app.window.PlaygroundViewModels;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.train.TrainingJob;
import org.diffusionplayground.render.SceneSnapshot;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SceneOverlays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window as the app opens it (Monocle, headless): the pretrained default scene, the training
 * panel with its live loss chart, checkpoints, the likelihood panel and its C(x₀) map, draw mode.
 * Step and point counts are tiny so the class runs in seconds.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchUiTest {

    private Jobs jobs;
    private PlaygroundViewModels vms;
    private Workbench bench;
    private SceneViewModel scene;
    private TrainingViewModel training;

    @Start
    void start(Stage stage) {
        jobs = new Jobs(Platform::runLater, 2);
        vms = new PlaygroundViewModels(jobs);
        scene = vms.scene();
        training = vms.training();
        vms.likelihood().pointsProperty().set(24);
        vms.likelihood().exactCurveProperty().set(false);
        // the panels this class clicks stay docked beside the scene (LectureHallUiTest covers the rails)
        bench = SmallWorkbench.show(stage, vms, true, 1280, 800);
    }

    @AfterEach
    void stop() {
        bench.stop();
        jobs.close();
    }

    private void waitFor(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; training: " + training.stateProperty().get() + " · "
                    + training.statusLineProperty().get() + " · " + training.errorProperty().get() + "; scene busy "
                    + scene.activity().busyProperty().get() + ", score " + scene.scoreProperty().get().describe()
                    + "; likelihood: " + vms.likelihood().activity().statusProperty().get() + " "
                    + vms.likelihood().activity().errorProperty().get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theWindowTheAppOpensBuildsItsHiddenPartsWhenShownOrAfterTheFirstFrame(FxRobot robot) {
        robot.interact(() -> {
            PlaygroundViewModels startVms = new PlaygroundViewModels(jobs);
            Workbench start = Workbench.forStart(startVms);
            javafx.scene.control.TabPane tabs = start.analysis();
            java.util.function.IntPredicate built = i -> tabs.getTabs().get(i).getContent() != null;
            assertFalse(built.test(0) || built.test(1) || built.test(2) || built.test(3), "nothing hidden built yet");
            assertTrue(start.window().deferredParts().stream().noneMatch(p -> p.isBuilt()), "nor the left panels");
            tabs.getSelectionModel().select(2);
            assertTrue(built.test(2), "a tab is built when it is first shown");
            assertFalse(built.test(0));
            boolean[] finished = {false};
            start.finishBuilding(Runnable::run, () -> finished[0] = true);
            assertTrue(finished[0]);
            assertTrue(start.window().deferredParts().stream().allMatch(p -> p.isBuilt()));
            for (int i = 0; i < tabs.getTabs().size(); i++) {
                assertTrue(built.test(i), tabs.getTabs().get(i).getText());
            }
            // the export dialog lists the same charts in the same order as for the window built at once
            assertEquals(vms.exports().charts().stream().map(c -> c.name()).toList(),
                    startVms.exports().charts().stream().map(c -> c.name()).toList());
        });
    }

    /** Clicks a control once an expanding pane (animated) has shown it. */
    /**
     * Clicks a control once it is visible and has stopped moving: a panel that was just expanded slides its
     * content in over a few hundred milliseconds, and a click aimed at where the button was a moment ago
     * lands beside it (seen in CI under load: the Train button never received the click).
     */
    private void clickWhenShown(FxRobot robot, String query) throws Exception {
        waitFor(10, () -> !robot.lookup(query).match(org.testfx.util.NodeQueryUtils.isVisible()).queryAll().isEmpty());
        javafx.scene.Node node = robot.lookup(query).query();
        javafx.geometry.Bounds[] last = {null};
        waitFor(10, () -> {
            javafx.geometry.Bounds now = WaitForAsyncUtils.asyncFx(() -> node.localToScreen(node.getBoundsInLocal()))
                    .get();
            boolean still = now != null && now.equals(last[0]);
            last[0] = now;
            if (!still) {
                Thread.sleep(150);
            }
            return still;
        });
        robot.clickOn(node);
    }

    /** Tiny settings: a 1×16 network on 8 gaussians, batch 64. */
    private void tinyTraining(FxRobot robot, long steps) {
        robot.interact(() -> {
            scene.dataSetProperty().set(DataSet.builtIn(ToyData.GAUSSIANS_8, 600, 0));
            training.widthProperty().set(16);
            training.depthProperty().set(1);
            training.batchSizeProperty().set(64);
            training.stepsProperty().set(steps);
            bench.window().expandPanel("panel-training");
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void opensOnThePretrainedSwissRollAlreadyAnimatingBackwardSampling() throws Exception {
        assertEquals(new DataSource.BuiltIn(ToyData.SWISS_ROLL, 3000, 0), scene.dataSetProperty().get().source());
        assertEquals(ScheduleKind.SIMPLE, scene.scheduleProperty().get().spec().kind());
        assertInstanceOf(NetworkScore.class, scene.scoreProperty().get());
        assertEquals(SceneMode.BACKWARD, scene.modeProperty().get());
        assertTrue(scene.playback().playingProperty().get());
        waitFor(20, () -> scene.timeProperty().get() < scene.tMax() - 0.05 && scene.currentPositions() != null);
        assertEquals(600, scene.currentPositions().length / 2);
        assertTrue(training.statusLineProperty().get().startsWith("loaded"), training.statusLineProperty().get());
        // the frame-time recorder sees the animation (benchmarks read it the same way)
        waitFor(10, () -> bench.window().frames().stats().frames() > 10);
        FrameTimeRecorder.FrameStats stats = bench.window().frames().stats();
        assertTrue(stats.renderP95() > 0 && stats.pulses() > 10, stats.toString());
    }

    @Test
    void aPausedSceneRedrawsWhenNewSamplesArrive(FxRobot robot) throws Exception {
        // same time, same title: the new frame's record equals the old one (the composer reuses its particle
        // buffer), yet its particles moved; the view must draw it anyway
        waitFor(30, () -> scene.pathsProperty().get() != null && !scene.activity().busyProperty().get());
        robot.interact(() -> {
            scene.playback().playingProperty().set(false);
            scene.timeProperty().set(scene.tMin());
        });
        WaitForAsyncUtils.waitForFxEvents();
        long before = bench.window().scenePane().redraws();
        double[] old = scene.currentPositions();
        robot.interact(() -> scene.seedProperty().set(7));
        waitFor(30, () -> scene.pathsProperty().get().seed() == 7 && !scene.activity().busyProperty().get());
        assertFalse(java.util.Arrays.equals(old, scene.currentPositions()), "other noise, other samples");
        assertTrue(bench.window().scenePane().redraws() > before, "the view drew the new samples");
    }

    @Test
    void trainStartsAJobTheLossChartReceivesPointsAndStopCancels(FxRobot robot) throws Exception {
        tinyTraining(robot, 1_000_000);
        ScoreModel pretrained = scene.scoreProperty().get();
        clickWhenShown(robot, "#train-start");
        waitFor(60, () -> bench.lossChart().pointCount() >= 3);
        assertEquals(TrainingJob.State.RUNNING, training.stateProperty().get());
        assertEquals("tab-training", bench.analysis().getSelectionModel().getSelectedItem().getId());
        assertTrue(robot.lookup("#train-start").queryAs(Button.class).isDisabled(), "no second run while one goes");
        // every few hundred steps the scene samples with the weights reached so far
        waitFor(60, () -> scene.scoreProperty().get() != pretrained
                && ((NetworkScore) scene.scoreProperty().get()).mlp().spec().width() == 16);

        robot.clickOn("#train-pause");
        waitFor(20, () -> training.stateProperty().get() == TrainingJob.State.PAUSED);
        int paused = bench.lossChart().pointCount();
        assertEquals("▶ Resume", robot.lookup("#train-pause").queryAs(Button.class).getText());
        robot.clickOn("#train-pause");
        waitFor(20, () -> training.stateProperty().get() == TrainingJob.State.RUNNING
                && bench.lossChart().pointCount() > paused);

        robot.clickOn("#train-stop");
        waitFor(30, () -> training.stateProperty().get() == TrainingJob.State.CANCELLED);
        assertFalse(training.isRunning());
        long stepsDone = training.checkpointProperty().get().card().stepsTrained();
        assertTrue(stepsDone > 0 && stepsDone < 1_000_000, "stopped early with the weights so far: " + stepsDone);
        assertTrue(training.statusLineProperty().get().startsWith("stopped early"), training.statusLineProperty().get());
        assertFalse(robot.lookup("#train-start").queryAs(Button.class).isDisabled());
    }

    @Test
    void aTrainedModelSavesAndLoadsBackAndABadFileChangesNothing(FxRobot robot, @TempDir Path dir) throws Exception {
        tinyTraining(robot, 120);
        robot.interact(training::train);
        waitFor(60, () -> training.stateProperty().get() == TrainingJob.State.FINISHED);
        Path file = dir.resolve("mine.safetensors");
        robot.interact(() -> assertTrue(training.save(file), training.errorProperty().get()));
        assertEquals(120, CheckpointIO.load(file).card().stepsTrained());

        ScoreModel before = scene.scoreProperty().get();
        DataSet data = scene.dataSetProperty().get();
        Path bad = dir.resolve("bad.safetensors");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        Files.writeString(dir.resolve("bad.json"), "{\"format\": \"diffusion-playground-model\"");
        robot.interact(() -> training.loadFile(bad));
        waitFor(20, () -> !training.errorProperty().get().isEmpty());
        assertTrue(training.errorProperty().get().contains("bad"), training.errorProperty().get());
        assertTrue(robot.lookup("#train-error").queryAs(Label.class).isVisible());
        assertSame(before, scene.scoreProperty().get(), "a bad file leaves the model as it was");
        assertSame(data, scene.dataSetProperty().get());

        robot.interact(() -> training.loadFile(file));
        waitFor(20, () -> scene.scoreProperty().get() != before);
        assertEquals("", training.errorProperty().get());
        assertEquals(16, ((NetworkScore) scene.scoreProperty().get()).mlp().spec().width());
        assertEquals(new DataSource.BuiltIn(ToyData.GAUSSIANS_8, 600, 0), scene.dataSetProperty().get().source());
    }

    @Test
    void theLikelihoodPanelComputesItsChartGetsASeriesAndTheMapColoursThePoints(FxRobot robot) throws Exception {
        bench.showLikelihood();
        waitFor(20, () -> !scene.activity().busyProperty().get());
        robot.clickOn("#likelihood-compute");
        waitFor(60, () -> vms.likelihood().lineProperty().get() != null && !vms.likelihood().activity().busyProperty().get());
        LikelihoodChart chart = bench.likelihoodPanel().chart();
        assertTrue(chart.lineItemCount() > 10, "the first-order line is drawn");
        assertEquals(24, vms.likelihood().lineProperty().get().count());
        double nll = vms.likelihood().lineProperty().get().meanNll();
        assertTrue(nll > 0.8 && nll < 2.2, "held-out NLL of the pretrained swiss roll: " + nll);

        // a new line is one redraw of the chart, not one per point (61 of them held the UI thread 0.39 s)
        int[] redraws = {0};
        org.jfree.chart.event.ChartChangeListener counter = e -> redraws[0]++;
        chart.chart().addChangeListener(counter);
        robot.interact(() -> chart.show(vms.likelihood().lineProperty().get(), ""));
        chart.chart().removeChangeListener(counter);
        assertEquals(1, redraws[0], "chart change events for one new line");

        // the 𝔥 slider moves the chart's marker to the first-order value there
        Slider slider = robot.lookup("#h-slider").queryAs(Slider.class);
        robot.interact(() -> slider.setValue(2.0));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(chartMarkerLabel(chart).contains("𝔥 = 2.00"), chartMarkerLabel(chart));

        // the close-up shows 𝔥 ≤ 0.1, where the line is the tangent, and the whole range again when unticked
        robot.clickOn("#likelihood-close-up");
        WaitForAsyncUtils.waitForFxEvents();
        var hAxis = chart.chart().getXYPlot().getDomainAxis();
        assertEquals(LikelihoodChart.CLOSE_UP_MAX_H, hAxis.getUpperBound(), 1e-12);
        var yAxis = chart.chart().getXYPlot().getRangeAxis();
        double lineAtEnd = vms.likelihood().lineProperty().get().nll(LikelihoodChart.CLOSE_UP_MAX_H);
        assertTrue(yAxis.getRange().contains(lineAtEnd), "the NLL axis follows the visible part of the line");
        assertTrue(yAxis.getRange().getLength() < 2, "not scaled to the line's far end at 𝔥 = 3: " + yAxis.getRange());
        robot.clickOn("#likelihood-close-up");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(SceneViewModel.SLIDER_MAX_H, hAxis.getUpperBound(), 1e-12);

        robot.clickOn("#likelihood-map");
        waitFor(10, () -> scene.snapshotProperty().get().dataRgb() != null);
        SceneSnapshot s = scene.snapshotProperty().get();
        assertEquals(24, s.data().size());
        assertNotNull(s.dataScale());
        assertTrue(s.dataScale().max() > 0 && s.dataScale().min() == -s.dataScale().max(), "symmetric about C = 0");

        // a new model clears the result and takes the map off the scene until recomputed
        robot.interact(() -> scene.scoreProperty().set(vms.scene().exactScore(scene.dataSetProperty().get(),
                scene.scheduleProperty().get())));
        waitFor(10, () -> scene.snapshotProperty().get().dataRgb() == null);
        assertTrue(vms.likelihood().staleProperty().get());
        assertNull(vms.likelihood().resultProperty().get(), "no numbers of the earlier model are left");
        assertNull(vms.likelihood().lineProperty().get());
        assertEquals(0, bench.likelihoodPanel().chart().exactItemCount(), "and none on the chart");
    }

    @Test
    void withThePerfectScoreTheExactCurveIsFlatAndMatchesTheMixtureAndW2IsCharted(FxRobot robot) throws Exception {
        // exact score of the 8 gaussians: every 𝔥 has the data's marginals (MATH.md §3), so NLL(𝔥) is flat
        DataSet ring = DataSet.builtIn(ToyData.GAUSSIANS_8, 2000, 0);
        robot.interact(() -> {
            scene.dataSetProperty().set(ring);
            scene.scoreProperty().set(scene.exactScore(ring, scene.scheduleProperty().get()));
            vms.likelihood().gridOptionsProperty().set(new FokkerPlanckOptions(128, 128, 0, 0.2, 0.4, 6));
            vms.likelihood().w2PointsProperty().set(80);
            vms.likelihood().exactCurveProperty().set(true);
        });
        waitFor(20, () -> !scene.activity().busyProperty().get());
        robot.interact(() -> vms.likelihood().compute());
        waitFor(120, () -> vms.likelihood().exactProperty().get() != null && !vms.likelihood().activity().busyProperty().get());
        double[][] curve = vms.likelihood().exactProperty().get().nllCurve();
        assertEquals(LikelihoodViewModel.CURVE_HS.length, curve.length);
        assertEquals(LikelihoodViewModel.CURVE_HS.length, bench.likelihoodPanel().chart().exactItemCount());
        assertEquals(LikelihoodViewModel.W2_HS.length, bench.likelihoodPanel().w2Chart().pointCount());
        var points = vms.likelihood().resultProperty().get().points();
        double mixtureNll = 0;
        for (int i = 0; i < points.size(); i++) {
            mixtureNll -= ring.mixture().orElseThrow().logDensity(points.x(i), points.y(i)) / points.size();
        }
        double pfOde = vms.likelihood().lineProperty().get().meanNll();
        assertEquals(mixtureNll, pfOde, 0.05, "PF-ODE NLL of the exact score = the mixture's NLL");
        assertEquals(mixtureNll, curve[0][1], 0.1, "grid NLL at 𝔥 = 0 = the mixture's NLL");
        assertEquals(curve[0][1], curve[8][1], 0.1, "flat in 𝔥 with the perfect score: " + curve[0][1] + " vs "
                + curve[8][1]);
        for (double[] row : vms.likelihood().w2Property().get()) {
            assertTrue(row[1] > 0 && row[1] < 1, "W2 at 𝔥 = " + row[0] + ": " + row[1]);
        }
    }

    @Test
    void likelihoodRecomputesByItselfWhenTheToleranceChangesAndCancelStopsIt(FxRobot robot) throws Exception {
        waitFor(20, () -> !scene.activity().busyProperty().get());
        robot.interact(() -> {
            vms.likelihood().autoProperty().set(true);
        });
        waitFor(60, () -> vms.likelihood().lineProperty().get() != null && !vms.likelihood().activity().busyProperty().get());
        var first = vms.likelihood().resultProperty().get();
        robot.interact(() -> {
            vms.likelihood().pointsProperty().set(3000);
            vms.likelihood().requestTolerance(1e-5);
        });
        waitFor(10, () -> vms.likelihood().activity().busyProperty().get());
        robot.clickOn("#likelihood-cancel");
        waitFor(10, () -> !vms.likelihood().activity().busyProperty().get());
        assertEquals("cancelled", vms.likelihood().activity().statusProperty().get());
        assertSame(first, vms.likelihood().resultProperty().get(), "the last finished result stays");
    }

    @Test
    void theDensityOverlayDrawsTheGridSolutionAtTheScenesTime(FxRobot robot) throws Exception {
        robot.interact(() -> {
            vms.density().gridOptionsProperty().set(new FokkerPlanckOptions(48, 48, 0, 0.3, 0.4, 6));
            scene.playback().playingProperty().set(false);
            scene.timeProperty().set(0.5);
            bench.window().expandPanel("panel-overlays");
        });
        clickWhenShown(robot, "#show-density");
        waitFor(60, () -> scene.snapshotProperty().get().heatmap() != null);
        var grid = scene.snapshotProperty().get().heatmap();
        assertTrue(grid.logScale());
        double mass = 0;
        for (float v : grid.values()) {
            mass += v;
        }
        mass *= (grid.xMax() - grid.xMin()) / grid.nx() * (grid.yMax() - grid.yMin()) / grid.ny();
        assertEquals(1.0, mass, 0.02, "a density: unit mass on the grid");
        // another t shows another frame; another 𝔥 solves again
        robot.interact(() -> scene.timeProperty().set(scene.tMin()));
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(scene.snapshotProperty().get().heatmap());
        assertFalse(grid == scene.snapshotProperty().get().heatmap(), "the frame follows t");
        robot.interact(() -> scene.hProperty().set(1.0));
        WaitForAsyncUtils.waitForFxEvents();
        // the 48² solve may already have finished: then what is shown must be the new 𝔥's, never the old one's
        var shown = scene.snapshotProperty().get();
        assertTrue(shown.heatmap() == null || shown.heatmapScale().label().contains("𝔥 = 1.00"),
                "the old 𝔥's density is not shown for the new 𝔥");
        waitFor(60, () -> scene.snapshotProperty().get().heatmap() != null);

        // a video takes the solved heatmap along: drawn in frames of the 𝔥 it was solved for, not others
        SceneOverlays[] frozen = new SceneOverlays[1];
        robot.interact(() -> frozen[0] = vms.density().frozenOverlay());
        assertNotNull(heatmapOf(frozen[0], 0.5, 1.0), "a video frame at the solved 𝔥 gets the heatmap");
        assertNull(heatmapOf(frozen[0], 0.5, 0.0), "not at another 𝔥");

        robot.clickOn("#show-density");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> frozen[0] = vms.density().frozenOverlay());
        assertNull(heatmapOf(frozen[0], 0.5, 1.0), "switched off: no heatmap in a video either");
        assertEquals(null, scene.snapshotProperty().get().heatmap());
    }

    @Test
    void drawModeTurnsMouseStrokesIntoTheDataSet(FxRobot robot) throws Exception {
        robot.interact(() -> bench.window().expandPanel("panel-training"));
        clickWhenShown(robot, "#draw-data");
        assertTrue(vms.data().drawingProperty().get());
        Bounds b = bench.window().scenePane().localToScreen(bench.window().scenePane().getBoundsInLocal());
        robot.drag(b.getMinX() + b.getWidth() * 0.3, b.getMinY() + b.getHeight() * 0.5, MouseButton.PRIMARY)
                .moveTo(b.getMinX() + b.getWidth() * 0.5, b.getMinY() + b.getHeight() * 0.4)
                .moveTo(b.getMinX() + b.getWidth() * 0.7, b.getMinY() + b.getHeight() * 0.6)
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vms.data().drawnCount() >= 12, "strokes spray points: " + vms.data().drawnCount());
        assertNotNull(vms.data().preview(), "the drawing shows on the scene while drawing");
        robot.clickOn("#draw-data");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(vms.data().drawingProperty().get());
        assertInstanceOf(DataSource.Drawn.class, scene.dataSetProperty().get().source());
        assertEquals(vms.data().drawnCount(), scene.dataSetProperty().get().size());
    }

    private static String chartMarkerLabel(LikelihoodChart chart) {
        return ((org.jfree.chart.plot.ValueMarker) chart.chart().getXYPlot().getDomainMarkers(
                org.jfree.chart.ui.Layer.FOREGROUND).iterator().next()).getLabel();
    }

    private static org.diffusionplayground.render.SceneLayers.ScalarGrid heatmapOf(SceneOverlays layer, double t,
            double h) {
        SceneSnapshot.Builder b = SceneSnapshot.builder();
        layer.contribute(b, new org.diffusionplayground.scene.SceneLegend(), t, h);
        return b.build().heatmap();
    }

    /** Refreshes of the live scene to watch: the first one and four intervals after it. */
    private static final int REFRESHES = 5;

    /**
     * A lecturer draws a shape and trains on it: the scene must show the model's samples as they form. The
     * refresh is checked on the training's own clock (the snapshot each refresh came from, pauses excluded),
     * so a loaded machine slows the training and the refresh alike instead of failing the test; the UI
     * thread's work per frame is its CPU time between two pulses, which other load does not inflate.
     */
    @Test
    void trainingOnADrawnShapeRefreshesTheSamplesEveryTwoSecondsOfTrainingAndTheUiThreadKeepsUnder100MsAFrame(
            FxRobot robot) throws Exception {
        waitFor(60, () -> scene.pathsProperty().get() != null && !scene.activity().busyProperty().get());
        robot.interact(() -> {
            // a heart, sprayed along its outline as a drag of the mouse would
            vms.data().startDrawing();
            for (int i = 0; i < 120; i++) {
                double a = 2 * Math.PI * i / 120;
                double x = 16 * Math.pow(Math.sin(a), 3) / 8;
                double y = (13 * Math.cos(a) - 5 * Math.cos(2 * a) - 2 * Math.cos(3 * a) - Math.cos(4 * a)) / 8;
                vms.data().drawAt(x, y);
            }
            assertTrue(vms.data().finishDrawing(), vms.data().errorProperty().get());
            training.widthProperty().set(64);
            training.depthProperty().set(2);
            training.batchSizeProperty().set(256);
            training.stepsProperty().set(1_000_000);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(scene.dataSetProperty().get().source() instanceof DataSource.Drawn);

        // every pulse of the FX thread (its time and the thread's CPU time): before training, as the machine's
        // baseline, and from the first refresh on
        List<long[]> baseline = new ArrayList<>();
        List<long[]> pulses = new ArrayList<>();
        List<List<long[]>> recording = new ArrayList<>(List.of(baseline));
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (!recording.isEmpty()) {
                    recording.get(0).add(new long[] {now, FrameTimeRecorder.threadCpuNanos()});
                }
            }
        };
        robot.interact(timer::start);
        waitFor(60, () -> WaitForAsyncUtils.asyncFx(baseline::size).get() > 2 * REFRESHES);
        robot.interact(() -> {
            recording.clear();
            assertTrue(training.train(), training.errorProperty().get());
        });
        waitFor(60, () -> !training.liveSamples().isEmpty());
        robot.interact(() -> recording.add(pulses));
        waitFor(120, () -> training.liveSamples().size() >= REFRESHES);
        robot.interact(() -> {
            recording.clear();
            timer.stop();
            training.stop();
        });
        waitFor(60, () -> training.stateProperty().get() == TrainingJob.State.CANCELLED);

        List<LiveSample> refreshes = List.copyOf(training.liveSamples());
        assertTrue(refreshes.size() >= REFRESHES, refreshes.toString());
        // the first snapshot is taken after one second of training: shown within two
        assertTrue(refreshes.get(0).trainingSeconds() <= 2.0, "first refresh " + refreshes.get(0));
        for (int i = 1; i < refreshes.size(); i++) {
            LiveSample before = refreshes.get(i - 1);
            LiveSample now = refreshes.get(i);
            assertTrue(now.step() > before.step(), before + " then " + now);
            double gap = now.trainingSeconds() - before.trainingSeconds();
            // snapshots come every second; one waiting for the previous one's samples is shown next
            assertTrue(gap >= 1.0 && gap <= 2.0, "refresh " + i + " came " + gap + " s of training after the one before: "
                    + refreshes);
        }
        assertTrue(refreshes.stream().anyMatch(r -> Double.isFinite(r.w2()) && r.w2() > 0),
                "the running W2 was measured: " + refreshes);
        assertTrue(bench.lossChart().w2Count() >= 1, "the loss chart shows the running W2");

        assertTrue(pulses.size() > REFRESHES, "pulses while it trained: " + pulses.size());
        double[] cpuMs = differencesMs(pulses, 1);
        double[] intervalMs = differencesMs(pulses, 0);
        double baselineMedian = differencesMs(baseline, 0)[(baseline.size() - 1) / 2];
        int frames = cpuMs.length;
        String stats = String.format(java.util.Locale.ROOT, "%d frames: FX thread CPU per frame max %.1f ms; pulse "
                + "interval median %.1f ms, max %.1f ms; before training median %.1f ms", frames, cpuMs[frames - 1],
                intervalMs[frames / 2], intervalMs[frames - 1], baselineMedian);
        // all the UI thread did for one frame (composing, drawing the samples, the charts) under 100 ms of its CPU
        assertTrue(cpuMs[frames - 1] < 100, stats);
        // and the pulses kept coming: the median frame under 100 ms, or, on a machine so loaded that its frames
        // took longer before the training started, under twice as long as then
        assertTrue(intervalMs[frames / 2] < Math.max(100, 2 * baselineMedian), stats);
        System.out.println("live training: " + stats);

        // after the run the scene samples the final model at its full settings again
        waitFor(60, () -> !scene.liveProperty().get() && !scene.activity().busyProperty().get()
                && scene.pathsProperty().get().particles() == scene.particlesProperty().get());
        assertEquals(64, ((NetworkScore) scene.scoreProperty().get()).mlp().spec().width());
        assertFalse(training.isRunning());
    }

    /** Sorted differences of one column of consecutive pulses, ms. */
    private static double[] differencesMs(List<long[]> pulses, int column) {
        double[] d = new double[pulses.size() - 1];
        for (int i = 0; i < d.length; i++) {
            d[i] = (pulses.get(i + 1)[column] - pulses.get(i)[column]) / 1e6;
        }
        java.util.Arrays.sort(d);
        return d;
    }

    @Test
    void withClickAPointOnAClickOnTheSceneExplainsThatPointInsteadOfLaunchingAPath(FxRobot robot) throws Exception {
        waitFor(30, () -> scene.pathsProperty().get() != null && !scene.activity().busyProperty().get());
        robot.interact(() -> bench.analysis().getSelectionModel().select(bench.analysis().getTabs().stream()
                .filter(t -> "tab-likelihood".equals(t.getId())).findFirst().orElseThrow()));
        clickWhenShown(robot, "#likelihood-pick");
        assertTrue(vms.likelihood().pickProperty().get());
        robot.clickOn("#scene");
        waitFor(60, () -> vms.likelihood().pointProperty().get() != null);
        assertTrue(scene.launchedPaths().isEmpty(), "the click explained the point and launched nothing");
        String line = robot.lookup("#likelihood-point").queryAs(Label.class).getText();
        assertTrue(line.contains("nats") && line.contains("C(x₀)"), line);
        SceneSnapshot frame = scene.snapshotProperty().get();
        assertTrue(frame.markers().stream().anyMatch(m -> "x₀".equals(m.label())), "the clicked point is marked");
    }
}
