package org.diffusionplayground.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.diffusionplayground.export.ImageExport;
import org.diffusionplayground.export.ImageFormat;
import org.diffusionplayground.export.VideoExport;
import org.diffusionplayground.export.VideoFormat;
import org.diffusionplayground.export.VideoKind;
import org.diffusionplayground.export.VideoSettings;
import org.diffusionplayground.model.util.AtomicFiles;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.preset.Preset;
import org.diffusionplayground.render.SceneFrame;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.SceneOverlays;
import org.diffusionplayground.scene.SceneState;
import org.jfree.chart.JFreeChart;

/**
 * The Export Image and Export Video dialogs' logic: what to export (the scene or a chart), the size
 * (1920×1080, 3840×2160, or the window's pixels ×2 or ×4), the background, the video's content, frame
 * rate and duration; the export itself runs as a background job with progress and cancel. Drawing is
 * scaled with the size (a 3840×2160 picture looks like a 1920×1080 one at twice the resolution).
 */
public final class ExportViewModel {

    /** Sizes of an image export. */
    public enum SizeChoice {
        FULL_HD("1920 × 1080"), UHD("3840 × 2160"), WINDOW_2("window × 2"), WINDOW_4("window × 4"), CUSTOM("custom");

        private final String label;

        SizeChoice(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Video resolutions offered; the last is the 4K of large halls. */
    public static final List<int[]> VIDEO_SIZES = List.of(new int[] {1280, 720}, new int[] {1920, 1080},
            new int[] {3840, 2160});

    /** A chart that can be exported, by name (the window registers its charts). */
    public record ChartTarget(String name, Supplier<JFreeChart> chart) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The scene's pixel size and screen scale, as the window shows it (for "window × k"). */
    public interface WindowSize {
        int width();

        int height();

        double outputScale();
    }

    public static final String SCENE = "Scene";

    private final SceneViewModel scene;
    private final AppViewModel app;
    private final Jobs jobs;
    private WindowSize window = new WindowSize() {
        @Override
        public int width() {
            return 1600;
        }

        @Override
        public int height() {
            return 900;
        }

        @Override
        public double outputScale() {
            return 1;
        }
    };

    private final ObservableList<ChartTarget> charts = FXCollections.observableArrayList();
    /** Layers a video computes for itself in the background (the lenses'); none by default. */
    private Function<VideoSettings, BiFunction<SceneState, Cancellation, SceneOverlays>> videoOverlays =
            settings -> (s, c) -> SceneOverlays.NONE;
    private final ObjectProperty<Object> target = new SimpleObjectProperty<>(this, "target", SCENE);
    private final ObjectProperty<SizeChoice> size = new SimpleObjectProperty<>(this, "size", SizeChoice.FULL_HD);
    private final IntegerProperty customWidth = new SimpleIntegerProperty(this, "customWidth", 1920);
    private final IntegerProperty customHeight = new SimpleIntegerProperty(this, "customHeight", 1080);
    private final BooleanProperty transparent = new SimpleBooleanProperty(this, "transparent", false);
    private final ObjectProperty<ImageFormat> imageFormat = new SimpleObjectProperty<>(this, "imageFormat",
            ImageFormat.PNG);

    private final ObjectProperty<VideoKind> videoKind = new SimpleObjectProperty<>(this, "videoKind", VideoKind.BACKWARD);
    private final IntegerProperty videoWidth = new SimpleIntegerProperty(this, "videoWidth", 1920);
    private final IntegerProperty videoHeight = new SimpleIntegerProperty(this, "videoHeight", 1080);
    private final IntegerProperty fps = new SimpleIntegerProperty(this, "fps", 30);
    private final DoubleProperty seconds = new SimpleDoubleProperty(this, "seconds", 6);
    private final DoubleProperty hFrom = new SimpleDoubleProperty(this, "hFrom", VideoSettings.SWEEP_FROM);
    private final DoubleProperty hTo = new SimpleDoubleProperty(this, "hTo", VideoSettings.SWEEP_TO);
    /** The part of the sweep a forward or backward video shows (fractions; {@link VideoSettings#windowFrom}). */
    private final DoubleProperty windowFrom = new SimpleDoubleProperty(this, "windowFrom", 0);
    private final DoubleProperty windowTo = new SimpleDoubleProperty(this, "windowTo", 1);
    private final ObjectProperty<VideoFormat> videoFormat = new SimpleObjectProperty<>(this, "videoFormat",
            VideoFormat.MP4);

    private final Activity activity = new Activity(this);
    private Jobs.Job job;

    public ExportViewModel(SceneViewModel scene, AppViewModel app, Jobs jobs) {
        this.scene = scene;
        this.app = app;
        this.jobs = jobs;
    }

    public void setWindowSize(WindowSize w) {
        this.window = w;
    }

    // ---- properties ---------------------------------------------------------------------------

    public ObservableList<ChartTarget> charts() {
        return charts;
    }

    /** {@link #SCENE} or a {@link ChartTarget}. */
    public ObjectProperty<Object> targetProperty() {
        return target;
    }

    public ObjectProperty<SizeChoice> sizeProperty() {
        return size;
    }

    public IntegerProperty customWidthProperty() {
        return customWidth;
    }

    public IntegerProperty customHeightProperty() {
        return customHeight;
    }

    public BooleanProperty transparentProperty() {
        return transparent;
    }

    public ObjectProperty<ImageFormat> imageFormatProperty() {
        return imageFormat;
    }

    public ObjectProperty<VideoKind> videoKindProperty() {
        return videoKind;
    }

    public IntegerProperty videoWidthProperty() {
        return videoWidth;
    }

    public IntegerProperty videoHeightProperty() {
        return videoHeight;
    }

    public IntegerProperty fpsProperty() {
        return fps;
    }

    /** First 𝔥 of an 𝔥-sweep video. */
    public DoubleProperty hFromProperty() {
        return hFrom;
    }

    /** Last 𝔥 of an 𝔥-sweep video. */
    public DoubleProperty hToProperty() {
        return hTo;
    }

    /** Where a forward or backward video starts, as a fraction of the sweep (0 to 1). */
    public DoubleProperty windowFromProperty() {
        return windowFrom;
    }

    /** Where it ends, as a fraction of the sweep. */
    public DoubleProperty windowToProperty() {
        return windowTo;
    }

    public DoubleProperty secondsProperty() {
        return seconds;
    }

    public ObjectProperty<VideoFormat> videoFormatProperty() {
        return videoFormat;
    }

    /** The export under way (busy while one runs), its progress, what it wrote and what went wrong. */
    public Activity activity() {
        return activity;
    }

    // ---- sizes --------------------------------------------------------------------------------

    /** The picture's pixel size for the current choice, {width, height}. */
    public int[] imageSize() {
        return switch (size.get()) {
            case FULL_HD -> new int[] {1920, 1080};
            case UHD -> new int[] {3840, 2160};
            case WINDOW_2 -> new int[] {2 * window.width(), 2 * window.height()};
            case WINDOW_4 -> new int[] {4 * window.width(), 4 * window.height()};
            case CUSTOM -> new int[] {customWidth.get(), customHeight.get()};
        };
    }

    /**
     * How much larger than on screen to draw text, lines and dots: the window's own scale times k for
     * "window × k"; for fixed sizes, relative to a 1080-pixel-high picture.
     */
    double sizeScale(int height) {
        return switch (size.get()) {
            case WINDOW_2 -> 2 * window.outputScale();
            case WINDOW_4 -> 4 * window.outputScale();
            default -> height / 1080.0;
        };
    }

    private Theme themeAt(double scale) {
        Theme t = app.themeProperty().get();
        return t.scaled(Math.max(0.5, Math.min(Theme.MAX_SCALE, t.scale() * scale)));
    }

    // ---- exports ------------------------------------------------------------------------------

    /** A user-facing problem with the image settings, or null. */
    public String imageProblem() {
        int[] wh = imageSize();
        return ImageExport.checkSize(wh[0], wh[1]);
    }

    /** A user-facing problem with the video settings for {@code file}, or null. */
    public String videoProblem(Path file) {
        String p = VideoSettings.problem(videoKind.get(), videoWidth.get(), videoHeight.get(), fps.get(), seconds.get(),
                hFrom.get(), hTo.get());
        if (p == null) {
            p = VideoSettings.windowProblem(windowFrom.get(), windowTo.get());
        }
        if (p != null) {
            return p;
        }
        if (VideoFormat.ofPath(file) == VideoFormat.GIF && fps.get() > VideoFormat.MAX_GIF_FPS) {
            return "a GIF plays at most " + VideoFormat.MAX_GIF_FPS + " frames per second; lower the rate or use MP4";
        }
        if (videoKind.get() != VideoKind.FORWARD && scene.scoreProperty().get() == null) {
            return "this video needs a model: train one or open a preset with a checkpoint (forward noising needs none)";
        }
        return null;
    }

    /**
     * Exports the scene or the chosen chart as a picture. The scene is composed now, on the UI thread, as
     * it is on screen (samples, launched paths, overlays) and drawn in the background.
     */
    public void exportImage(Path file, boolean replace, Consumer<Boolean> done) {
        AtomicFiles.Existing existing = replace ? AtomicFiles.Existing.REPLACE : AtomicFiles.Existing.REFUSE;
        String problem = imageProblem();
        if (problem == null && ImageFormat.ofPath(file) == null) {
            problem = file.getFileName() + ": choose a file ending in .png, .svg or .pdf";
        }
        if (problem == null) {
            try {
                AtomicFiles.check(file, existing);
            } catch (IOException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            activity.error(problem);
            done.accept(false);
            return;
        }
        int[] wh = imageSize();
        Theme theme = themeAt(sizeScale(wh[1]));
        boolean clear = transparent.get();
        if (target.get() instanceof ChartTarget chart) {
            try {
                ImageExport.writeChart(file, chart.chart().get(), wh[0], wh[1], clear, existing);
                finished(file, done);
            } catch (IOException | RuntimeException e) {
                failed(e, done);
            }
            return;
        }
        SceneFrame frame = scene.exportFrame(SceneFrame.paneAspect(wh[0], wh[1], scene.splitProperty().get() ? 2 : 1,
                theme));
        start("writing " + file.getFileName(), (p, cancel) -> {
            ImageExport.writeScene(file, frame, wh[0], wh[1], theme, clear, existing);
            return file;
        }, done);
    }

    /** Renders the video of the scene's current state off-screen. */
    public void exportVideo(Path file, boolean replace, Consumer<Boolean> done) {
        AtomicFiles.Existing existing = replace ? AtomicFiles.Existing.REPLACE : AtomicFiles.Existing.REFUSE;
        String problem = videoProblem(file);
        if (problem == null && VideoFormat.ofPath(file) == null) {
            problem = file.getFileName() + ": choose a file ending in .mp4 or .gif";
        }
        if (problem == null) {
            try {
                AtomicFiles.check(file, existing);
            } catch (IOException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            activity.error(problem);
            done.accept(false);
            return;
        }
        VideoSettings settings = videoSettings();
        Theme theme = themeAt(settings.height() / 1080.0);
        SceneState state = scene.state();
        // overlays of other panels live on the UI thread: what a video can draw of them in the background
        // is taken now (the density heatmap as solved) or computed there from the state (the lenses)
        var layers = videoOverlays.apply(settings);
        start("rendering " + file.getFileName(), (p, cancel) -> {
            VideoExport.write(file, state, settings, theme, layers.apply(state, cancel), existing, p, cancel);
            return file;
        }, done);
    }

    /** The video the dialog's settings describe, on the window's pace and hold. */
    public VideoSettings videoSettings() {
        return new VideoSettings(videoKind.get(), videoWidth.get(), videoHeight.get(), fps.get(), seconds.get(),
                hFrom.get(), hTo.get(), scene.playback().clock(), windowFrom.get(), windowTo.get());
    }

    /**
     * Sets what a video adds to its frames: asked on the UI thread when the export starts, with the video's
     * settings; the function it returns runs in the background with the scene's state.
     */
    public void setVideoOverlays(Function<VideoSettings, BiFunction<SceneState, Cancellation, SceneOverlays>> layers) {
        this.videoOverlays = layers;
    }

    private void start(String what, Jobs.Body<Path> body, Consumer<Boolean> done) {
        if (activity.isBusy()) {
            activity.error("an export is already running");
            done.accept(false);
            return;
        }
        activity.busy(true);
        activity.progress(0);
        activity.error("");
        activity.status(what + " …");
        job = jobs.start(body, new Jobs.Listener<>() {
            @Override
            public void progress(double fraction, String message) {
                activity.progress(fraction);
                activity.status(String.format(Locale.ROOT, "%s: %s", what, message));
            }

            @Override
            public void succeeded(Path result) {
                activity.busy(false);
                finished(result, done);
            }

            @Override
            public void failed(Throwable e) {
                activity.busy(false);
                ExportViewModel.this.failed(e, done);
            }

            @Override
            public void cancelled() {
                activity.busy(false);
                activity.progress(0);
                activity.status("cancelled; nothing was written");
                done.accept(false);
            }
        });
    }

    private void finished(Path file, Consumer<Boolean> done) {
        activity.progress(1);
        activity.status("wrote " + file);
        activity.error("");
        done.accept(true);
    }

    private void failed(Throwable e, Consumer<Boolean> done) {
        activity.progress(0);
        activity.status("");
        activity.error(Jobs.message(e));
        done.accept(false);
    }

    /** Shows a problem found by the dialog (no file chosen, a bad number) in the error line. */
    public void reportError(String message) {
        activity.error(message);
    }

    /** Stops a running export between two frames; no file is left behind. */
    public void cancel() {
        if (job != null) {
            job.cancel();
        }
    }

    // ---- presets ------------------------------------------------------------------------------

    /** The export settings as a preset section. */
    public Preset.Export settings() {
        int[] wh = size.get() == SizeChoice.UHD ? new int[] {3840, 2160} : size.get() == SizeChoice.CUSTOM
                ? new int[] {customWidth.get(), customHeight.get()} : new int[] {1920, 1080};
        return new Preset.Export(new Preset.Image(wh[0], wh[1], transparent.get(), imageFormat.get()),
                new Preset.Video(videoKind.get(), videoWidth.get(), videoHeight.get(), fps.get(), seconds.get(),
                        hFrom.get(), hTo.get(), videoFormat.get()));
    }

    /** Takes a preset's export settings. */
    public void apply(Preset.Export e) {
        Preset.Image i = e.image();
        if (i.width() == 1920 && i.height() == 1080) {
            size.set(SizeChoice.FULL_HD);
        } else if (i.width() == 3840 && i.height() == 2160) {
            size.set(SizeChoice.UHD);
        } else {
            size.set(SizeChoice.CUSTOM);
        }
        customWidth.set(i.width());
        customHeight.set(i.height());
        transparent.set(i.transparent());
        imageFormat.set(i.format());
        Preset.Video v = e.video();
        videoKind.set(v.kind());
        videoWidth.set(v.width());
        videoHeight.set(v.height());
        fps.set(v.fps());
        seconds.set(v.seconds());
        hFrom.set(v.hFrom());
        hTo.set(v.hTo());
        videoFormat.set(v.format());
    }
}
