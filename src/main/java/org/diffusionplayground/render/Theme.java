package org.diffusionplayground.render;

import java.awt.Color;

/**
 * Colours, line widths and font sizes of a drawing, light or dark, normal or lecture size. The
 * categorical colours are Okabe–Ito's colour-blind-safe palette; continuous quantities use
 * {@link Colormap#CIVIDIS} or {@link Colormap#VIRIDIS}. The CSS themes of the app use the same values.
 */
public record Theme(String name, boolean dark, Color background, Color panel, Color grid, Color axis, Color text,
        Color data, Color particles, Color trail, Color accent, Color secondAccent, double scale) {

    /** Okabe–Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple. */
    public static final Color[] OKABE_ITO = {
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x009E73), new Color(0xF0E442),
        new Color(0x0072B2), new Color(0xD55E00), new Color(0xCC79A7)};

    public static final Theme LIGHT = new Theme("light", false, new Color(0xFAFAF7), new Color(0xF0F0EB),
            new Color(0xE3E3DC), new Color(0x5A5A5A), new Color(0x1E1E1E), new Color(0x9A9A9A),
            new Color(0x0072B2), new Color(0x56B4E9), new Color(0xD55E00), new Color(0x009E73), 1.0);

    public static final Theme DARK = new Theme("dark", true, new Color(0x15171C), new Color(0x1E2128),
            new Color(0x2A2E37), new Color(0xA8ADB8), new Color(0xECEEF2), new Color(0x6B7080),
            new Color(0x56B4E9), new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), 1.0);

    public static Theme named(String name) {
        return "dark".equalsIgnoreCase(name) ? DARK : LIGHT;
    }

    /** Sizes in lecture mode relative to normal: read from the back of a hall. */
    public static final double LECTURE_SCALE = 1.6;

    /** Largest size factor: lecture mode (1.6) on a 4K export of a window at ×4 still fits. */
    public static final double MAX_SCALE = 8;

    /** The same colours with every size multiplied (lecture mode: thick lines, big labels; 4K exports). */
    public Theme scaled(double factor) {
        if (!(factor >= 0.5) || factor > MAX_SCALE) {
            throw new IllegalArgumentException("theme scale must be in [0.5, " + MAX_SCALE + "], got " + factor);
        }
        return new Theme(name, dark, background, panel, grid, axis, text, data, particles, trail, accent,
                secondAccent, factor);
    }

    /** The same theme with some colours replaced (a preset's own palette); null keeps a colour. */
    public Theme withColours(Color newParticles, Color newData, Color newTrail, Color newAccent) {
        return new Theme(name, dark, background, panel, grid, axis, text, newData != null ? newData : data,
                newParticles != null ? newParticles : particles, newTrail != null ? newTrail : trail,
                newAccent != null ? newAccent : accent, secondAccent, scale);
    }

    public float lineWidth() {
        return (float) (1.5 * scale);
    }

    public float fontSize() {
        return (float) (15 * scale);
    }

    /** Particle dot radius in pixels. */
    public double particleRadius() {
        return 1.6 * scale;
    }

    public double dataRadius() {
        return 1.4 * scale;
    }
}
