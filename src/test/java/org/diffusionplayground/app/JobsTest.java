package org.diffusionplayground.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The background jobs without a toolkit: the test thread plays the UI thread and runs what the jobs
 * hand back through a queue, so every callback is seen in the order the UI would see it.
 */
class JobsTest {

    private final BlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    private final Jobs jobs = new Jobs(uiQueue::add, 2);

    @AfterEach
    void close() {
        jobs.close();
    }

    /** Runs UI work as it arrives until {@code done} holds. */
    private void runUiUntil(BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            Runnable r = uiQueue.poll(30, TimeUnit.SECONDS);
            assertNotNull(r, "no callback arrived");
            r.run();
        }
    }

    /** Records what a listener hears. */
    private static final class Heard<T> implements Jobs.Listener<T> {
        final List<String> events = new ArrayList<>();

        @Override
        public void progress(double fraction, String message) {
            events.add("progress " + message);
        }

        @Override
        public void succeeded(T result) {
            events.add("succeeded " + result);
        }

        @Override
        public void failed(Throwable error) {
            events.add("failed " + Jobs.message(error));
        }

        @Override
        public void cancelled() {
            events.add("cancelled");
        }
    }

    @Test
    void aJobDeliversItsResultOnTheUiExecutor() throws Exception {
        Heard<Integer> heard = new Heard<>();
        Jobs.Job job = jobs.start((progress, cancel) -> 6 * 7, heard);
        runUiUntil(job::isDone);
        assertEquals(List.of("succeeded 42"), heard.events);
    }

    @Test
    void workAskedForAfterTheAppClosedIsCancelledQuietly() {
        jobs.close();
        Heard<Integer> heard = new Heard<>();
        // an event queued before the window closed may still ask for a run: it must not throw on the UI thread
        Jobs.Job job = jobs.latest().start((progress, cancel) -> 1, heard);
        assertTrue(job.isCancelled());
        assertEquals(List.of(), heard.events);
        assertTrue(uiQueue.isEmpty());
    }

    @Test
    void theNewestRunWinsAndTheRunItReplacedIsNeverHeardFrom() throws Exception {
        Jobs.Latest latest = jobs.latest();
        CountDownLatch replaced = new CountDownLatch(1);
        Heard<String> old = new Heard<>();
        // the old run ignores its cancellation and fails late: a stale failure must not reach the screen
        Jobs.Job first = latest.start((progress, cancel) -> {
            replaced.await();
            progress.progress(0.5, "old progress");
            throw new IllegalStateException("old inputs");
        }, old);
        Heard<String> fresh = new Heard<>();
        Jobs.Job second = latest.start((progress, cancel) -> {
            replaced.countDown();
            return "new";
        }, fresh);
        assertTrue(first.isCancelled(), "starting a run cancels the one before");
        runUiUntil(() -> first.isDone() && second.isDone());
        assertEquals(List.of(), old.events);
        assertEquals(List.of("succeeded new"), fresh.events);
        assertFalse(latest.isRunning());
    }

    @Test
    void cancellingSilencesTheRunAndSaysWhetherOneWasGoing() throws Exception {
        Jobs.Latest latest = jobs.latest();
        assertFalse(latest.cancel(), "nothing to cancel");
        CountDownLatch cancelled = new CountDownLatch(1);
        Heard<String> heard = new Heard<>();
        Jobs.Job job = latest.start((progress, cancel) -> {
            cancelled.await();
            return "too late";
        }, heard);
        assertTrue(latest.isRunning());
        assertTrue(latest.cancel());
        cancelled.countDown();
        runUiUntil(job::isDone);
        assertEquals(List.of(), heard.events);
        assertFalse(latest.isRunning());
    }

    @Test
    void aFailureOfTheNewestRunIsReportedInWords() throws Exception {
        Jobs.Latest latest = jobs.latest();
        Heard<String> heard = new Heard<>();
        Jobs.Job job = latest.start((progress, cancel) -> {
            throw new java.io.IOException("disk full");
        }, heard);
        runUiUntil(job::isDone);
        assertEquals(List.of("failed disk full"), heard.events);
    }
}
