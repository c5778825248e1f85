package org.diffusionplayground.preset;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.diffusionplayground.export.ImageExport;
import org.diffusionplayground.export.VideoFormat;
import org.diffusionplayground.export.VideoSettings;
import org.diffusionplayground.model.data.DataLimits;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.ScheduleSpec;
import org.diffusionplayground.model.score.Guidance;
import org.diffusionplayground.model.util.UserText;
import org.diffusionplayground.preset.Preset.Animation;
import org.diffusionplayground.preset.Preset.Colours;
import org.diffusionplayground.preset.Preset.Image;
import org.diffusionplayground.preset.Preset.Model;
import org.diffusionplayground.preset.Preset.ModelSource;
import org.diffusionplayground.preset.Preset.Sampler;
import org.diffusionplayground.preset.Preset.Schedule;
import org.diffusionplayground.preset.Preset.Video;
import org.diffusionplayground.preset.Preset.View;
import org.diffusionplayground.scene.SamplerSettings;
import org.diffusionplayground.scene.SceneState;

/** Range checks of a complete preset: each problem names its field and what is allowed. */
final class PresetValidation {

    private PresetValidation() {
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");

    private static void range(List<String> problems, String field, double v, double lo, double hi) {
        if (!Double.isFinite(v) || v < lo || v > hi) {
            problems.add(String.format(Locale.ROOT, "%s: must be a number between %s and %s, got %s", field, fmt(lo),
                    fmt(hi), Double.isFinite(v) ? fmt(v) : "a non-finite number"));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void text(List<String> problems, String field, String s, int max) {
        if (s.length() > max) {
            problems.add(field + ": at most " + max + " characters, got " + s.length());
        }
    }

    private static void names(List<String> problems, String field, List<String> names) {
        if (names.size() > 32) {
            problems.add(field + ": at most 32 names, got " + names.size());
        }
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (n == null || !NAME.matcher(n).matches()) {
                problems.add(field + "[" + i + "]: \"" + UserText.shown(n) + "\" is not a name (lower-case letters, digits and '-')");
            }
        }
    }

    /** Range checks of a complete preset. */
    static void validate(Preset p, List<String> problems) {
        text(problems, "title", p.title(), 200);
        text(problems, "description", p.description(), 4000);
        if (p.data().builtIn() != null) {
            range(problems, "data.builtIn.size", p.data().builtIn().size(), 1, DataLimits.MAX_POINTS);
        } else {
            double[][] xy = p.data().points().xy();
            text(problems, "data.points.name", p.data().points().name(), 200);
            if (p.data().points().origin() == Preset.Origin.DRAWN
                    && !PresetIO.DRAWN_NAME.equals(p.data().points().name())) {
                problems.add("data.points.name: drawn points are always called \"" + PresetIO.DRAWN_NAME + "\" (give origin "
                        + "IMPORTED to keep another name, e.g. a file's)");
            }
            if (xy.length < 2 || xy.length > DataLimits.MAX_POINTS) {
                problems.add("data.points.xy: between 2 and " + DataLimits.MAX_POINTS + " points, got " + xy.length);
            }
            for (int i = 0; i < xy.length && problems.size() < 20; i++) {
                if (xy[i] == null || xy[i].length != 2) {
                    problems.add("data.points.xy[" + i + "]: expected a pair [x, y]");
                } else if (!Double.isFinite(xy[i][0]) || !Double.isFinite(xy[i][1])) {
                    problems.add("data.points.xy[" + i + "]: coordinates must be finite numbers");
                } else if (Math.max(Math.abs(xy[i][0]), Math.abs(xy[i][1])) >= DataLimits.MAX_ABS_COORDINATE) {
                    problems.add("data.points.xy[" + i + "]: coordinates must stay below "
                            + DataLimits.MAX_ABS_COORDINATE + " in size (rescale the data)");
                }
            }
            int[] labels = p.data().points().labels();
            if (labels != null && labels.length != xy.length) {
                problems.add("data.points.labels: one label per point, got " + labels.length + " for " + xy.length
                        + " points");
            } else if (labels != null && java.util.Arrays.stream(labels).anyMatch(k -> k < 0
                    || k >= org.diffusionplayground.model.data.PointSet.MAX_CLASSES)) {
                problems.add("data.points.labels: class labels are whole numbers from 0 to "
                        + (org.diffusionplayground.model.data.PointSet.MAX_CLASSES - 1));
            }
        }
        checkModel(problems, "model", p.model());
        try {
            PresetIO.trainingConfig(p);
        } catch (IllegalArgumentException e) {
            problems.add("training: " + e.getMessage());
        }
        Sampler s = p.sampler();
        range(problems, "sampler.h", s.h(), 0, SamplerSettings.MAX_H);
        range(problems, "sampler.particles", s.particles(), 1, SamplerSettings.MAX_PARTICLES);
        range(problems, "sampler.steps", s.steps(), 1, TimeGrid.MAX_STEPS);
        if (s.label() != null) {
            range(problems, "sampler.label", s.label(), 0, org.diffusionplayground.model.data.PointSet.MAX_CLASSES - 1);
            range(problems, "sampler.guidance", s.guidance(), 0, Guidance.MAX_SCALE);
        } else if (s.guidance() != null) {
            problems.add("sampler.guidance: needs sampler.label, the class the guidance sharpens");
        }
        range(problems, "split.h", p.split().h(), 0, SamplerSettings.MAX_H);
        if (p.split().model() != null) {
            checkModel(problems, "split.model", p.split().model());
        }
        Animation a = p.animation();
        ScheduleSpec spec = new ScheduleSpec(p.schedule().kind(), p.schedule().sigmaMax());
        org.diffusionplayground.model.schedule.Schedule sch = spec.build();
        range(problems, "animation.time", a.time(), sch.tMin(), sch.tMax());
        range(problems, "animation.sweepSeconds", a.sweepSeconds(), SceneState.MIN_SWEEP_SECONDS,
                SceneState.MAX_SWEEP_SECONDS);
        View v = p.view();
        range(problems, "view.centreX", v.centreX(), -1e6, 1e6);
        range(problems, "view.centreY", v.centreY(), -1e6, 1e6);
        range(problems, "view.halfSize", v.halfSize(), 0.05, 200);
        Colours c = v.colours();
        String[][] colours = {{"particles", c.particles()}, {"data", c.data()}, {"trail", c.trail()},
            {"accent", c.accent()}};
        for (String[] colour : colours) {
            if (colour[1] != null && !HEX.matcher(colour[1]).matches()) {
                problems.add("view.colours." + colour[0] + ": \"" + UserText.shown(colour[1]) + "\" is not a colour \"#RRGGBB\"");
            }
        }
        names(problems, "view.panels", v.panels());
        names(problems, "view.overlays", v.overlays());
        Image i = p.export().image();
        String sizeProblem = ImageExport.checkSize(i.width(), i.height());
        if (sizeProblem != null) {
            problems.add("export.image: " + sizeProblem);
        }
        Video vi = p.export().video();
        String videoProblem = VideoSettings.problem(vi.kind(), vi.width(), vi.height(), vi.fps(), vi.seconds(),
                vi.hFrom(), vi.hTo());
        if (videoProblem != null) {
            problems.add("export.video: " + videoProblem);
        } else if (vi.format() == VideoFormat.GIF && vi.fps() > VideoFormat.MAX_GIF_FPS) {
            problems.add("export.video.fps: a GIF plays at most " + VideoFormat.MAX_GIF_FPS + " frames per second");
        }
    }

    private static void checkModel(List<String> problems, String field, Model m) {
        if (m.source() == ModelSource.CHECKPOINT && m.checkpoint() != null) {
            String problem = CheckpointReference.problem(m.checkpoint());
            if (problem != null) {
                problems.add(field + ".checkpoint " + problem);
            }
        }
    }
}
