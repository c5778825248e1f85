package org.diffusionplayground.scene;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.diffusionplayground.render.Colormap;
import org.diffusionplayground.render.SceneLayers.LegendEntry;
import org.diffusionplayground.render.SceneSnapshot;

/**
 * Collects the legend rows of a frame in a fixed order; rows for data, particles and trails take their
 * colours from the theme the frame is drawn with.
 */
public final class SceneLegend {

    private final List<LegendEntry> entries = new ArrayList<>();

    public void data(String name) {
        entries.add(LegendEntry.themed("data: " + name, LegendEntry.Role.DATA, LegendEntry.Shape.DOT));
    }

    public void particles(String label) {
        entries.add(LegendEntry.themed(label, LegendEntry.Role.PARTICLES, LegendEntry.Shape.DOT));
    }

    public void trails() {
        entries.add(LegendEntry.themed("paths of the first particles", LegendEntry.Role.TRAIL, LegendEntry.Shape.LINE));
    }

    public void field(String label) {
        entries.add(new LegendEntry(label, Colormap.CIVIDIS.color(0.7), LegendEntry.Shape.ARROW));
    }

    /** Drops the rows of one role (an overlay that replaces the particles with its own points). */
    public void remove(LegendEntry.Role role) {
        entries.removeIf(e -> e.role() == role);
    }

    public void add(String label, Color color, LegendEntry.Shape shape) {
        entries.add(new LegendEntry(label, color, shape));
    }

    public void addTo(SceneSnapshot.Builder b) {
        entries.forEach(b::legend);
    }
}
