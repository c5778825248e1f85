package org.diffusionplayground.scene;

import java.util.List;
import java.util.Locale;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.random.CounterNormal;
import org.diffusionplayground.model.sampling.ForwardNoising;
import org.diffusionplayground.model.sampling.ReverseProcess;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.sampling.TimeGrid;
import org.diffusionplayground.model.schedule.Schedule;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.model.score.Guidance;
import org.diffusionplayground.model.score.ScoreModel;
import org.diffusionplayground.model.util.Cancellation;
import org.diffusionplayground.model.util.ProgressListener;
import org.diffusionplayground.render.SceneLayers.Marker;
import org.diffusionplayground.render.SceneLayers.Polyline;
import org.diffusionplayground.render.SceneSnapshot;
import org.diffusionplayground.render.Theme;

/**
 * Turns a {@link SceneState} into what a frame shows: samples the 𝔥-process for a pane, and composes
 * the {@link SceneSnapshot} of a pane at the state's time (forward marginal, or the sampled particles
 * with trails, score field, launched paths, overlays, title and legend). No JavaFX: the window's
 * view-model, the video export and the headless {@code render} command all compose frames here.
 *
 * <p>An instance keeps the particle buffers of its two panes and the exact score of the last data set,
 * so composing the frames of an animation allocates little; it is not thread-safe.
 */
public final class SceneComposer {

    /** Frames recorded per sampling run: enough for a smooth scrubber, few enough for 20 000 particles. */
    public static final int FRAMES = 240;
    /** Trails drawn (the first particles'); more clutters the picture. */
    public static final int TRAILS = 80;

    private final double[][] scratch = {new double[0], new double[0]};

    private MixtureScore cachedExact;
    private DataSet cachedExactData;
    private Schedule cachedExactSchedule;

    /**
     * Samples pane {@code second ? 2 : 1} of the state: {@code particles} draws from the prior with the
     * state's seed, moved from T to t_min by the chosen solver at the pane's 𝔥, with up to
     * {@code maxFrames} recorded frames (2 keeps only the end points, for an 𝔥 sweep).
     */
    public static SampledPaths sample(SceneState s, boolean second, int maxFrames, ProgressListener progress,
            Cancellation cancel) {
        return sample(s, second, maxFrames, progress, cancel, null);
    }

    /**
     * {@link #sample(SceneState, boolean, int, ProgressListener, Cancellation)}, handing the run to
     * {@code started} (on the sampling thread) as soon as it begins, to be shown while it fills in
     * ({@link SampledPaths#complete()}).
     */
    public static SampledPaths sample(SceneState s, boolean second, int maxFrames, ProgressListener progress,
            Cancellation cancel, java.util.function.Consumer<SampledPaths> started) {
        Schedule sch = s.scheduleOf(second);
        ScoreModel score = s.scoreOf(second);
        if (sch == null || score == null) {
            throw new IllegalStateException("no model to sample: train one or open a preset with a checkpoint");
        }
        ReverseProcess p = new ReverseProcess(sch, score, s.hOf(second));
        SamplerSettings set = s.sampler();
        return SampledPaths.run(p, set.solver().sampler(p.h(), set.corrector()), set.particles(),
                TimeGrid.of(set.solver().stepSchedule(), sch, set.steps()), set.seed(), maxFrames, progress, cancel,
                started);
    }

    /** {@link #sample} with the animation's {@link #FRAMES}. */
    public static SampledPaths sample(SceneState s, boolean second, ProgressListener progress, Cancellation cancel) {
        return sample(s, second, FRAMES, progress, cancel);
    }

    /**
     * The snapshot of one pane.
     *
     * @param run      the pane's sampling run (null while sampling, or in forward mode)
     * @param second   pane 2 of the split view
     * @param aspect   width / height of the pane, so the score field covers what is visible
     * @param launched paths the user launched (drawn in pane 1 only)
     * @param overlays layers other parts of the app contribute
     */
    public SceneSnapshot compose(SceneState s, SampledPaths run, boolean second, double aspect,
            List<LaunchedPath> launched, SceneOverlays overlays) {
        SceneSnapshot.Builder b = SceneSnapshot.builder();
        DataSet data = s.data();
        Schedule sch = s.scheduleOf(second);
        ScoreModel score = s.scoreOf(second);
        ViewOptions view = s.view();
        double t = s.timeOf(second);
        double hValue = s.hOf(second);
        SceneLegend legend = new SceneLegend();
        if (data != null && view.showData()) {
            // sampling one class (guidance): the data shown are that class's, the target of the samples
            Guidance g = s.sampler().guidance();
            if (g.conditional() && data.points().hasLabels() && g.label() < data.points().classes()) {
                b.data(PointSet.of(data.points().classPoints(g.label())));
                legend.data(data.name() + ", class " + g.label());
            } else {
                b.data(data.points());
                legend.data(data.name());
            }
        }
        if (sch == null) {
            return b.axes(view.showAxes()).build();
        }
        if (s.mode() == SceneMode.FORWARD && data != null) {
            int n = Math.min(s.sampler().particles(), SamplerSettings.MAX_PARTICLES);
            double[] x0 = new double[2 * n];
            data.points().copyInto(x0, n);
            double[] xt = buffer(second, 2 * n);
            new ForwardNoising(sch).marginal(t, x0, n, new CounterNormal(s.sampler().seed()), xt);
            b.particles(xt, n);
            b.title("Forward noising · " + sch.name());
            legend.particles("xₜ = αₜ x₀ + σₜ ε");
        } else if (run != null) {
            int n = run.particles();
            double[] buf = buffer(second, 2 * n);
            run.positionsAt(t, buf);
            b.particles(buf, n);
            b.title("Backward sampling · 𝔥 = " + format(hValue) + hName(hValue)
                    + (s.compareSchedule() != null ? " · " + sch.name() : ""));
            legend.particles("samples (𝔥 = " + format(hValue) + ")");
            if (view.showTrails()) {
                for (int i = 0; i < Math.min(TRAILS, n); i++) {
                    b.trail(new Polyline(run.trail(i, t), null, 1.0f, 0.35f));
                }
                legend.trails();
            }
        } else {
            b.title(score == null ? "No model yet — train one or open a preset" : "Sampling …");
        }
        b.subtitle(String.format(Locale.ROOT, "t = %.3f  ·  %s  ·  %s", t, sch.name(),
                data == null ? "no data" : data.name()));
        FieldOverlay field = new FieldOverlay(view.centreX(), view.centreY(), view.halfSize(), aspect);
        if (view.showField() && score != null) {
            field.add(b, score, t, "score s_θ(x, t)");
            legend.field("model score s_θ");
        } else if (view.showExactField() && data != null) {
            field.add(b, exactScore(data, sch), t, "exact score ∇log p_t");
            legend.field("exact score ∇log p_t");
        }
        if (!second) {
            for (LaunchedPath p : launched) {
                b.trail(new Polyline(p.path(), null, 2.2f, 0.95f));
                b.marker(new Marker(p.x(), p.y(), Theme.OKABE_ITO[5], String.format(Locale.ROOT, "Ã = %.2f",
                        p.action())));
            }
        }
        overlays.contribute(b, legend, t, hValue);
        if (view.showLegend()) {
            legend.addTo(b);
        }
        return b.axes(view.showAxes()).grid(view.showAxes()).build();
    }

    private double[] buffer(boolean second, int length) {
        int i = second ? 1 : 0;
        if (scratch[i].length < length) {
            scratch[i] = new double[length];
        }
        return scratch[i];
    }

    /** {@link #exactScoreOf}, kept while the data and the schedule stay the same. */
    public MixtureScore exactScore(DataSet data, Schedule sch) {
        if (data != cachedExactData || sch != cachedExactSchedule) {
            cachedExact = exactScoreOf(data, sch);
            cachedExactData = data;
            cachedExactSchedule = sch;
        }
        return cachedExact;
    }

    /** The exact score of the data: closed-form for mixtures, else the empirical score of ≤ 500 points. */
    public static MixtureScore exactScoreOf(DataSet data, Schedule sch) {
        GaussianMixture m = data.mixture().orElseGet(() -> GaussianMixture.empirical(
                data.size() <= 500 ? data.points() : data.points().slice(0, 500)));
        return new MixtureScore(m, sch, "exact score of " + data.name());
    }

    /** A value as the scene's titles print it (two decimals): 𝔥 in titles, legends and status lines. */
    public static String format(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String hName(double h) {
        if (h == 0) {
            return " (probability-flow ODE)";
        }
        if (h == 1) {
            return " (reverse SDE)";
        }
        return "";
    }
}
