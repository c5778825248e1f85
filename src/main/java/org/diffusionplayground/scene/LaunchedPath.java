package org.diffusionplayground.scene;

/**
 * A particle the user launched by clicking at (x, y) at time t: its backward path under the 𝔥-process
 * down to t_min and that path's Onsager–Machlup action Ã_𝔥 (MATH.md §3).
 */
public record LaunchedPath(double x, double y, double t, double h, float[] path, double action) {
}
