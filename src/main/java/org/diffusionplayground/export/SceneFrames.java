package org.diffusionplayground.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;
import org.diffusionplayground.render.SceneFrame;
import org.diffusionplayground.render.SceneSnapshot;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.SceneComposer;
import org.diffusionplayground.scene.SceneMode;
import org.diffusionplayground.scene.SceneOverlays;
import org.diffusionplayground.scene.SceneState;

/**
 * The pictures of a scene without a window: a still of a {@link SceneState} (sampled first when it
 * shows backward sampling), and the frames of a video. Everything is a function of the state and the
 * settings (the noise is counter-based, MATH.md §3), so the same inputs give the same pixels.
 */
public final class SceneFrames {

    private final SceneState state;
    private final int width;
    private final int height;
    private final Theme theme;
    private final SceneComposer composer = new SceneComposer();
    private final SceneOverlays overlays;

    /**
     * @param overlays layers the app adds to its scene (density, lenses), or {@link SceneOverlays#NONE}
     */
    public SceneFrames(SceneState state, int width, int height, Theme theme, SceneOverlays overlays) {
        this.state = state;
        this.width = width;
        this.height = height;
        this.theme = theme;
        this.overlays = overlays;
    }

    private int paneCount(SceneState s) {
        return s.split() ? 2 : 1;
    }

    private SceneFrame compose(SceneState s, SampledPaths first, SampledPaths second) {
        double aspect = SceneFrame.paneAspect(width, height, paneCount(s), theme);
        List<SceneSnapshot> panes = new ArrayList<>();
        panes.add(composer.compose(s, first, false, aspect, List.of(), overlays));
        if (s.split()) {
            panes.add(composer.compose(s, second, true, aspect, List.of(), overlays));
        }
        return new SceneFrame(panes, s.view().centreX(), s.view().centreY(), s.view().halfSize());
    }

    private boolean needsSampling(SceneState s) {
        return s.mode() == SceneMode.BACKWARD && s.score() != null && s.schedule() != null;
    }

    /** The state as one picture: sampled (backward mode) and composed at its time. */
    public SceneFrame still(ProgressListener progress, Cancellation cancel) {
        SampledPaths first = null;
        SampledPaths second = null;
        if (needsSampling(state)) {
            first = SceneComposer.sample(state, false, scaled(progress, 0, state.split() ? 0.5 : 1), cancel);
            if (state.split()) {
                second = SceneComposer.sample(state, true, scaled(progress, 0.5, 0.5), cancel);
            }
        }
        return compose(state, first, second);
    }

    /** A video's frames, produced one at a time by {@link Video#frame}. */
    public Video video(VideoSettings settings) {
        return new Video(settings);
    }

    /** Frames of one video; {@link #prepare} runs the sampling a backward video replays. */
    public final class Video {
        private final VideoSettings settings;
        private SampledPaths first;
        private SampledPaths second;

        private Video(VideoSettings settings) {
            this.settings = settings;
        }

        public int frames() {
            return settings.frames();
        }

        /** The part of the work done before the first frame, as a fraction of the whole (for progress). */
        public double preparationShare() {
            return settings.kind() == VideoKind.BACKWARD ? 0.25 : 0;
        }

        /**
         * Samples the run a backward video replays, recording a frame per sampler step (or per video
         * frame, whichever is fewer, but at least the animation's), so every video frame interpolates
         * between neighbouring steps.
         */
        public void prepare(ProgressListener progress, Cancellation cancel) {
            if (settings.kind() != VideoKind.BACKWARD) {
                return;
            }
            if (state.score() == null || state.schedule() == null) {
                throw new IllegalStateException("a backward-sampling video needs a model: train one or open a "
                        + "preset with a checkpoint");
            }
            int recorded = Math.max(SceneComposer.FRAMES, Math.min(state.sampler().steps() + 1, frames() + 1));
            SceneState s = state.withMode(SceneMode.BACKWARD);
            first = SceneComposer.sample(s, false, recorded, scaled(progress, 0, state.split() ? 0.5 : 1), cancel);
            if (state.split()) {
                second = SceneComposer.sample(s, true, recorded, scaled(progress, 0.5, 0.5), cancel);
            }
        }

        /** Frame k of {@link #frames()}. */
        public SceneFrame frame(int k, Cancellation cancel) {
            double u = settings.fraction(k);
            Schedule sch = state.schedule();
            if (sch == null) {
                throw new IllegalStateException("the scene has no schedule");
            }
            switch (settings.kind()) {
                case FORWARD -> {
                    double t = settings.clock().time(sch, sch.tMin(), sch.tMax(), u);
                    return compose(state.withMode(SceneMode.FORWARD).withTime(t), null, null);
                }
                case BACKWARD -> {
                    double t = settings.clock().time(sch, sch.tMax(), sch.tMin(), u);
                    return compose(state.withMode(SceneMode.BACKWARD).withTime(t), first, second);
                }
                default -> {
                    if (state.score() == null) {
                        throw new IllegalStateException("an 𝔥 sweep needs a model: train one or open a preset with "
                                + "a checkpoint");
                    }
                    double h = lerp(settings.hFrom(), settings.hTo(), u);
                    SceneState s = state.withMode(SceneMode.BACKWARD).withSplit(false).withTime(sch.tMin())
                            .withSampler(state.sampler().withH(h))
                            .withView(withoutTrails(state));
                    SampledPaths run = SceneComposer.sample(s, false, 2, null, cancel);
                    SceneFrame f = compose(s, run, null);
                    SceneSnapshot pane = f.panes().get(0).withTitle(String.format(Locale.ROOT,
                            "𝔥 sweep, same noise · 𝔥 = %.2f", h));
                    return new SceneFrame(List.of(pane), f.centreX(), f.centreY(), f.halfSize());
                }
            }
        }
    }

    /** An 𝔥 sweep records only the end points, so trails would be straight lines: leave them out. */
    private static org.diffusionplayground.scene.ViewOptions withoutTrails(SceneState s) {
        var v = s.view();
        return new org.diffusionplayground.scene.ViewOptions(v.showData(), false, v.showField(), v.showExactField(),
                v.showAxes(), v.showLegend(), v.centreX(), v.centreY(), v.halfSize());
    }

    private static double lerp(double a, double b, double u) {
        return u >= 1 ? b : a + (b - a) * u;
    }

    /** Progress of a part of the work that spans [offset, offset + share] of the whole. */
    public static ProgressListener scaled(ProgressListener p, double offset, double share) {
        if (p == null) {
            return null;
        }
        return (fraction, message) -> p.progress(offset + share * fraction, message);
    }
}
