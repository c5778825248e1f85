package org.diffusionplayground.render;

/**
 * Fast particle drawing straight into a premultiplied-ARGB pixel array (the shared buffer of the live
 * view): one precomputed antialiased disc per radius, blended "source over". 10 000 Java2D or JavaFX
 * fillOval calls miss a 60 fps frame; splatting into one buffer holds it (docs/benchmarks.md,
 * "Desktop app").
 */
final class ParticleRaster {

    private final int size;
    private final int half;
    private final float[] coverage;

    ParticleRaster(double radius) {
        half = (int) Math.ceil(radius + 0.5);
        size = 2 * half + 1;
        coverage = new float[size * size];
        // 4×4 supersampled coverage of a disc of the given radius centred on the middle pixel
        for (int py = 0; py < size; py++) {
            for (int px = 0; px < size; px++) {
                int inside = 0;
                for (int sy = 0; sy < 4; sy++) {
                    for (int sx = 0; sx < 4; sx++) {
                        double dx = px - half + (sx + 0.5) / 4 - 0.5;
                        double dy = py - half + (sy + 0.5) / 4 - 0.5;
                        if (dx * dx + dy * dy <= radius * radius) {
                            inside++;
                        }
                    }
                }
                coverage[py * size + px] = inside / 16f;
            }
        }
    }

    /** Blends an RGB dot of opacity {@code alpha} centred at pixel (cx, cy). */
    void splat(int[] pixels, int width, int height, double cx, double cy, int rgb, float alpha) {
        int x0 = (int) Math.round(cx) - half;
        int y0 = (int) Math.round(cy) - half;
        if (x0 >= width || y0 >= height || x0 + size <= 0 || y0 + size <= 0) {
            return;
        }
        int r = (rgb >> 16) & 255;
        int g = (rgb >> 8) & 255;
        int b = rgb & 255;
        for (int py = 0; py < size; py++) {
            int y = y0 + py;
            if (y < 0 || y >= height) {
                continue;
            }
            int row = y * width;
            for (int px = 0; px < size; px++) {
                int x = x0 + px;
                if (x < 0 || x >= width) {
                    continue;
                }
                float a = coverage[py * size + px] * alpha;
                if (a <= 0) {
                    continue;
                }
                int dst = pixels[row + x];
                float inv = 1 - a;
                int da = (dst >>> 24) & 255;
                int dr = (dst >> 16) & 255;
                int dg = (dst >> 8) & 255;
                int db = dst & 255;
                int oa = (int) (255 * a + da * inv + 0.5f);
                int or = (int) (r * a + dr * inv + 0.5f);
                int og = (int) (g * a + dg * inv + 0.5f);
                int ob = (int) (b * a + db * inv + 0.5f);
                pixels[row + x] = (oa << 24) | (or << 16) | (og << 8) | ob;
            }
        }
    }
}
