package org.diffusionplayground.model.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The named step schedules place their steps evenly in their own variable (docs/MATH.md §3.2). */
class TimeGridTest {

    @ParameterizedTest
    @EnumSource(ScheduleKind.class)
    void everyScheduleSpacesItsStepsEvenlyInItsOwnVariable(ScheduleKind kind) {
        Schedule s = ScheduleSpec.of(kind).build();
        int steps = 50;
        TimeGrid t = TimeGrid.of(StepSchedule.UNIFORM_T, s, steps);
        TimeGrid l = TimeGrid.of(StepSchedule.UNIFORM_LOG_SNR, s, steps);
        TimeGrid k = TimeGrid.of(StepSchedule.KARRAS, s, steps);
        for (TimeGrid g : new TimeGrid[] {t, l, k}) {
            assertEquals(s.tMax(), g.start(), 0.0);
            assertEquals(s.tMin(), g.end(), 0.0);
            assertEquals(steps, g.steps());
        }
        double dt = (s.tMin() - s.tMax()) / steps;
        double dl = (TimeGrid.logSnr(s, s.tMin()) - TimeGrid.logSnr(s, s.tMax())) / steps;
        double inv = 1 / StepSchedule.KARRAS_RHO;
        double dr = (Math.exp(-inv * TimeGrid.logSnr(s, s.tMin())) - Math.exp(-inv * TimeGrid.logSnr(s, s.tMax())))
                / steps;
        for (int i = 0; i < steps; i++) {
            assertEquals(dt, t.time(i + 1) - t.time(i), 1e-12);
            assertEquals(dl, TimeGrid.logSnr(s, l.time(i + 1)) - TimeGrid.logSnr(s, l.time(i)), 1e-9 * Math.abs(dl));
            // σ̃^{1/ρ} = e^{−ℓ/ρ} is linear in k (Karras et al. 2022, eq. 5)
            assertEquals(dr, Math.exp(-inv * TimeGrid.logSnr(s, k.time(i + 1)))
                    - Math.exp(-inv * TimeGrid.logSnr(s, k.time(i))), 1e-9 * Math.abs(dr));
        }
    }

    @ParameterizedTest
    @EnumSource(StepSchedule.class)
    void aGridLaunchedBelowTStartsThereAndBadRequestsAreRefusedInWords(StepSchedule spacing) {
        Schedule s = ScheduleSpec.of(ScheduleKind.COSINE).build();
        TimeGrid g = TimeGrid.of(spacing, s, 0.4, 30);
        assertEquals(0.4, g.start(), 0.0);
        assertEquals(s.tMin(), g.end(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(spacing, s, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(spacing, s, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> TimeGrid.of(spacing, s, 2.0, 10));
    }
}
