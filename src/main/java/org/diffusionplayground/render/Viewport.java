package org.diffusionplayground.render;

/**
 * The map between data coordinates and pixels: world rectangle [xMin, xMax] × [yMin, yMax] onto a
 * width × height pixel image, y up. One world unit has the same length on both axes (circles stay
 * round); {@link #fit} pads the shorter side.
 */
public record Viewport(double xMin, double xMax, double yMin, double yMax, int width, int height) {

    public Viewport {
        if (width < 1 || height < 1 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("image size must be between 1 and 16384 pixels per side, got "
                    + width + "×" + height);
        }
        if (!(xMax > xMin) || !(yMax > yMin) || !Double.isFinite(xMax - xMin) || !Double.isFinite(yMax - yMin)) {
            throw new IllegalArgumentException("the visible region must have positive finite size");
        }
    }

    /** The square world region centred at (cx, cy) with half-width {@code halfSize}, fitted to the pixels. */
    public static Viewport fit(double cx, double cy, double halfSize, int width, int height) {
        double aspect = (double) width / height;
        double hx = aspect >= 1 ? halfSize * aspect : halfSize;
        double hy = aspect >= 1 ? halfSize : halfSize / aspect;
        return new Viewport(cx - hx, cx + hx, cy - hy, cy + hy, width, height);
    }

    public double scale() {
        return width / (xMax - xMin);
    }

    public double px(double x) {
        return (x - xMin) / (xMax - xMin) * width;
    }

    public double py(double y) {
        return (yMax - y) / (yMax - yMin) * height;
    }

    public double worldX(double px) {
        return xMin + px / width * (xMax - xMin);
    }

    public double worldY(double py) {
        return yMax - py / height * (yMax - yMin);
    }

    public double centreX() {
        return 0.5 * (xMin + xMax);
    }

    public double centreY() {
        return 0.5 * (yMin + yMax);
    }

    /** Half of the shorter world side. */
    public double halfSize() {
        return 0.5 * Math.min(xMax - xMin, yMax - yMin);
    }

    /** Zoom by {@code factor} (> 1 zooms in) keeping the world point under pixel (px, py) fixed. */
    public Viewport zoom(double factor, double px, double py) {
        double wx = worldX(px);
        double wy = worldY(py);
        double nxMin = wx - (wx - xMin) / factor;
        double nxMax = wx + (xMax - wx) / factor;
        double nyMin = wy - (wy - yMin) / factor;
        double nyMax = wy + (yMax - wy) / factor;
        return new Viewport(nxMin, nxMax, nyMin, nyMax, width, height);
    }

    /** Pans by a pixel offset (dragging right moves the world right). */
    public Viewport pan(double dxPixels, double dyPixels) {
        double dx = dxPixels / scale();
        double dy = dyPixels / scale();
        return new Viewport(xMin - dx, xMax - dx, yMin + dy, yMax + dy, width, height);
    }
}
