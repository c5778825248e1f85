package org.diffusionplayground.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.junit.jupiter.api.Test;

/** The sweep's pace: log-SNR against its closed form, the inverse, and where a video's frames fall. */
class SweepClockTest {

    @Test
    void logSnrPaceHitsTheClosedFormOfEverySchedule() {
        SweepClock c = SweepClock.DEFAULT;
        for (ScheduleKind kind : ScheduleKind.values()) {
            Schedule s = ScheduleSpec.of(kind).build();
            double from = s.tMax();
            double to = s.tMin();
            for (double u : new double[] {0.1, 0.37, 0.5, 0.9}) {
                double t = c.time(s, from, to, u);
                double expected = SweepClock.logSnr(s, from) + u * (SweepClock.logSnr(s, to) - SweepClock.logSnr(s, from));
                // λ = log(α²/σ²) recomputed from the schedule's α and σ, not through logSnr
                double lambda = Math.log(s.alpha(t) * s.alpha(t) / (s.sigma(t) * s.sigma(t)));
                assertEquals(expected, lambda, 1e-9, kind + " at u = " + u);
                assertEquals(u, c.fraction(s, from, to, t), 1e-9, kind + ": fraction inverts time");
            }
        }
    }

    @Test
    void uniformTimeIsAStraightLineAndTheEndsAreExact() {
        Schedule s = ScheduleSpec.of(ScheduleKind.SIMPLE).build();
        SweepClock c = SweepClock.DEFAULT.withPacing(SweepClock.Pacing.TIME);
        assertEquals(0.5 * (s.tMin() + s.tMax()), c.time(s, s.tMax(), s.tMin(), 0.5), 1e-15);
        assertEquals(s.tMax(), SweepClock.DEFAULT.time(s, s.tMax(), s.tMin(), 0));
        assertEquals(s.tMin(), SweepClock.DEFAULT.time(s, s.tMax(), s.tMin(), 1));
    }

    @Test
    void aVideoHoldsItsLastFrameForTheHoldButAtMostAQuarterOfIt() {
        SweepClock c = SweepClock.DEFAULT; // 1.5 s
        int fps = 30;
        int frames = 240; // 8 s: 45 held frames, the sweep in the 195 before
        assertEquals(0, c.videoFraction(0, frames, fps));
        assertEquals(1, c.videoFraction(194, frames, fps), 1e-15);
        assertTrue(c.videoFraction(193, frames, fps) < 1);
        for (int k = 194; k < frames; k++) {
            assertEquals(1, c.videoFraction(k, frames, fps), "frame " + k + " is held");
        }
        int shortClip = 20; // 2 s at 10 fps: 15 frames of hold would be most of it; 5 are, after the sweep's 15
        assertTrue(c.videoFraction(13, shortClip, 10) < 1);
        assertEquals(1, c.videoFraction(14, shortClip, 10));
        assertEquals(1, c.withHold(0).videoFraction(frames - 1, frames, fps));
        assertTrue(c.withHold(0).videoFraction(frames - 2, frames, fps) < 1);
    }

    @Test
    void badValuesAreRefusedInWords() {
        String m = assertThrows(IllegalArgumentException.class, () -> SweepClock.DEFAULT.withHold(-1)).getMessage();
        assertTrue(m.contains("between 0 and"), m);
    }
}
