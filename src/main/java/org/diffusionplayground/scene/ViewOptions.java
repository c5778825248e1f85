package org.diffusionplayground.scene;

/**
 * What the scene shows besides the particles, and where it looks: the world point at the centre and
 * half the shorter side of the visible region (the pixel size and aspect belong to the output).
 */
public record ViewOptions(boolean showData, boolean showTrails, boolean showField, boolean showExactField,
        boolean showAxes, boolean showLegend, double centreX, double centreY, double halfSize) {

    /** The window's defaults: data, axes and legend on, the unit-scale toy data framed with a margin. */
    public static final ViewOptions DEFAULT = new ViewOptions(true, false, false, false, true, true, 0, 0, 2.4);

    public ViewOptions {
        if (!(halfSize > 0) || !Double.isFinite(halfSize) || !Double.isFinite(centreX) || !Double.isFinite(centreY)) {
            throw new IllegalArgumentException("the view needs a finite centre and a positive half size");
        }
    }
}
