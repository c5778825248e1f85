package org.diffusionplayground.render;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.font.TextAttribute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.AttributedString;

/**
 * The bundled fonts (DejaVu Sans, and DejaVu Math TeX Gyre for 𝔥 = U+1D525, which no common UI font
 * has), so drawings and exports look the same on every operating system and golden images are
 * reproducible. Text is drawn as attributed runs: each character in the sans font when it has the
 * glyph, in the math font otherwise.
 */
public final class Fonts {

    public static final String SANS = "DejaVuSans.ttf";
    public static final String SANS_BOLD = "DejaVuSans-Bold.ttf";
    public static final String MATH = "DejaVuMathTeXGyre.ttf";

    private static final Font SANS_FONT = load(SANS);
    private static final Font SANS_BOLD_FONT = load(SANS_BOLD);
    private static final Font MATH_FONT = load(MATH);

    private Fonts() {
    }

    /** The font file as a stream (the JavaFX side loads the same files). */
    public static InputStream open(String file) {
        InputStream in = Fonts.class.getResourceAsStream("/org/diffusionplayground/fonts/" + file);
        if (in == null) {
            throw new IllegalStateException("bundled font " + file + " is missing from the class path");
        }
        return in;
    }

    private static Font load(String file) {
        try (InputStream in = open(file)) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("bundled font " + file + " is corrupt", e);
        }
    }

    /** Derived fonts are cached: deriveFont per label cost more than drawing it. */
    private static final java.util.Map<Long, Font> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private static Font cached(Font base, int which, float size) {
        long key = ((long) which << 32) | Float.floatToIntBits(size);
        return CACHE.computeIfAbsent(key, k -> base.deriveFont(size));
    }

    public static Font sans(float size, boolean bold) {
        return bold ? cached(SANS_BOLD_FONT, 1, size) : cached(SANS_FONT, 0, size);
    }

    public static Font math(float size) {
        return cached(MATH_FONT, 2, size);
    }

    /** {@code text} with a font per run: sans where it has the glyph, the math font elsewhere. */
    public static AttributedString styled(String text, float size, boolean bold) {
        Font sans = sans(size, bold);
        Font math = math(size * 1.1f);
        AttributedString s = new AttributedString(text);
        if (text.isEmpty()) {
            return s;
        }
        s.addAttribute(TextAttribute.FONT, sans);
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (!sans.canDisplay(cp)) {
                s.addAttribute(TextAttribute.FONT, math, i, i + len);
            }
            i += len;
        }
        return s;
    }

    /** Draws styled text with its baseline at (x, y). */
    public static void draw(Graphics2D g, String text, float size, boolean bold, float x, float y) {
        if (text.isEmpty()) {
            return;
        }
        Font sans = sans(size, bold);
        if (sans.canDisplayUpTo(text) < 0) {
            g.setFont(sans); // fast path: one font, no attributed runs
            g.drawString(text, x, y);
            return;
        }
        g.drawString(styled(text, size, bold).getIterator(), x, y);
    }

    /** Advance width of the styled text. */
    public static float width(Graphics2D g, String text, float size, boolean bold) {
        if (text.isEmpty()) {
            return 0;
        }
        Font sans = sans(size, bold);
        if (sans.canDisplayUpTo(text) < 0) {
            return (float) sans.getStringBounds(text, g.getFontRenderContext()).getWidth();
        }
        return (float) new java.awt.font.TextLayout(styled(text, size, bold).getIterator(), g.getFontRenderContext())
                .getAdvance();
    }
}
