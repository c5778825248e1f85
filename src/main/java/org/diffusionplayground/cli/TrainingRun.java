package org.diffusionplayground.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.train.JobOptions;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.model.train.TrainingJob;
import org.diffusionplayground.model.train.TrainingListener;
import org.diffusionplayground.model.train.TrainingProgress;
import org.diffusionplayground.model.train.TrainingResult;

/**
 * A training run from the command line, shared by {@code train} and {@code table}: the job with a progress
 * line on stderr, Ctrl-C cancelling between two steps (nothing saved), and the atomic save of the result.
 */
final class TrainingRun {

    private TrainingRun() {
    }

    /**
     * Trains {@code config} on {@code dataSet} and saves the checkpoint at {@code base}; returns it, or null
     * when the run was cancelled (Ctrl-C) and nothing was saved. A failed run throws with the job's message.
     */
    static Checkpoint trainAndSave(TrainingConfig config, DataSet dataSet, Path base, PrintStream err, boolean quiet)
            throws CheckpointException {
        return trainAndSave(config, dataSet, base, err, quiet, 0, null);
    }

    /**
     * The same with snapshots every {@code snapshotEvery} steps (0 = none) handed to {@code observer} on the
     * training thread, which waits for it.
     */
    static Checkpoint trainAndSave(TrainingConfig config, DataSet dataSet, Path base, PrintStream err, boolean quiet,
            long snapshotEvery, TrainingListener observer) throws CheckpointException {
        return trainAndSave(config, dataSet, base, err, quiet, JobOptions.defaults().withSnapshotEvery(snapshotEvery),
                observer);
    }

    /** The same with the job's options given (tests make divergence fail sooner). */
    static Checkpoint trainAndSave(TrainingConfig config, DataSet dataSet, Path base, PrintStream err, boolean quiet,
            JobOptions options, TrainingListener observer) throws CheckpointException {
        CheckpointIO.checkWritable(base); // before the run: a model trained for an unwritable folder is lost
        err.println("training on " + dataSet.name() + " (" + dataSet.size() + " points): " + config.summary());
        String advice = org.diffusionplayground.model.train.Nd4jSetup.takeEnvironmentAdvice();
        if (!advice.isEmpty()) {
            err.println("note: " + advice);
        }
        ProgressLine line = new ProgressLine(err, System.console() != null);
        AtomicReference<TrainingResult> finished = new AtomicReference<>();
        AtomicReference<TrainingResult> cancelled = new AtomicReference<>();
        AtomicReference<String> failed = new AtomicReference<>();
        TrainingJob job = new TrainingJob(config, dataSet.points(), options);
        if (observer != null) {
            job.addListener(observer);
        }
        job.addListener(new TrainingListener() {
            @Override
            public void onProgress(TrainingProgress p) {
                if (!quiet) {
                    line.update(p);
                }
            }

            @Override
            public void onWarning(String message) {
                line.message("warning: " + message);
            }

            @Override
            public void onFinished(TrainingResult r) {
                finished.set(r);
            }

            @Override
            public void onCancelled(TrainingResult r) {
                cancelled.set(r);
            }

            @Override
            public void onFailed(String message, Throwable cause) {
                failed.set(message);
            }
        });
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            job.cancel();
            try {
                done.await(30, TimeUnit.SECONDS); // let a save in progress finish its atomic renames
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "playground-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            job.run();
            line.finish();
            if (cancelled.get() != null) {
                err.println("cancelled at step " + cancelled.get().steps() + "; nothing saved");
                return null;
            }
            if (failed.get() != null) {
                throw new IllegalStateException(failed.get());
            }
            TrainingResult result = finished.get();
            Checkpoint cp = Checkpoint.of(result, dataSet, PlaygroundCli.appVersion());
            Path written = CheckpointIO.save(base, cp);
            err.printf(Locale.ROOT, "saved %s and %s (%d steps, smoothed loss %.4g, %.1f s, %.0f steps/s)%n",
                    written, CheckpointIO.cardFile(base), result.steps(), result.finalLoss(), result.seconds(),
                    result.steps() / Math.max(1e-9, result.seconds()));
            return cp;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C: the hook is running and waits for `done`
            }
        }
    }
}
