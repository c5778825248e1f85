package org.diffusionplayground.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TrainingJobTest {

    private static final PointSet DATA = ToyData.TWO_MOONS.generate(1000, 3);

    private static TrainingConfig tiny(long steps) {
        return TrainingConfig.defaults(ScheduleSpec.of(ScheduleKind.SIMPLE)).toBuilder()
                .network(new MlpSpec(16, 2, Activation.SILU, TimeEmbedding.sinusoidal(8), Target.EPSILON))
                .batchSize(64).steps(steps).learningRate(1e-3).seed(9).build();
    }

    /** Records everything a job reports. */
    static final class Recorder implements TrainingListener {
        final List<String> warnings = new CopyOnWriteArrayList<>();
        final List<TrainingProgress> progress = new CopyOnWriteArrayList<>();
        final List<ModelSnapshot> snapshots = new CopyOnWriteArrayList<>();
        final List<TrainingJob.State> states = new CopyOnWriteArrayList<>();
        final AtomicReference<TrainingResult> finished = new AtomicReference<>();
        final AtomicReference<TrainingResult> cancelled = new AtomicReference<>();
        final AtomicReference<String> failed = new AtomicReference<>();
        final AtomicLong lastStep = new AtomicLong();
        final CountDownLatch paused = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        private final Object stepped = new Object();

        /** Waits until a step after {@code step} has been reported. */
        void awaitStepAfter(long step) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            synchronized (stepped) {
                while (lastStep.get() <= step) {
                    long left = deadline - System.nanoTime();
                    assertTrue(left > 0, "no step after " + step + " was reported");
                    TimeUnit.NANOSECONDS.timedWait(stepped, left);
                }
            }
        }

        @Override
        public void onStateChanged(TrainingJob.State state) {
            states.add(state);
            if (state == TrainingJob.State.PAUSED) {
                paused.countDown();
            }
        }

        @Override
        public void onProgress(TrainingProgress p) {
            progress.add(p);
            lastStep.set(p.step());
            synchronized (stepped) {
                stepped.notifyAll();
            }
        }

        @Override
        public void onSnapshot(ModelSnapshot s) {
            snapshots.add(s);
        }

        @Override
        public void onWarning(String message) {
            warnings.add(message);
        }

        @Override
        public void onFinished(TrainingResult result) {
            finished.set(result);
            ended.countDown();
        }

        @Override
        public void onFailed(String message, Throwable cause) {
            failed.set(message);
            ended.countDown();
        }

        @Override
        public void onCancelled(TrainingResult partial) {
            cancelled.set(partial);
            ended.countDown();
        }
    }

    private static Recorder run(TrainingJob job) {
        Recorder r = new Recorder();
        job.addListener(r);
        job.run();
        return r;
    }

    @Test
    void finishedJobReportsProgressSnapshotsAndEmaResult() {
        TrainingJob job = new TrainingJob(tiny(300), DATA, JobOptions.defaults().withSnapshotEvery(100)
                .withProgressIntervalMillis(0));
        Recorder r = run(job);
        TrainingResult result = r.finished.get();
        assertNotNull(result, "failed: " + r.failed.get());
        assertEquals(300, result.steps());
        assertNotNull(result.ema());
        assertEquals(result.ema(), result.model());
        assertEquals(List.of(100L, 200L), r.snapshots.stream().map(ModelSnapshot::step).toList());
        // with decay 0.999 the EMA's horizon is 1 000 steps: before it the snapshots are the weights themselves
        assertTrue(r.snapshots.stream().noneMatch(ModelSnapshot::ema));
        TrainingProgress last = r.progress.get(r.progress.size() - 1);
        assertEquals(300, last.step());
        assertEquals(0, last.etaSeconds(), 1e-9);
        assertTrue(last.stepsPerSecond() > 0 && Double.isFinite(last.smoothedLoss()));
        assertEquals(TrainingJob.State.FINISHED, job.state());
    }

    @Test
    void snapshotsAreTheEmaOnceItHasAveragedOverItsHorizon() {
        TrainingConfig shortEma = tiny(300).toBuilder().emaDecay(0.99).build(); // horizon 100 steps
        Recorder r = run(new TrainingJob(shortEma, DATA, JobOptions.defaults().withSnapshotEvery(50)));
        assertNotNull(r.finished.get(), "failed: " + r.failed.get());
        assertEquals(List.of(50L, 100L, 150L, 200L, 250L), r.snapshots.stream().map(ModelSnapshot::step).toList());
        assertEquals(List.of(false, true, true, true, true), r.snapshots.stream().map(ModelSnapshot::ema).toList());
    }

    @Test
    void withTheEmaWarmupSnapshotsAreTheEmaFromTheStart() {
        // decay min(0.999, (1+n)/(10+n)) averages recent weights from step 1: no horizon to wait for
        TrainingConfig warm = tiny(300).toBuilder().optimiserSchedule(OptimiserSchedule.warmup(0)).build();
        Recorder r = run(new TrainingJob(warm, DATA, JobOptions.defaults().withSnapshotEvery(100)));
        assertNotNull(r.finished.get(), "failed: " + r.failed.get());
        assertEquals(List.of(true, true), r.snapshots.stream().map(ModelSnapshot::ema).toList());
    }

    @Test
    void aJobPacedByItsViewWaitsForEachSnapshotOutsideItsTrainingTime() {
        // no view answers: every snapshot waits the full 40 ms, which the job's own clock leaves out
        long waitMillis = 40;
        TrainingJob job = new TrainingJob(tiny(60), DATA, JobOptions.defaults().withSnapshotEvery(10)
                .withAwaitShownMillis(waitMillis));
        long start = System.nanoTime();
        Recorder r = run(job);
        double wall = (System.nanoTime() - start) / 1e9;
        TrainingResult result = r.finished.get();
        assertNotNull(result, "failed: " + r.failed.get());
        int waits = r.snapshots.size();
        assertEquals(5, waits);
        assertTrue(wall >= result.seconds() + waits * waitMillis / 1e3,
                "wall " + wall + " s, training " + result.seconds() + " s, " + waits + " waits");

        // a view that shows each snapshot at once: the job goes straight on
        TrainingJob answered = new TrainingJob(tiny(60), DATA, JobOptions.defaults().withSnapshotEvery(10)
                .withAwaitShownMillis(60_000));
        answered.addListener(new TrainingListener() {
            @Override
            public void onSnapshot(ModelSnapshot s) {
                answered.snapshotShown(s.step());
            }
        });
        Recorder quick = run(answered);
        assertNotNull(quick.finished.get(), "failed: " + quick.failed.get());
        assertEquals(5, quick.snapshots.size());
    }

    @Test
    void clockSnapshotsAreAtLeastTheIntervalApartInTrainingTimeAndStepsOnly() {
        long millis = 1;
        TrainingJob job = new TrainingJob(tiny(300), DATA, JobOptions.defaults().withSnapshotEvery(0)
                .withSnapshotIntervalMillis(millis));
        Recorder r = run(job);
        TrainingResult result = r.finished.get();
        assertNotNull(result, "failed: " + r.failed.get());
        // 300 steps of even the tiny network take far longer than a millisecond
        assertFalse(r.snapshots.isEmpty());
        for (int i = 0; i < r.snapshots.size(); i++) {
            ModelSnapshot s = r.snapshots.get(i);
            assertTrue(s.step() > 0 && s.step() < 300, "step " + s.step());
            assertTrue(s.trainingSeconds() <= result.seconds(), s.trainingSeconds() + " > " + result.seconds());
            if (i > 0) {
                ModelSnapshot before = r.snapshots.get(i - 1);
                assertTrue(s.step() > before.step());
                assertTrue(s.trainingSeconds() - before.trainingSeconds() >= millis / 1e3,
                        "snapshots " + before + " and " + s + " closer than the interval");
            }
        }
    }

    @Test
    void nanLossRollsBackToLastGoodWeightsAndHalvesTheLearningRate() {
        TrainingJob job = new TrainingJob(tiny(100), DATA, JobOptions.defaults().withKeepGoodEvery(20));
        java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
        // one-shot: after the rollback to step 40, step 57 is trained again and must then succeed
        job.setFaultInjector(step -> step == 57 && !fired.getAndSet(true));
        Recorder r = run(job);
        TrainingResult result = r.finished.get();
        assertNotNull(result, "failed: " + r.failed.get());
        assertEquals(1, r.warnings.stream().filter(w -> w.contains("rolled back")).count(), r.warnings.toString());
        String w = r.warnings.stream().filter(x -> x.contains("rolled back")).findFirst().orElseThrow();
        assertTrue(w.startsWith("step 57:"), w);
        assertTrue(w.contains("weights of step 40") && w.contains("5.00e-04"), w);
        assertEquals(5e-4, result.learningRate(), 1e-15);
        assertEquals(1, result.rollbacks());
        assertEquals(100, result.steps(), "the rolled-back steps are trained again");
    }

    @Test
    void persistentDivergenceFailsAfterFiveRollbacksInARow() {
        TrainingJob job = new TrainingJob(tiny(100), DATA, JobOptions.defaults().withKeepGoodEvery(10));
        job.setFaultInjector(step -> step > 25);
        Recorder r = run(job);
        assertNull(r.finished.get());
        assertEquals(5, r.warnings.stream().filter(w -> w.contains("rolled back")).count(), r.warnings.toString());
        assertTrue(r.failed.get().contains("diverged") && r.failed.get().contains("6 times in a row"),
                r.failed.get());
        assertEquals(TrainingJob.State.FAILED, job.state());
        // the learning rate halved at each rollback: 1e-3 / 2⁵
        assertTrue(r.warnings.get(r.warnings.size() - 1).contains("3.13e-05"), r.warnings.toString());
    }

    @Test
    void pauseStopsStepsResumeContinuesCancelEnds() throws Exception {
        TrainingJob job = new TrainingJob(tiny(TrainingConfig.MAX_STEPS), DATA,
                JobOptions.defaults().withProgressIntervalMillis(0));
        Recorder r = new Recorder();
        job.addListener(r);
        Thread thread = new Thread(job, "training-test");
        thread.start();
        r.awaitStepAfter(20);
        job.pause();
        assertTrue(r.paused.await(10, TimeUnit.SECONDS));
        long atPause = r.lastStep.get();
        // paused means parked on the pause condition, where no step can run
        while (thread.getState() != Thread.State.WAITING) {
            assertTrue(thread.isAlive(), "the training thread ended instead of pausing");
            Thread.onSpinWait();
        }
        assertEquals(atPause, r.lastStep.get(), "no steps while paused");
        assertEquals(TrainingJob.State.PAUSED, job.state());
        job.resume();
        r.awaitStepAfter(atPause + 20);
        job.cancel();
        assertTrue(r.ended.await(10, TimeUnit.SECONDS));
        thread.join(10_000);
        assertTrue(!thread.isAlive());
        TrainingResult partial = r.cancelled.get();
        assertNotNull(partial);
        assertTrue(partial.steps() > atPause + 20 && partial.steps() < TrainingConfig.MAX_STEPS);
        assertEquals(TrainingJob.State.CANCELLED, job.state());
        assertEquals(List.of(TrainingJob.State.RUNNING, TrainingJob.State.PAUSED, TrainingJob.State.RUNNING,
                TrainingJob.State.CANCELLED), r.states);
    }

    @Test
    void cancelWhilePausedEndsTheJob() throws Exception {
        TrainingJob job = new TrainingJob(tiny(TrainingConfig.MAX_STEPS), DATA, JobOptions.defaults());
        Recorder r = new Recorder();
        job.addListener(r);
        job.pause();
        Thread thread = new Thread(job, "training-test");
        thread.start();
        assertTrue(r.paused.await(10, TimeUnit.SECONDS));
        job.cancel();
        assertTrue(r.ended.await(10, TimeUnit.SECONDS));
        assertEquals(0, r.cancelled.get().steps());
        thread.join(10_000);
    }

    @Test
    void badConfigurationFailsWithTheUsersMessage() {
        TrainingConfig cfg = TrainingConfig.paper(ScheduleSpec.of(ScheduleKind.SIMPLE));
        Recorder r = run(new TrainingJob(cfg, DATA.slice(0, 100), JobOptions.defaults()));
        assertTrue(r.failed.get().startsWith("epoch batching needs at least one full batch"), r.failed.get());
    }
}
