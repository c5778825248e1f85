package org.diffusionplayground.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SweepClock;
import org.junit.jupiter.api.Test;

/** The scene's animation clock on plain properties, without a toolkit: sweeps, loops, stops and steps. */
class PlaybackClockTest {

    private final Schedule schedule = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
    private final DoubleProperty time = new SimpleDoubleProperty(schedule.tMax());
    private final ObjectProperty<SceneMode> mode = new SimpleObjectProperty<>(SceneMode.BACKWARD);
    private final IntegerProperty steps = new SimpleIntegerProperty(100);
    private final PlaybackClock clock = new PlaybackClock(time, mode, new SimpleObjectProperty<>(schedule), steps,
            new SimpleObjectProperty<SampledPaths>());

    private double span() {
        return schedule.tMax() - schedule.tMin();
    }

    @Test
    void aSweepTakesSweepSecondsInTheModesDirection() {
        clock.pacingProperty().set(SweepClock.Pacing.TIME);
        clock.sweepSecondsProperty().set(10);
        clock.playingProperty().set(true);
        clock.advance(2.5);
        assertEquals(schedule.tMax() - span() / 4, time.get(), 1e-12, "backward: a quarter of the sweep down");
        mode.set(SceneMode.FORWARD);
        clock.advance(2.5);
        assertEquals(schedule.tMax(), time.get(), 1e-12, "forward: back up");
    }

    @Test
    void pausedTheClockStandsStill() {
        clock.advance(1);
        assertEquals(schedule.tMax(), time.get());
    }

    @Test
    void atTheEndItLoopsOrStops() {
        clock.holdSecondsProperty().set(0);
        clock.sweepSecondsProperty().set(1);
        clock.playingProperty().set(true);
        clock.advance(1.5);
        assertEquals(schedule.tMax(), time.get(), "looping starts the sweep again");
        clock.loopProperty().set(false);
        clock.advance(1.5);
        assertEquals(schedule.tMin(), time.get(), "without looping it stops at t_min");
        assertFalse(clock.playingProperty().get());
        clock.togglePlaying();
        assertTrue(clock.playingProperty().get());
        assertEquals(schedule.tMax(), time.get(), "playing from the end starts the sweep again");
    }

    @Test
    void aStepIsOneSamplerStepAndStaysInRange() {
        clock.step(1);
        assertEquals(schedule.tMax() - span() / 100, time.get(), 1e-12);
        clock.step(-1);
        clock.step(-1);
        assertEquals(schedule.tMax(), time.get(), "stepping back past T stays at T");
        clock.rewind();
        assertEquals(schedule.tMax(), time.get());
        assertFalse(clock.playingProperty().get());
    }

    @Test
    void byDefaultTheSweepIsUniformInLogSnrSoTheStructureGetsItsShareOfTheTime() {
        assertEquals(SweepClock.DEFAULT, clock.clock());
        clock.sweepSecondsProperty().set(10);
        clock.playingProperty().set(true);
        double lambdaT = SweepClock.logSnr(schedule, schedule.tMax());
        double lambda0 = SweepClock.logSnr(schedule, schedule.tMin());
        for (int quarter = 1; quarter <= 3; quarter++) {
            clock.advance(2.5);
            assertEquals(lambdaT + quarter * (lambda0 - lambdaT) / 4, SweepClock.logSnr(schedule, time.get()), 1e-9,
                    "after " + quarter + " quarter(s) of the sweep, a quarter more of the log-SNR range");
        }
        // the last quarter of log-SNR is a small part of [t_min, T]: uniform in t it would flash by
        assertTrue(time.get() - schedule.tMin() < 0.25 * span(), "t = " + time.get());
    }

    @Test
    void theEndIsHeldBeforeTheSweepLoops() {
        clock.sweepSecondsProperty().set(1);
        clock.holdSecondsProperty().set(1.5);
        clock.playingProperty().set(true);
        clock.advance(1.0);
        assertEquals(schedule.tMin(), time.get(), "the sweep reached its end");
        clock.advance(0.5);
        clock.advance(0.5);
        assertEquals(schedule.tMin(), time.get(), "held for 1 s of the 1.5");
        clock.advance(0.6);
        assertEquals(schedule.tMax(), time.get(), "after the hold the loop starts again at T");
        clock.loopProperty().set(false);
        clock.advance(1.0);
        clock.advance(1.6);
        assertEquals(schedule.tMin(), time.get());
        assertFalse(clock.playingProperty().get(), "without a loop it stops after the hold, on the end");
    }
}
