package org.diffusionplayground.render;

import java.awt.Color;

/**
 * Colour-blind-safe colour maps: perceptually uniform matplotlib viridis, cividis and inferno, and a diverging
 * orange–purple one, by linear interpolation between 9 anchors taken from the published tables
 * (accurate to a few units of 8-bit).
 */
public enum Colormap {

    VIRIDIS(new int[] {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725}),
    CIVIDIS(new int[] {0x00224E, 0x123570, 0x3B496C, 0x575D6D, 0x707173, 0x8A8779, 0xA69D75, 0xC4B56C, 0xFDEA45}),
    /**
     * matplotlib's inferno (black → purple → orange → pale yellow): for densities under the particles,
     * whose blues stand out against its warm upper half where the particles are.
     */
    INFERNO(new int[] {0x000004, 0x1F0C48, 0x550F6D, 0x88226A, 0xBA3655, 0xE35933, 0xF98C0A, 0xF9C932, 0xFCFFA4}),
    /**
     * Diverging, for signed quantities (the WKB coefficient C): ColorBrewer's PuOr ends (orange for
     * negative, purple for positive; told apart under every common colour-vision deficiency) through a
     * mid grey instead of white, so values near 0 stay visible on light and dark backgrounds alike.
     * Meant for u = 0.5 + value / (2 · max|value|).
     */
    ORANGE_PURPLE(new int[] {0xB35806, 0xE08214, 0xFDB863, 0xD9B98F, 0xA8A8A8, 0xB3ABD2, 0x9E9AC8, 0x8073AC, 0x542788});

    private final int[] anchors;
    private final int[] lut = new int[256];

    Colormap(int[] anchors) {
        this.anchors = anchors;
        for (int i = 0; i < 256; i++) {
            lut[i] = interpolate(i / 255.0);
        }
    }

    private int interpolate(double u) {
        double pos = u * (anchors.length - 1);
        int k = Math.min(anchors.length - 2, (int) Math.floor(pos));
        double f = pos - k;
        int a = anchors[k];
        int b = anchors[k + 1];
        int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
        int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
        return (r << 16) | (g << 8) | bl;
    }

    /** RGB (no alpha) of u ∈ [0, 1], clamped; NaN maps to 0. */
    public int rgb(double u) {
        if (!(u > 0)) {
            return lut[0];
        }
        if (u >= 1) {
            return lut[255];
        }
        return lut[(int) (u * 255 + 0.5)];
    }

    public Color color(double u) {
        return new Color(rgb(u));
    }
}
