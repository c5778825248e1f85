package org.diffusionplayground.preset;

import java.nio.file.Path;
import java.util.Locale;
import org.diffusionplayground.model.checkpoint.Checkpoint;
import org.diffusionplayground.model.checkpoint.CheckpointException;
import org.diffusionplayground.model.checkpoint.CheckpointIO;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.ConditionalScore;
import org.diffusionplayground.model.score.Guidance;
import org.diffusionplayground.model.score.NetworkScore;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.preset.Preset.Model;
import org.diffusionplayground.preset.Preset.ModelSource;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.render.ThemeColours;
import org.diffusionplayground.scene.SamplerSettings;
import org.diffusionplayground.scene.SceneComposer;
import org.diffusionplayground.scene.SceneState;
import org.diffusionplayground.scene.ViewOptions;

/**
 * Between a preset and a scene: {@link #load} makes a preset concrete (generates or reads the data,
 * builds the schedules, loads the checkpoints through {@link CheckpointReference}'s rules), and
 * {@link #capture} writes a scene back into a preset. The parts of a preset a {@link SceneState} does not
 * hold (title, training settings, theme, export settings, ...) come from the preset given to capture, so
 * load → capture returns the preset it started from.
 */
public final class PresetScene {

    private PresetScene() {
    }

    /**
     * A preset made concrete.
     *
     * @param checkpoint        the loaded model of the first pane (null for an exact score or none)
     * @param compareCheckpoint the split view's own model, when it has one
     */
    public record Loaded(Preset preset, SceneState state, Checkpoint checkpoint, Checkpoint compareCheckpoint) {
    }

    /** Loads the data, schedules and models a (complete, valid) preset names. */
    public static Loaded load(Preset p, PresetContext context) throws PresetException {
        DataSet data = data(p.data());
        Schedule schedule = schedule(p.schedule());
        Checkpoint checkpoint = checkpoint(p.model(), schedule, "model", context);
        ScoreModel score = score(p.model(), checkpoint, data, schedule);
        Preset.Split split = p.split();
        Schedule compareSchedule = split.schedule() == null ? null : schedule(split.schedule());
        Schedule compareEffective = compareSchedule != null ? compareSchedule : schedule;
        Checkpoint compareCheckpoint = null;
        ScoreModel compareScore = null;
        if (split.model() != null) {
            compareCheckpoint = checkpoint(split.model(), compareEffective, "split.model", context);
            compareScore = score(split.model(), compareCheckpoint, data, compareEffective);
        } else if (compareSchedule != null && score != null) {
            throw new PresetException("split.schedule differs from the first pane's but split.model is missing: a "
                    + "score belongs to one schedule, so give the second pane its own model");
        }
        Preset.Sampler s = p.sampler();
        Preset.View v = p.view();
        Guidance guidance = s.label() == null ? Guidance.NONE : Guidance.of(s.label(), s.guidance());
        if (guidance.conditional()
                && !(score instanceof ConditionalScore c && guidance.label() < c.classes())) {
            throw new PresetException("sampler.label " + s.label() + ": the preset's model has no such class (only a "
                    + "model trained conditional on labels has classes)");
        }
        SceneState state = new SceneState(data, schedule, score,
                new SamplerSettings(s.h(), s.particles(), s.steps(), s.seed(), s.solver(), s.corrector(), guidance),
                split.enabled(), split.h(), compareSchedule, compareScore, p.animation().mode(), p.animation().time(),
                new ViewOptions(v.showData(), v.showTrails(), v.showField(), v.showExactField(), v.showAxes(),
                        v.showLegend(), v.centreX(), v.centreY(), v.halfSize()));
        return new Loaded(p, state, checkpoint, compareCheckpoint);
    }

    /** Reads a preset file and loads it, relative to its own folder. */
    public static Loaded load(Path presetFile) throws PresetException {
        return load(PresetIO.read(presetFile), PresetContext.of(presetFile));
    }

    static DataSet data(Preset.Data d) throws PresetException {
        try {
            if (d.builtIn() != null) {
                return DataSet.builtIn(d.builtIn().kind(), d.builtIn().size(), d.builtIn().seed());
            }
            double[][] xy = d.points().xy();
            double[] flat = new double[2 * xy.length];
            for (int i = 0; i < xy.length; i++) {
                flat[2 * i] = xy[i][0];
                flat[2 * i + 1] = xy[i][1];
            }
            PointSet points = PointSet.of(flat);
            int[] labels = d.points().labels();
            if (labels != null) {
                points = points.withLabels(labels, java.util.Arrays.stream(labels).max().orElse(0) + 1);
            }
            return DataSet.of(d.points().origin() == Preset.Origin.IMPORTED
                    ? new DataSource.Imported(d.points().name(), points) : new DataSource.Drawn(points));
        } catch (IllegalArgumentException e) {
            throw new PresetException("data: " + e.getMessage(), e);
        }
    }

    static Schedule schedule(Preset.Schedule s) throws PresetException {
        try {
            return new ScheduleSpec(s.kind(), s.sigmaMax()).build();
        } catch (IllegalArgumentException e) {
            throw new PresetException("schedule: " + e.getMessage(), e);
        }
    }

    private static Checkpoint checkpoint(Model m, Schedule schedule, String field, PresetContext context)
            throws PresetException {
        if (m.source() != ModelSource.CHECKPOINT) {
            return null;
        }
        Path base = CheckpointReference.resolve(m.checkpoint(), context.presetDir(), context.assets());
        Checkpoint cp;
        try {
            cp = CheckpointIO.load(base);
        } catch (CheckpointException e) {
            throw new PresetException(field + ".checkpoint \"" + m.checkpoint() + "\": " + e.getMessage(), e);
        }
        if (!cp.schedule().equals(schedule.spec())) {
            throw new PresetException(String.format(Locale.ROOT,
                    "%s.checkpoint \"%s\" was trained for the %s schedule, but the preset's is %s", field,
                    m.checkpoint(), cp.schedule().kind(), schedule.spec().kind()));
        }
        return cp;
    }

    private static ScoreModel score(Model m, Checkpoint cp, DataSet data, Schedule schedule) {
        return switch (m.source()) {
            case CHECKPOINT -> new NetworkScore(cp.network(), schedule);
            case EXACT -> SceneComposer.exactScoreOf(data, schedule);
            case NONE -> null;
        };
    }

    /**
     * The scene {@code s} as a preset: data, schedules, sampler, split, mode, time and view from the scene;
     * the models as the caller names them (it knows where they are saved); everything else from
     * {@code base}.
     */
    public static Preset capture(Preset base, SceneState s, Model model, Model compareModel) {
        Preset.Data data = base.data();
        if (s.data() != null) {
            data = data(s.data());
        }
        Preset.Schedule schedule = s.schedule() != null ? schedule(s.schedule().spec()) : base.schedule();
        Preset.Split split = new Preset.Split(s.split(), s.compareH(),
                s.compareSchedule() == null ? null : schedule(s.compareSchedule().spec()), compareModel);
        SamplerSettings set = s.sampler();
        Preset.Sampler sampler = new Preset.Sampler(set.h(), set.particles(), set.steps(), set.seed(), set.solver(),
                set.corrector(), set.guidance().conditional() ? set.guidance().label() : null,
                set.guidance().conditional() ? set.guidance().scale() : null);
        Preset.Animation a = base.animation();
        Preset.Animation animation = new Preset.Animation(s.mode(), s.time(), a.playing(), a.loop(), a.sweepSeconds());
        Preset.View v = base.view();
        ViewOptions o = s.view();
        Preset.View view = new Preset.View(o.showData(), o.showTrails(), o.showField(), o.showExactField(),
                o.showAxes(), o.showLegend(), o.centreX(), o.centreY(), o.halfSize(), v.theme(), v.lecture(),
                v.colours(), v.panels(), v.overlays());
        return new Preset(Preset.FORMAT, Preset.VERSION, base.title(), base.description(), data, schedule, model,
                base.training(), sampler, split, animation, view, base.export());
    }

    /** A data set as the preset's data section: generator parameters, or the points themselves. */
    public static Preset.Data data(DataSet d) {
        DataSource src = d.source();
        if (src instanceof DataSource.BuiltIn b) {
            return new Preset.Data(new Preset.BuiltIn(b.kind(), b.size(), b.seed()), null);
        }
        PointSet p = d.points();
        double[][] xy = new double[p.size()][];
        for (int i = 0; i < p.size(); i++) {
            xy[i] = new double[] {p.x(i), p.y(i)};
        }
        Preset.Origin origin = src instanceof DataSource.Imported ? Preset.Origin.IMPORTED : Preset.Origin.DRAWN;
        return new Preset.Data(null, new Preset.Points(d.name(), origin, xy, p.labelArray()));
    }

    /**
     * The theme a preset asks for, with its colours, at {@code sizeScale} times its size (an export at
     * 3840×2160 draws at twice the size of one at 1920×1080); lecture mode multiplies by
     * {@link Theme#LECTURE_SCALE}.
     */
    public static Theme theme(Preset.View v, double sizeScale) {
        Theme base = colours(v.colours()).applyTo(v.theme() == Preset.ThemeName.DARK ? Theme.DARK : Theme.LIGHT);
        double scale = (v.lecture() ? Theme.LECTURE_SCALE : 1) * sizeScale;
        return base.scaled(Math.max(0.5, Math.min(Theme.MAX_SCALE, scale)));
    }

    /** A preset's colours as theme overrides. */
    public static ThemeColours colours(Preset.Colours c) {
        return new ThemeColours(ThemeColours.parse(c.particles()), ThemeColours.parse(c.data()),
                ThemeColours.parse(c.trail()), ThemeColours.parse(c.accent()));
    }

    /** Theme overrides as a preset's colours. */
    public static Preset.Colours colours(ThemeColours c) {
        return new Preset.Colours(ThemeColours.hex(c.particles()), ThemeColours.hex(c.data()), ThemeColours.hex(c.trail()),
                ThemeColours.hex(c.accent()));
    }

    public static Preset.Schedule schedule(ScheduleSpec spec) {
        return new Preset.Schedule(spec.kind(), spec.sigmaMax());
    }
}
