package org.diffusionplayground.preset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.diffusionplayground.export.ImageFormat;
import org.diffusionplayground.export.VideoFormat;
import org.diffusionplayground.export.VideoKind;
import org.diffusionplayground.export.VideoSettings;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.MlpSpec;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.TrainingConfig;
import org.diffusionplayground.preset.Preset.Animation;
import org.diffusionplayground.preset.Preset.Colours;
import org.diffusionplayground.preset.Preset.Data;
import org.diffusionplayground.preset.Preset.Export;
import org.diffusionplayground.preset.Preset.Image;
import org.diffusionplayground.preset.Preset.Model;
import org.diffusionplayground.preset.Preset.ModelSource;
import org.diffusionplayground.preset.Preset.Sampler;
import org.diffusionplayground.preset.Preset.Schedule;
import org.diffusionplayground.preset.Preset.Split;
import org.diffusionplayground.preset.Preset.ThemeName;
import org.diffusionplayground.preset.Preset.Training;
import org.diffusionplayground.preset.Preset.Video;
import org.diffusionplayground.preset.Preset.View;
import org.diffusionplayground.scene.SamplerSettings;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SceneState;
import org.diffusionplayground.scene.ViewOptions;

/**
 * Fills what a preset leaves out with the app's defaults. Some defaults depend on other fields (the training
 * defaults on the schedule, the embedding size on its kind, the name of points on their origin), so they are
 * filled here in code rather than by merging a fixed default document.
 */
final class PresetDefaults {

    private PresetDefaults() {
    }


    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** Fills every field left out with the app's default; structural problems go to {@code problems}. */
    static Preset complete(Preset p, List<String> problems) {
        Data data = p.data();
        if (data == null) {
            problems.add("data: missing; give \"builtIn\": {\"kind\": ...} or \"points\": {\"xy\": [[x, y], ...]}");
        } else if ((data.builtIn() == null) == (data.points() == null)) {
            problems.add("data: give exactly one of \"builtIn\" and \"points\"");
        } else if (data.builtIn() != null) {
            Preset.BuiltIn b = data.builtIn();
            if (b.kind() == null) {
                problems.add("data.builtIn.kind: missing (one of " + enumNames(
                        org.diffusionplayground.model.data.ToyData.class) + ")");
            }
            data = new Data(new Preset.BuiltIn(b.kind(), or(b.size(), 3000), or(b.seed(), 0L)), null);
        } else {
            Preset.Points pts = data.points();
            if (pts.xy() == null) {
                problems.add("data.points.xy: missing; give the points as [[x, y], ...]");
            }
            Preset.Origin origin = or(pts.origin(), Preset.Origin.DRAWN);
            data = new Data(null, new Preset.Points(or(pts.name(), origin == Preset.Origin.DRAWN ? PresetIO.DRAWN_NAME
                    : "Imported data"), origin, pts.xy(), pts.labels()));
        }
        Schedule schedule = completeSchedule(p.schedule(), new Schedule(ScheduleKind.SIMPLE, null));
        ScheduleSpec spec = spec(schedule, "schedule", problems);
        Model model = completeModel(p.model(), "model", problems);
        TrainingConfig defaults = TrainingConfig.defaults(spec != null ? spec : ScheduleSpec.of(ScheduleKind.SIMPLE));
        Training training = completeTraining(p.training(), defaults);
        SamplerSettings sd = SamplerSettings.DEFAULT;
        Sampler s = or(p.sampler(), new Sampler(null, null, null, null, null, null));
        Sampler sampler = new Sampler(or(s.h(), sd.h()), or(s.particles(), sd.particles()), or(s.steps(), sd.steps()),
                or(s.seed(), sd.seed()), or(s.solver(), sd.solver()), or(s.corrector(), sd.corrector()), s.label(),
                s.label() == null ? s.guidance() : or(s.guidance(), 0.0));
        Split sp = or(p.split(), new Split(null, null, null, null));
        Split split = new Split(or(sp.enabled(), false), or(sp.h(), SamplerSettings.DEFAULT_COMPARE_H),
                sp.schedule() == null ? null : completeSchedule(sp.schedule(), schedule),
                sp.model() == null ? null : completeModel(sp.model(), "split.model", problems));
        if (split.schedule() != null) {
            spec(split.schedule(), "split.schedule", problems);
        }
        Animation a = or(p.animation(), new Animation(null, null, null, null, null));
        SceneMode mode = or(a.mode(), SceneMode.BACKWARD);
        double defaultTime = spec == null ? 1.0 : mode == SceneMode.FORWARD ? spec.build().tMin() : spec.build().tMax();
        Animation animation = new Animation(mode, or(a.time(), defaultTime), or(a.playing(), true), or(a.loop(), true),
                or(a.sweepSeconds(), SceneState.DEFAULT_SWEEP_SECONDS));
        View v = or(p.view(), new View(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null));
        ViewOptions vd = ViewOptions.DEFAULT;
        Colours c = upper(or(v.colours(), new Colours(null, null, null, null)));
        View view = new View(or(v.showData(), vd.showData()), or(v.showTrails(), vd.showTrails()),
                or(v.showField(), vd.showField()), or(v.showExactField(), vd.showExactField()),
                or(v.showAxes(), vd.showAxes()), or(v.showLegend(), vd.showLegend()), or(v.centreX(), vd.centreX()),
                or(v.centreY(), vd.centreY()), or(v.halfSize(), vd.halfSize()), or(v.theme(), ThemeName.LIGHT),
                or(v.lecture(), false), c, copy(or(v.panels(), List.of())), copy(or(v.overlays(), List.of())));
        Export e = or(p.export(), new Export(null, null));
        Image i = or(e.image(), new Image(null, null, null, null));
        Image image = new Image(or(i.width(), 1920), or(i.height(), 1080), or(i.transparent(), false),
                or(i.format(), ImageFormat.PNG));
        Video vi = or(e.video(), new Video(null, null, null, null, null, null, null, null));
        Video video = new Video(or(vi.kind(), VideoKind.BACKWARD), or(vi.width(), 1920), or(vi.height(), 1080),
                or(vi.fps(), 30), or(vi.seconds(), 6.0), or(vi.hFrom(), VideoSettings.SWEEP_FROM),
                or(vi.hTo(), VideoSettings.SWEEP_TO), or(vi.format(), VideoFormat.MP4));
        return new Preset(Preset.FORMAT, Preset.VERSION, or(p.title(), "Untitled scene"), or(p.description(), ""),
                data, schedule, model, training, sampler, split, animation, view, new Export(image, video));
    }

    /** An unmodifiable copy that keeps null entries, so the range checks can name them. */
    private static <T> List<T> copy(List<T> list) {
        return java.util.Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Colours are written "#RRGGBB" in upper case, so a saved preset reads back the same. */
    private static Colours upper(Colours c) {
        java.util.function.UnaryOperator<String> u = s -> s == null ? null : s.toUpperCase(Locale.ROOT);
        return new Colours(u.apply(c.particles()), u.apply(c.data()), u.apply(c.trail()), u.apply(c.accent()));
    }

    private static Schedule completeSchedule(Schedule s, Schedule fallback) {
        Schedule in = or(s, fallback);
        return new Schedule(or(in.kind(), fallback.kind()), or(in.sigmaMax(), ScheduleSpec.DEFAULT_SIGMA_MAX));
    }

    private static Model completeModel(Model m, String field, List<String> problems) {
        if (m == null) {
            return new Model(ModelSource.NONE, null);
        }
        ModelSource source = or(m.source(), m.checkpoint() != null ? ModelSource.CHECKPOINT : ModelSource.NONE);
        if (source == ModelSource.CHECKPOINT && m.checkpoint() == null) {
            problems.add(field + ".checkpoint: missing (source CHECKPOINT needs \"asset:NAME\" or a path inside the "
                    + "preset's folder)");
        }
        if (source != ModelSource.CHECKPOINT && m.checkpoint() != null) {
            problems.add(field + ".checkpoint: only a CHECKPOINT source has a checkpoint (source is " + source + ")");
        }
        return new Model(source, m.checkpoint());
    }

    private static Training completeTraining(Training t, TrainingConfig d) {
        Training in = or(t, new Training(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null));
        MlpSpec n = d.network();
        TimeEmbedding.Kind emb = or(in.embedding(), n.embedding().kind());
        int embDim = or(in.embeddingDim(), emb == n.embedding().kind() ? n.embedding().dim()
                : emb == TimeEmbedding.Kind.RAW ? 1 : 32);
        return new Training(or(in.width(), n.width()), or(in.depth(), n.depth()), or(in.activation(), n.activation()),
                emb, embDim, or(in.target(), n.target()), or(in.weighting(), d.weighting()),
                or(in.timeSampling(), d.timeSampling()), or(in.batching(), d.batching()),
                or(in.batchSize(), d.batchSize()), or(in.steps(), d.steps()), or(in.learningRate(), d.learningRate()),
                or(in.beta1(), d.beta1()), or(in.beta2(), d.beta2()), or(in.adamEps(), d.adamEps()),
                or(in.clipNorm(), d.clipNorm()), or(in.emaDecay(), d.emaDecay()), or(in.seed(), d.seed()),
                or(in.objective(), d.objective()));
    }

    private static String enumNames(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    static ScheduleSpec spec(Schedule s, String field, List<String> problems) {
        try {
            return new ScheduleSpec(s.kind(), s.sigmaMax());
        } catch (IllegalArgumentException e) {
            problems.add(field + ": " + e.getMessage());
            return null;
        }
    }
}
