package org.diffusionplayground.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.diffusionplayground.app.Jobs;
import org.diffusionplayground.app.LiveSample;
import org.diffusionplayground.app.SceneViewModel;
import org.diffusionplayground.app.TrainingViewModel;
import org.diffusionplayground.bench.Range;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.train.JobOptions;
import org.diffusionplayground.model.train.Nd4jSetup;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.train.TrainingJob;
import org.diffusionplayground.model.train.TrainingListener;
import org.diffusionplayground.model.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playground bench-live}: what the live view costs the training. The window's default recipe on the
 * swiss roll, run alternately bare (a training job, no snapshots) and through the window's own view-models
 * (the scene sampling a snapshot every second of training and measuring its W2, on a worker standing in for
 * the UI thread), so both see the same machine; steps/s of each in wall time (the live run's training clock
 * leaves out its waits for the view, so only the wall clock says what the view costs) and their ratio.
 */
@Command(name = "bench-live", mixinStandardHelpOptions = true,
        description = "Measure training speed with and without the scene's live samples.")
public final class BenchLiveCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--steps", defaultValue = "3000", description = "training steps per run (default 3000)")
    long steps;

    @Option(names = "--repeats", defaultValue = "3", description = "runs of each kind, alternating (default 3)")
    int repeats;

    @Override
    public Integer call() throws Exception {
        if (steps < 100 || repeats < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--steps must be at least 100 and --repeats at least 1");
        }
        PrintStream out = System.out;
        Nd4jSetup.ensure();
        out.printf(Locale.ROOT, "Java %s, %d cores, OpenBLAS threads %d, OMP_WAIT_POLICY=%s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Nd4jSetup.blasThreads(), System.getenv("OMP_WAIT_POLICY"));
        TrainingConfig config = TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.SIMPLE)).withSteps(steps);
        DataSet data = DataSet.builtIn(ToyData.SWISS_ROLL, 3000, 0);
        out.printf(Locale.ROOT, "%s on %s, %,d steps per run%n", config.summary(), data.name(), steps);
        double[] bare = new double[repeats];
        double[] live = new double[repeats];
        List<Double> gaps = new ArrayList<>();
        List<Double> waits = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            bare[r] = bare(config, data);
            live[r] = live(config, data, gaps, waits);
            out.printf(Locale.ROOT, "run %d: bare %.1f steps/s, live %.1f steps/s%n", r + 1, bare[r], live[r]);
        }
        double b = median(bare);
        double l = median(live);
        double[] g = gaps.stream().mapToDouble(Double::doubleValue).toArray();
        out.printf(Locale.ROOT, "median: bare %.1f steps/s, live %.1f steps/s, ratio live/bare %.3f%n", b, l, l / b);
        double[] w = waits.stream().mapToDouble(Double::doubleValue).toArray();
        out.printf(Locale.ROOT, "wall time the training clock leaves out (set-up, warm-up, waits for the view) per "
                + "refresh: median %.0f ms%n",
                1e3 * median(w));
        if (g.length > 0) {
            out.printf(Locale.ROOT, "refreshes: %d, seconds of training between two: median %.2f, max %.2f%n",
                    g.length + repeats, median(g), Arrays.stream(g).max().orElse(Double.NaN));
        }
        return 0;
    }

    private static double bare(TrainingConfig config, DataSet data) {
        TrainingJob job = new TrainingJob(config, data.points(), JobOptions.defaults().withSnapshotEvery(0));
        TrainingResult[] result = new TrainingResult[1];
        job.addListener(new TrainingListener() {
            @Override
            public void onFinished(TrainingResult r) {
                result[0] = r;
            }
        });
        long start = System.nanoTime();
        job.run();
        return rate(result[0], System.nanoTime() - start);
    }

    /**
     * A run as the window makes it, with a single thread in the UI thread's place; adds the refresh gaps and
     * the wall time per refresh the training's own clock left out (set-up and the waits for the view).
     */
    private static double live(TrainingConfig config, DataSet data, List<Double> gaps, List<Double> waits)
            throws Exception {
        ExecutorService ui = Executors.newSingleThreadExecutor();
        try (Jobs jobs = new Jobs(ui, 2)) {
            CountDownLatch done = new CountDownLatch(1);
            long[] start = new long[1];
            long[] end = new long[1];
            TrainingViewModel[] training = new TrainingViewModel[1];
            SceneViewModel scene = new SceneViewModel(jobs);
            ui.submit(() -> {
                scene.dataSetProperty().set(data);
                training[0] = new TrainingViewModel(scene, ui);
                training[0].apply(config);
                training[0].resultProperty().addListener((obs, old, r) -> {
                    end[0] = System.nanoTime();
                    done.countDown();
                });
                start[0] = System.nanoTime();
                if (!training[0].train()) {
                    throw new IllegalStateException(training[0].errorProperty().get());
                }
            }).get();
            done.await();
            // the final model is sampled at the scene's full settings: let it end before the threads go
            while (ui.submit(() -> scene.activity().busyProperty().get()).get()) {
                Thread.sleep(50);
            }
            return ui.submit(() -> {
                List<LiveSample> samples = training[0].liveSamples();
                for (int i = 1; i < samples.size(); i++) {
                    gaps.add(samples.get(i).trainingSeconds() - samples.get(i - 1).trainingSeconds());
                }
                TrainingResult r = training[0].resultProperty().get();
                if (!samples.isEmpty() && r != null) {
                    waits.add(((end[0] - start[0]) / 1e9 - r.seconds()) / samples.size());
                }
                return rate(r, end[0] - start[0]);
            }).get();
        } finally {
            ui.shutdownNow();
            ui.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Steps per second of wall time. */
    private static double rate(TrainingResult r, long nanos) {
        if (r == null) {
            throw new IllegalStateException("the training run did not finish");
        }
        return r.steps() / (nanos / 1e9);
    }

    private static double median(double[] values) {
        return Range.of(values).median();
    }
}
