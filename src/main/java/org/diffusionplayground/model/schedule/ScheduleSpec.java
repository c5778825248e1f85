package org.diffusionplayground.model.schedule;

/**
 * Everything needed to rebuild a schedule: its kind and, for {@link ScheduleKind#VE}, σ_max
 * (≈ the data's diameter). Immutable; this is what checkpoints and presets store.
 */
public record ScheduleSpec(ScheduleKind kind, double sigmaMax) {

    /** σ_max used for VE when nothing else is said: the diameter of standardised toy data. */
    public static final double DEFAULT_SIGMA_MAX = 8.0;

    public ScheduleSpec {
        if (kind == null) {
            throw new IllegalArgumentException("schedule kind is missing");
        }
        if (!(sigmaMax > VeSchedule.SIGMA_MIN) || !Double.isFinite(sigmaMax)) {
            throw new IllegalArgumentException(
                    "sigmaMax must be a finite number above σ_min = " + VeSchedule.SIGMA_MIN + ", got " + sigmaMax);
        }
    }

    public static ScheduleSpec of(ScheduleKind kind) {
        return new ScheduleSpec(kind, DEFAULT_SIGMA_MAX);
    }

    public Schedule build() {
        return switch (kind) {
            case SIMPLE -> new SimpleSchedule();
            case VP_LINEAR -> new VpLinearSchedule();
            case COSINE -> new CosineSchedule();
            case SUB_VP -> new SubVpSchedule();
            case VE -> new VeSchedule(sigmaMax);
            case LINEAR -> new LinearSchedule();
        };
    }
}
