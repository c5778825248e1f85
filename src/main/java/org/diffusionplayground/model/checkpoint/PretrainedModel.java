package org.diffusionplayground.model.checkpoint;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.diffusionplayground.model.assets.AssetNotFoundException;
import org.diffusionplayground.model.assets.BundledAssets;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;

/**
 * The checkpoints shipped in {@code assets/checkpoints/}: the swiss
 * roll and the 25 gaussians under the paper's two schedules, SIMPLE and COSINE, and a flow-matching swiss
 * roll on the LINEAR interpolant, each trained by the seeded command in {@code assets/README.md}. Their names, {@code <dataset>-<schedule>} with the CLI's
 * data-set names, are stable: presets and scripts refer to them.
 */
public enum PretrainedModel {
    SWISSROLL_SIMPLE("swissroll-simple", ToyData.SWISS_ROLL, ScheduleKind.SIMPLE),
    SWISSROLL_COSINE("swissroll-cosine", ToyData.SWISS_ROLL, ScheduleKind.COSINE),
    GAUSSIANS25_SIMPLE("25gaussians-simple", ToyData.GAUSSIANS_25, ScheduleKind.SIMPLE),
    GAUSSIANS25_COSINE("25gaussians-cosine", ToyData.GAUSSIANS_25, ScheduleKind.COSINE),
    /** Flow matching: a velocity network on the linear interpolant of rectified flow (MATH.md §1.1). */
    SWISSROLL_LINEAR("swissroll-linear", ToyData.SWISS_ROLL, ScheduleKind.LINEAR);

    /** The scene the app opens on. */
    public static final PretrainedModel DEFAULT = SWISSROLL_SIMPLE;
    /** Directory of the checkpoints inside {@code assets/}. */
    public static final String DIRECTORY = "checkpoints";

    private final String id;
    private final ToyData dataSet;
    private final ScheduleKind schedule;

    PretrainedModel(String id, ToyData dataSet, ScheduleKind schedule) {
        this.id = id;
        this.dataSet = dataSet;
        this.schedule = schedule;
    }

    /** The stable name, e.g. {@code swissroll-simple}: files {@code assets/checkpoints/<id>.{safetensors,json}}. */
    public String id() {
        return id;
    }

    public ToyData dataSet() {
        return dataSet;
    }

    public ScheduleKind schedule() {
        return schedule;
    }

    /** The path of the weights file relative to {@code assets/}. */
    public String assetPath() {
        return DIRECTORY + "/" + id + CheckpointIO.WEIGHTS_SUFFIX;
    }

    public String displayName() {
        return dataSet.displayName() + " · " + schedule;
    }

    /** The base path (without suffix) of this checkpoint's two files, wherever the assets are. */
    public Path locate() throws AssetNotFoundException {
        return CheckpointIO.baseOf(BundledAssets.locate(assetPath()));
    }

    /**
     * Loads and validates the checkpoint, and checks that it is what its name says (a renamed or
     * replaced file is reported rather than shown under the wrong label).
     */
    public Checkpoint load() throws CheckpointException {
        Path base;
        try {
            base = locate();
        } catch (AssetNotFoundException e) {
            throw new CheckpointException("the pretrained model " + id + " is missing: " + e.getMessage(), e);
        }
        Checkpoint cp = CheckpointIO.load(base);
        DataSource source = cp.dataSource();
        boolean dataMatches = source instanceof DataSource.BuiltIn b && b.kind() == dataSet;
        if (!dataMatches || cp.schedule().kind() != schedule) {
            throw new CheckpointException(String.format(Locale.ROOT,
                    "%s holds a model of %s under %s, not of %s under %s", base.getFileName(),
                    source == null ? "unknown data" : source.displayName(), cp.schedule().kind(),
                    dataSet.displayName(), schedule));
        }
        return cp;
    }

    /** The bundled model for a data set and schedule, if one is shipped. */
    public static Optional<PretrainedModel> of(ToyData dataSet, ScheduleKind schedule) {
        return Arrays.stream(values()).filter(m -> m.dataSet == dataSet && m.schedule == schedule).findFirst();
    }

    /** By stable name ({@code swissroll-simple}), case-insensitive. */
    public static Optional<PretrainedModel> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equalsIgnoreCase(id)).findFirst();
    }
}
