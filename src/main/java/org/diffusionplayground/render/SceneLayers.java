package org.diffusionplayground.render;

import java.awt.Color;

/** The value types a scene is drawn from: plain data, no behaviour beyond validation. */
public final class SceneLayers {

    private SceneLayers() {
    }

    /** A field of vectors (u, v) at the nodes of a grid: score field, probability current, difference field. */
    public record VectorField(double[] xs, double[] ys, double[] u, double[] v, String label) {
        public VectorField {
            if (u.length != xs.length * ys.length || v.length != u.length) {
                throw new IllegalArgumentException("vector field needs one (u, v) per grid node");
            }
        }
    }

    /**
     * Scalar values on a cell grid over a world rectangle (row-major, row 0 at yMin): a density heatmap.
     * {@code logScale} colours by log(value).
     */
    public record ScalarGrid(double xMin, double xMax, double yMin, double yMax, int nx, int ny, float[] values,
            String label, boolean logScale) {
        public ScalarGrid {
            if (values.length != nx * ny) {
                throw new IllegalArgumentException("scalar grid needs nx·ny values");
            }
        }
    }

    /** A path in world coordinates, interleaved. */
    public record Polyline(float[] xy, Color color, float width, float alpha) {
    }

    /**
     * Straight arrows in world coordinates, {@code segments = [x0, y0, x1, y1, ...]} from tail to head:
     * where particles are heading (Tweedie's denoised guess), a velocity difference.
     */
    public record Arrows(float[] segments, Color color, float width, float alpha) {
        public Arrows {
            if (segments.length % 4 != 0) {
                throw new IllegalArgumentException("arrows need four coordinates each");
            }
        }
    }

    /**
     * A second cloud of points drawn as small rings over the particles (a "ghost" of them: the denoised
     * guesses, a Langevin chain beside the annealed sampler).
     */
    public record PointCloud(double[] xy, int count, Color color, float alpha) {
        public PointCloud {
            if (xy.length < 2 * count) {
                throw new IllegalArgumentException("point array shorter than the point count");
            }
        }
    }

    /** A labelled point (a clicked launch point, a mode centre). */
    public record Marker(double x, double y, Color color, String label) {
    }

    /**
     * One legend row. Rows for the data, the particles and the trails take their colour from the theme
     * they are drawn with ({@link Role}); other rows carry their own.
     */
    public record LegendEntry(String label, Color color, Shape shape, Role role) {
        public enum Shape { DOT, LINE, ARROW, BAR }

        public enum Role { DATA, PARTICLES, TRAIL, OWN }

        public LegendEntry(String label, Color color, Shape shape) {
            this(label, color, shape, Role.OWN);
        }

        public static LegendEntry themed(String label, Role role, Shape shape) {
            return new LegendEntry(label, null, shape, role);
        }

        /** The colour to draw with under {@code theme}. */
        public Color colour(Theme theme) {
            return switch (role) {
                case DATA -> theme.data();
                case PARTICLES -> theme.particles();
                case TRAIL -> theme.trail();
                default -> color;
            };
        }
    }

    /** A colour bar for a continuous quantity: what the colours of particles or arrows mean. */
    public record ColorScale(Colormap map, double min, double max, String label) {
    }
}
