package org.diffusionplayground.scene.lens;

import java.awt.Color;
import java.util.Locale;
import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.lens.Speciation;
import org.diffusionplayground.model.sampling.SampledPaths;
import org.diffusionplayground.model.sampling.TrajectoryRecorder;
import org.diffusionplayground.model.score.MixtureScore;
import org.diffusionplayground.render.SceneLayers.LegendEntry;
import org.diffusionplayground.render.SceneLayers.Marker;
import org.diffusionplayground.render.SceneLayers.Polyline;
import org.diffusionplayground.render.SceneSnapshot;
import org.diffusionplayground.render.Theme;
import org.diffusionplayground.scene.SceneLegend;
import org.diffusionplayground.scene.SceneOverlays;

/**
 * The symmetry-breaking lens for one data mixture (MATH.md §7.4): particles coloured by the mode they
 * are assigned to (grey while undecided), the line through two neighbouring modes whose potential
 * −ln p_t the chart shows, and the closed-form critical time of that pair. No JavaFX: the window, the
 * exports and tests use it alike.
 */
public final class SpeciationView {

    /** The line is drawn (and the potential evaluated) from s = −{@value} to 1 + {@value} beyond the modes. */
    public static final double OVERHANG = 0.6;
    private static final Color UNDECIDED = new Color(0x9A9A9A);

    private final MixtureScore exact;
    private final int a;
    private final int b;
    private final double criticalTime;

    public SpeciationView(MixtureScore exact) {
        this.exact = exact;
        int[] pair = closestPair(exact.mixture());
        this.a = pair[0];
        this.b = pair[1];
        this.criticalTime = exact.mixture().components() < 2 ? Double.NaN : Speciation.criticalTime(exact, a, b);
    }

    /**
     * The two components nearest to each other — the first split to watch; among equally near pairs (a
     * grid, a ring) the one whose midpoint is nearest the mixture's mean, where the picture is symmetric.
     */
    static int[] closestPair(GaussianMixture m) {
        int k = m.components();
        if (k < 2) {
            return new int[] {0, 0};
        }
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < k; i++) {
            cx += m.weight(i) * m.meanX(i);
            cy += m.weight(i) * m.meanY(i);
        }
        int[] best = {0, 1};
        double bestD = Double.POSITIVE_INFINITY;
        double bestCentre = Double.POSITIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double d = Math.hypot(m.meanX(i) - m.meanX(j), m.meanY(i) - m.meanY(j));
                double centre = Math.hypot(0.5 * (m.meanX(i) + m.meanX(j)) - cx, 0.5 * (m.meanY(i) + m.meanY(j)) - cy);
                boolean nearer = d < bestD * (1 - 1e-9);
                boolean asNear = !nearer && d <= bestD * (1 + 1e-9);
                if (nearer || (asNear && centre < bestCentre)) {
                    bestD = d;
                    bestCentre = centre;
                    best = new int[] {i, j};
                }
            }
        }
        return best;
    }

    public MixtureScore exact() {
        return exact;
    }

    /** The closed-form critical time of the pair, NaN for a single component. */
    public double criticalTime() {
        return criticalTime;
    }

    public int[] pair() {
        return new int[] {a, b};
    }

    /** ln K: the assignment entropy of a particle that could still be anything. */
    public double maxEntropy() {
        return Math.log(exact.mixture().components());
    }

    /**
     * −ln p_t along the line through the pair's modes at time t (which sit at α_t μ), at {@code points}
     * positions s ∈ [−OVERHANG, 1 + OVERHANG]; s = 0 and 1 are the modes.
     */
    public double[] potential(double t, int points) {
        double al = exact.schedule().alpha(t);
        GaussianMixture m = exact.mixture();
        return Speciation.potentialAlongLine(exact, t, al * m.meanX(a), al * m.meanY(a), al * m.meanX(b),
                al * m.meanY(b), -OVERHANG, 1 + OVERHANG, points);
    }

    /**
     * The height of the barrier between the wells at A and B in a {@link #potential} curve: the highest
     * point between the two modes above the lower of the two wells' bottoms near them (0 when the
     * potential has one well between them).
     */
    public static double barrier(double[] u) {
        int points = u.length;
        double span = 1 + 2 * OVERHANG;
        int ia = (int) Math.round(OVERHANG / span * (points - 1));
        int ib = (int) Math.round((1 + OVERHANG) / span * (points - 1));
        int quarter = Math.max(1, (ib - ia) / 4);
        double wellA = Double.POSITIVE_INFINITY;
        double wellB = Double.POSITIVE_INFINITY;
        for (int j = ia - quarter; j <= ia + quarter; j++) {
            wellA = Math.min(wellA, u[Math.max(0, Math.min(points - 1, j))]);
        }
        for (int j = ib - quarter; j <= ib + quarter; j++) {
            wellB = Math.min(wellB, u[Math.max(0, Math.min(points - 1, j))]);
        }
        double top = Double.NEGATIVE_INFINITY;
        for (int j = ia + quarter; j <= ib - quarter; j++) {
            top = Math.max(top, u[j]);
        }
        return Math.max(0, top - Math.max(wellA, wellB));
    }

    /** The mean assignment entropy at each recorded frame of a backward run: {times, entropies}. */
    public double[][] entropyAlong(SampledPaths run) {
        TrajectoryRecorder frames = run.frames();
        double[] t = new double[frames.frames()];
        for (int k = 0; k < t.length; k++) {
            t[k] = frames.time(k);
        }
        return new double[][] {t, Speciation.alongTrajectories(exact, frames)};
    }

    /** Colours particles by their mode and draws the pair's line at time t. */
    public SceneOverlays overlay() {
        return (builder, legend, t, h) -> contribute(builder, legend, t);
    }

    private void contribute(SceneSnapshot.Builder builder, SceneLegend legend, double t) {
        double[] xy = builder.particles();
        int n = builder.particleCount();
        int k = exact.mixture().components();
        if (xy != null && n > 0 && k > 1) {
            int[] rgb = new int[n];
            double[] w = new double[k];
            double lnK = Math.log(k);
            for (int i = 0; i < n; i++) {
                exact.responsibilities(t, xy[2 * i], xy[2 * i + 1], w);
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (w[c] > w[best]) {
                        best = c;
                    }
                }
                double certainty = 1 - Speciation.entropy(w, k) / lnK;
                rgb[i] = blend(UNDECIDED, Theme.OKABE_ITO[best % Theme.OKABE_ITO.length], certainty);
            }
            builder.particleColours(rgb, null);
            legend.add("colour: committed mode (grey: undecided)", Theme.OKABE_ITO[2], LegendEntry.Shape.DOT);
        }
        if (k > 1) {
            GaussianMixture m = exact.mixture();
            double al = exact.schedule().alpha(t);
            double ax = al * m.meanX(a);
            double ay = al * m.meanY(a);
            double bx = al * m.meanX(b);
            double by = al * m.meanY(b);
            float[] line = {
                (float) (ax - OVERHANG * (bx - ax)), (float) (ay - OVERHANG * (by - ay)),
                (float) (bx + OVERHANG * (bx - ax)), (float) (by + OVERHANG * (by - ay))};
            Color c = Theme.OKABE_ITO[6];
            builder.trail(new Polyline(line, c, 2.0f, 0.9f));
            builder.marker(new Marker(ax, ay, c, "A"));
            builder.marker(new Marker(bx, by, c, String.format(Locale.ROOT, "B  (t_c = %.3f)", criticalTime)));
            legend.add("line through two modes (potential chart)", c, LegendEntry.Shape.LINE);
        }
    }

    static int blend(Color from, Color to, double u) {
        double v = Math.max(0, Math.min(1, u));
        int r = (int) Math.round(from.getRed() + v * (to.getRed() - from.getRed()));
        int g = (int) Math.round(from.getGreen() + v * (to.getGreen() - from.getGreen()));
        int bl = (int) Math.round(from.getBlue() + v * (to.getBlue() - from.getBlue()));
        return (r << 16) | (g << 8) | bl;
    }
}
