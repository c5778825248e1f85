package org.diffusionplayground.render;

import java.awt.Color;
import java.util.Locale;

/** Colours that replace a theme's (a preset's own palette); a null colour keeps the theme's. */
public record ThemeColours(Color particles, Color data, Color trail, Color accent) {

    public static final ThemeColours NONE = new ThemeColours(null, null, null, null);

    public Theme applyTo(Theme theme) {
        return theme.withColours(particles, data, trail, accent);
    }

    /** "#RRGGBB" (upper case) of a colour, or null. */
    public static String hex(Color c) {
        return c == null ? null : String.format(Locale.ROOT, "#%06X", c.getRGB() & 0xFFFFFF);
    }

    /** The colour of "#RRGGBB", or null for null. */
    public static Color parse(String hex) {
        return hex == null ? null : new Color(Integer.parseInt(hex.substring(1), 16));
    }
}
