package org.diffusionplayground.render;

import java.util.ArrayList;
import java.util.List;
import org.diffusionplayground.model.data.PointSet;
import org.diffusionplayground.render.SceneLayers.Arrows;
import org.diffusionplayground.render.SceneLayers.ColorScale;
import org.diffusionplayground.render.SceneLayers.LegendEntry;
import org.diffusionplayground.render.SceneLayers.Marker;
import org.diffusionplayground.render.SceneLayers.PointCloud;
import org.diffusionplayground.render.SceneLayers.Polyline;
import org.diffusionplayground.render.SceneLayers.ScalarGrid;
import org.diffusionplayground.render.SceneLayers.VectorField;

/**
 * Everything one frame of the scene shows, as values: the view-model builds it, {@link SceneRenderer}
 * draws it onto any Graphics2D (screen raster, PNG, SVG, PDF, video frame). Separating "what is there"
 * from "how it is drawn" is ChartFx's DataSet/Renderer split (STYLE.md).
 *
 * @param particleRgb optional per-particle colours (RGB), e.g. mode labels
 * @param dataRgb     optional per-data-point colours (RGB), e.g. the map of the WKB coefficient C(x₀)
 * @param dataScale   the colour bar of {@code dataRgb}
 * @param arrows      arrows over the particles (lenses: where each particle is heading)
 * @param ghosts      point clouds drawn as rings over the particles (lenses)
 */
public record SceneSnapshot(String title, String subtitle, PointSet data, double[] particles, int particleCount,
        int[] particleRgb, List<Polyline> trails, VectorField field, ColorScale fieldScale, ScalarGrid heatmap,
        ColorScale heatmapScale, List<Marker> markers, List<LegendEntry> legend, ColorScale particleScale,
        boolean axes, boolean grid, int[] dataRgb, ColorScale dataScale, List<Arrows> arrows,
        List<PointCloud> ghosts) {

    public SceneSnapshot {
        trails = List.copyOf(trails);
        arrows = List.copyOf(arrows);
        ghosts = List.copyOf(ghosts);
        markers = List.copyOf(markers);
        legend = List.copyOf(legend);
        if (particles != null && particles.length < 2 * particleCount) {
            throw new IllegalArgumentException("particle array shorter than the particle count");
        }
        if (dataRgb != null && (data == null || dataRgb.length < data.size())) {
            throw new IllegalArgumentException("one colour per data point is needed");
        }
    }

    /** The same frame under another title (a video's 𝔥 sweep names what changes). */
    public SceneSnapshot withTitle(String newTitle) {
        return new SceneSnapshot(newTitle, subtitle, data, particles, particleCount, particleRgb, trails, field,
                fieldScale, heatmap, heatmapScale, markers, legend, particleScale, axes, grid, dataRgb, dataScale,
                arrows, ghosts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent construction; everything is optional. */
    public static final class Builder {
        private String title = "";
        private String subtitle = "";
        private PointSet data;
        private double[] particles;
        private int particleCount;
        private int[] particleRgb;
        private final List<Polyline> trails = new ArrayList<>();
        private VectorField field;
        private ColorScale fieldScale;
        private ScalarGrid heatmap;
        private ColorScale heatmapScale;
        private final List<Marker> markers = new ArrayList<>();
        private final List<LegendEntry> legend = new ArrayList<>();
        private ColorScale particleScale;
        private boolean axes = true;
        private boolean grid = true;
        private final List<Arrows> arrows = new ArrayList<>();
        private final List<PointCloud> ghosts = new ArrayList<>();
        private int[] dataRgb;
        private ColorScale dataScale;

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder subtitle(String subtitle) {
            this.subtitle = subtitle;
            return this;
        }

        public Builder data(PointSet data) {
            this.data = data;
            this.dataRgb = null;
            this.dataScale = null;
            return this;
        }

        /** Data points with a colour each (RGB) and the colour bar saying what the colours mean. */
        public Builder data(PointSet data, int[] rgb, ColorScale scale) {
            this.data = data;
            this.dataRgb = rgb;
            this.dataScale = scale;
            return this;
        }

        public Builder particles(double[] xy, int count) {
            this.particles = xy;
            this.particleCount = count;
            return this;
        }

        public Builder particleColours(int[] rgb, ColorScale scale) {
            this.particleRgb = rgb;
            this.particleScale = scale;
            return this;
        }

        public Builder arrows(Arrows a) {
            arrows.add(a);
            return this;
        }

        public Builder ghosts(PointCloud cloud) {
            ghosts.add(cloud);
            return this;
        }

        /** The particles set so far (null if none): overlays that act on the particles read them here. */
        public double[] particles() {
            return particles;
        }

        public int particleCount() {
            return particleCount;
        }

        /** The title set so far (overlays may extend it). */
        public String title() {
            return title;
        }

        public Builder trail(Polyline trail) {
            trails.add(trail);
            return this;
        }

        /** Removes the trails added so far (an overlay that shows something else in their place). */
        public Builder trailsCleared() {
            trails.clear();
            return this;
        }

        public Builder field(VectorField field, ColorScale scale) {
            this.field = field;
            this.fieldScale = scale;
            return this;
        }

        public Builder heatmap(ScalarGrid heatmap, ColorScale scale) {
            this.heatmap = heatmap;
            this.heatmapScale = scale;
            return this;
        }

        public Builder marker(Marker marker) {
            markers.add(marker);
            return this;
        }

        public Builder legend(LegendEntry entry) {
            legend.add(entry);
            return this;
        }

        public Builder axes(boolean axes) {
            this.axes = axes;
            return this;
        }

        public Builder grid(boolean grid) {
            this.grid = grid;
            return this;
        }

        public SceneSnapshot build() {
            return new SceneSnapshot(title, subtitle, data, particles, particleCount, particleRgb, trails, field,
                    fieldScale, heatmap, heatmapScale, markers, legend, particleScale, axes, grid, dataRgb, dataScale,
                    arrows, ghosts);
        }
    }
}
