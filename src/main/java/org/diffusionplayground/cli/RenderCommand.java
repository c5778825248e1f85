package org.diffusionplayground.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.diffusionplayground.export.Handout;
import org.diffusionplayground.export.ImageExport;
import org.diffusionplayground.export.ImageFormat;
import org.diffusionplayground.export.SceneFrames;
import org.diffusionplayground.export.VideoExport;
import org.diffusionplayground.export.VideoFormat;
import org.diffusionplayground.export.VideoKind;
import org.diffusionplayground.export.VideoSettings;
import org.diffusionplayground.model.reference.FokkerPlanckOptions;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;
import org.diffusionplayground.preset.Preset;
import org.diffusionplayground.preset.PresetContext;
import org.diffusionplayground.preset.PresetIO;
import org.diffusionplayground.preset.PresetScene;
import org.diffusionplayground.preset.lesson.Lesson;
import org.diffusionplayground.preset.lesson.LessonIO;
import org.diffusionplayground.preset.lesson.LessonStep;
import org.diffusionplayground.render.SceneFrame;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.DensityLayer;
import org.diffusionplayground.scene.SceneOverlays;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SceneState;
import org.diffusionplayground.scene.SweepClock;
import org.diffusionplayground.scene.lens.LensOverlays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playground render}: a preset to a picture (PNG, SVG, PDF) or a video (MP4, GIF), without a
 * display, through the same composition and drawing code as the window. Sizes, frame rate and duration
 * default to the preset's export settings. An existing output is replaced only with {@code --force};
 * Ctrl-C stops between frames and leaves no file.
 */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Render a preset to PNG, SVG or PDF (a still at the preset's time) or to MP4 or GIF (a video); "
                + "a lesson to a PDF handout or one video.",
        footer = {"", "Examples:",
            "  playground render --preset presets/forward-noising-swiss-roll.json --out swiss.mp4",
            "  playground render --preset presets/ode-versus-sde.json --out split.pdf --width 1600 --height 900",
            "  playground render --preset presets/noise-helps-h-sweep.json --out sweep.gif --width 640 --height 360 "
                    + "--fps 20 --seconds 4",
            "  playground render --lesson presets/lessons/what-h-does.json --out handout.pdf"})
public final class RenderCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--preset", paramLabel = "FILE", description = "the preset (JSON)")
    Path preset;

    @Option(names = "--lesson", paramLabel = "FILE", description = "a lesson (JSON) instead of a preset: to .pdf a "
            + "handout (a page per step, its caption under the picture), to .mp4 or .gif one video of all steps")
    Path lesson;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "output file; its extension chooses the format: png, svg, pdf, mp4, gif")
    Path out;

    @Option(names = "--width", paramLabel = "PX", description = "width in pixels (default: the preset's)")
    Integer width;

    @Option(names = "--height", paramLabel = "PX", description = "height in pixels (default: the preset's)")
    Integer height;

    @Option(names = "--fps", paramLabel = "N", description = "video frames per second (default: the preset's)")
    Integer fps;

    @Option(names = "--seconds", paramLabel = "S", description = "video duration (default: the preset's)")
    Double seconds;

    @Option(names = "--video", paramLabel = "KIND", converter = KindConverter.class,
            description = "what a video shows: forward, backward or sweep (𝔥 from 0 to 3; default: the preset's)")
    VideoKind kind;

    @Option(names = "--time", paramLabel = "T", description = "time of a still, in [t_min, T] (default: the preset's)")
    Double time;

    @Option(names = "--transparent", description = "PNG/SVG/PDF without a background (for slides with their own)")
    boolean transparent;

    @Option(names = "--scale", paramLabel = "X", description = "size of text, lines and dots relative to a 1080-pixel "
            + "high picture (default: height / 1080; lecture mode multiplies by 1.6)")
    Double scale;

    @Option(names = "--pace", paramLabel = "PACE", converter = PaceConverter.class,
            description = "what a video's sweep runs uniformly in: log-snr (default: the structure's forming gets "
                    + "its share of the time) or t")
    SweepClock.Pacing pace;

    @Option(names = "--hold", paramLabel = "S", description = "seconds the end of the sweep stays on screen "
            + "(default 1.5; at most a quarter of the video)")
    Double hold;

    @Option(names = "--force", description = "replace an existing output file")
    boolean force;

    @CommandLine.Mixin
    GuidanceOptions guidance;

    @Option(names = "--quiet", description = "no progress line")
    boolean quiet;

    /** picocli converter for the video kinds' short names. */
    static final class KindConverter implements CommandLine.ITypeConverter<VideoKind> {
        @Override
        public VideoKind convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "forward" -> VideoKind.FORWARD;
                case "backward" -> VideoKind.BACKWARD;
                case "sweep", "h-sweep" -> VideoKind.H_SWEEP;
                default -> throw new CommandLine.TypeConversionException("unknown video '" + value
                        + "' (choose forward, backward or sweep)");
            };
        }
    }

    /** picocli converter for the paces' short names. */
    static final class PaceConverter implements CommandLine.ITypeConverter<SweepClock.Pacing> {
        @Override
        public SweepClock.Pacing convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "log-snr", "logsnr", "snr" -> SweepClock.Pacing.LOG_SNR;
                case "t", "time" -> SweepClock.Pacing.TIME;
                default -> throw new CommandLine.TypeConversionException("unknown pace '" + value
                        + "' (choose log-snr or t)");
            };
        }
    }

    /** The sweep's clock of --pace and --hold (the window's defaults otherwise). */
    SweepClock clock() {
        try {
            SweepClock c = SweepClock.DEFAULT;
            return c.withPacing(pace != null ? pace : c.pacing()).withHold(hold != null ? hold : c.holdSeconds());
        } catch (IllegalArgumentException e) {
            throw usage("--hold: " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws Exception {
        ImageFormat imageFormat = ImageFormat.ofPath(out);
        VideoFormat videoFormat = VideoFormat.ofPath(out);
        if (imageFormat == null && videoFormat == null) {
            throw usage(out.getFileName() + ": the output must end in .png, .svg, .pdf, .mp4 or .gif");
        }
        if (videoFormat != null && transparent) {
            throw usage("--transparent applies to pictures; videos always have the theme's background");
        }
        AtomicFiles.Existing existing = force ? AtomicFiles.Existing.REPLACE : AtomicFiles.Existing.REFUSE;
        if (!force && Files.exists(out)) {
            throw usage(out + " exists; pass --force to replace it");
        }
        AtomicFiles.check(out, existing); // an unwritable folder is reported before any work
        if ((preset == null) == (lesson == null)) {
            throw usage("give either --preset FILE or --lesson FILE");
        }
        if (lesson != null && imageFormat != null && imageFormat != ImageFormat.PDF) {
            throw usage("a lesson renders to .pdf (a handout, a page per step) or to .mp4 or .gif (one video)");
        }
        if (lesson != null && time != null) {
            throw usage("--time applies to a preset; a lesson's steps show their own times");
        }
        Lesson lessonRead = lesson != null ? LessonIO.read(lesson) : null;
        Path presetFile = lesson != null ? lessonRead.step(0).presetFile() : preset;
        Preset p = lesson != null ? lessonRead.step(0).preset() : PresetIO.read(preset);
        SceneState state = lesson != null ? null : PresetScene.load(p, PresetContext.of(presetFile)).state();
        if (state != null && (guidance.label != null || guidance.scale != null)) {
            state = state.withSampler(state.sampler().withGuidance(guidance.resolve(state.score())));
        } else if (guidance.label != null || guidance.scale != null) {
            throw usage("--label and --guidance apply to a preset, not to a lesson");
        }
        PrintStream err = System.err;
        java.io.PrintWriter report = spec.commandLine().getErr();
        ProgressLine line = new ProgressLine(err, System.console() != null);
        ProgressListener progress = quiet ? ProgressListener.NONE
                : (f, m) -> line.update(String.format(Locale.ROOT, "%3.0f%%  %s", 100 * f, m), f >= 1);
        AtomicBoolean cancelled = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancelled.set(true);
            try {
                done.await(30, TimeUnit.SECONDS); // let the temporary file be removed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "playground-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        long start = System.nanoTime();
        try {
            if (lessonRead != null) {
                renderLesson(lessonRead, videoFormat != null, existing, progress, cancelled::get);
                line.finish();
                report.printf(Locale.ROOT, "wrote %s: the lesson \"%s\", %d steps, in %.1f s%n", out,
                        lessonRead.title(), lessonRead.size(), (System.nanoTime() - start) / 1e9);
            } else if (videoFormat != null) {
                Preset.Video v = p.export().video();
                VideoSettings settings;
                try {
                    settings = new VideoSettings(kind != null ? kind : v.kind(), width != null ? width : v.width(),
                            height != null ? height : v.height(), fps != null ? fps : v.fps(),
                            seconds != null ? seconds : v.seconds(), v.hFrom(), v.hTo(), clock());
                } catch (IllegalArgumentException e) {
                    throw usage(e.getMessage());
                }
                if (videoFormat == VideoFormat.GIF && settings.fps() > VideoFormat.MAX_GIF_FPS) {
                    throw usage("a GIF plays at most " + VideoFormat.MAX_GIF_FPS + " frames per second (--fps)");
                }
                Theme theme = theme(p, settings.height());
                SceneOverlays layers = overlays(state, p.view().overlays(), settings.kind() == VideoKind.H_SWEEP,
                        progress, cancelled::get);
                VideoExport.write(out, state, settings, theme, layers, existing, progress, cancelled::get);
                line.finish();
                report.printf(Locale.ROOT, "wrote %s: %s, %d frames of %d×%d at %d fps (%.1f s of video) in %.1f s%n", out,
                        settings.kind(), settings.frames(), settings.width(), settings.height(), settings.fps(),
                        settings.frames() / (double) settings.fps(), (System.nanoTime() - start) / 1e9);
            } else {
                Preset.Image img = p.export().image();
                int w = width != null ? width : img.width();
                int h = height != null ? height : img.height();
                String problem = ImageExport.checkSize(w, h);
                if (problem != null) {
                    throw usage(problem);
                }
                if (time != null) {
                    double t0 = state.scheduleOf(false).tMin();
                    double t1 = state.scheduleOf(false).tMax();
                    if (!(time >= t0 && time <= t1)) {
                        throw usage(String.format(Locale.ROOT, "--time must be in [%s, %s] for %s", t0, t1,
                                state.scheduleOf(false).name()));
                    }
                    state = state.withTime(time);
                }
                Theme theme = theme(p, h);
                SceneOverlays layers = overlays(state, p.view().overlays(), false, progress, cancelled::get);
                SceneFrame frame = new SceneFrames(state, w, h, theme, layers).still(progress, cancelled::get);
                ImageExport.writeScene(out, frame, w, h, theme, transparent, existing);
                line.finish();
                report.printf(Locale.ROOT, "wrote %s (%d×%d %s, t = %.3f) in %.1f s%n", out, w, h, imageFormat,
                        state.timeOf(false), (System.nanoTime() - start) / 1e9);
            }
            report.flush();
            return 0;
        } catch (java.util.concurrent.CancellationException e) {
            line.finish();
            report.println("cancelled; nothing written");
            report.flush();
            return PlaygroundCli.EXIT_INTERRUPTED;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook runs and waits for `done`
            }
        }
    }

    /**
     * A lesson as a PDF handout (each step a still at its preset's time, a sampling step at t_min, its title
     * and caption below) or as
     * one video (each step the video its preset describes, one after the other). Sizes and frame rate come
     * from the options, else from the first step; --video and --seconds apply to every step.
     */
    private void renderLesson(Lesson l, boolean video, AtomicFiles.Existing existing, ProgressListener progress,
            Cancellation cancel) throws java.io.IOException {
        Preset first = l.step(0).preset();
        int w = width != null ? width : video ? first.export().video().width() : first.export().image().width();
        int h = height != null ? height : video ? first.export().video().height() : first.export().image().height();
        List<VideoExport.Part> parts = new java.util.ArrayList<>();
        List<Handout.Sheet> sheets = new java.util.ArrayList<>();
        for (LessonStep step : l.steps()) {
            Preset p = step.preset();
            ProgressListener part = SceneFrames.scaled(progress, (step.number() - 1.0) / l.size(), 1.0 / l.size());
            SceneState state = PresetScene.load(p, PresetContext.of(step.presetFile())).state();
            if (!video && state.mode() == SceneMode.BACKWARD && state.schedule() != null) {
                state = state.withTime(state.schedule().tMin()); // on paper, a sampling step shows what it made
            }
            Theme theme = theme(p, h);
            if (video) {
                Preset.Video v = p.export().video();
                VideoSettings settings;
                try {
                    settings = new VideoSettings(kind != null ? kind : v.kind(), w, h, fps != null ? fps
                            : first.export().video().fps(), seconds != null ? seconds : v.seconds(), v.hFrom(),
                            v.hTo(), clock());
                } catch (IllegalArgumentException e) {
                    throw usage("step " + step.number() + ": " + e.getMessage());
                }
                parts.add(new VideoExport.Part(state, settings, theme, overlays(state, p.view().overlays(),
                        settings.kind() == VideoKind.H_SWEEP, null, cancel)));
            } else {
                String problem = ImageExport.checkSize(w, h);
                if (problem != null) {
                    throw usage(problem);
                }
                SceneOverlays layers = overlays(state, p.view().overlays(), false, null, cancel);
                sheets.add(new Handout.Sheet(new SceneFrames(state, w, h, theme, layers).still(part, cancel), theme,
                        "Step " + step.number() + " of " + l.size() + ": " + step.title(), step.caption()));
            }
        }
        if (video) {
            VideoExport.write(out, parts, existing, progress, cancel);
        } else {
            Handout.write(out, l.title(), sheets, w, h, existing);
        }
    }

    private Theme theme(Preset p, int pixelHeight) {
        double s = scale != null ? scale : pixelHeight / 1080.0;
        if (!(s > 0) || s > Theme.MAX_SCALE) {
            throw usage("--scale must be in (0, " + Theme.MAX_SCALE + "]");
        }
        return PresetScene.theme(p.view(), s);
    }

    /**
     * The layers the preset switches on that a render can draw: the density heatmap, solved here on the
     * window's preview grid (not in an 𝔥 sweep: one solution is one 𝔥), and the lenses. The C(x₀) map is
     * not drawn: it needs the likelihood run and replaces the samples with a still picture.
     */
    static SceneOverlays overlays(SceneState state, List<String> ids, boolean hSweep, ProgressListener progress,
            Cancellation cancel) {
        SceneOverlays layers = SceneOverlays.NONE;
        if (ids.contains(DensityLayer.OVERLAY_ID) && !hSweep && state.schedule() != null && state.score() != null
                && state.data() != null) {
            layers = DensityLayer.solve(state.schedule(), state.scoreOf(false), state.data(), state.sampler().h(),
                    FokkerPlanckOptions.preview(), progress, cancel);
        }
        return layers.and(LensOverlays.of(state, ids, cancel));
    }
}
