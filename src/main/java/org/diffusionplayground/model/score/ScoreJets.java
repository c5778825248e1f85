package org.diffusionplayground.model.score;

/**
 * Value and x-derivatives of a score field up to third order, per point, in one flat array with
 * stride {@link #STRIDE}. With s = (s₀, s₁) and derivative indices x = 0, y = 1:
 * <pre>
 *   [0..1]    s_i
 *   [2..5]    ∂_j s_i          at 2 + 2i + j              (the Jacobian J_ij, row i = component)
 *   [6..11]   ∂_j∂_k s_i       at 6 + 3i + {xx, xy, yy}
 *   [12..19]  ∂_j∂_k∂_l s_i    at 12 + 4i + {xxx, xxy, xyy, yyy}
 * </pre>
 * (MATH.md §5 needs all of them: the WKB backward equations use ∇∇(∇·s) and the Hessians of each
 * component.) Entries above the requested order are left untouched.
 */
public final class ScoreJets {

    public static final int STRIDE = 20;
    public static final int VALUE = 0;
    public static final int JACOBIAN = 2;
    public static final int HESSIAN = 6;
    public static final int THIRD = 12;

    private double[] data;
    private int capacity;

    public ScoreJets(int capacity) {
        this.capacity = capacity;
        this.data = new double[capacity * STRIDE];
    }

    /** Grows the buffer to hold at least n points. */
    public void ensureCapacity(int n) {
        if (n > capacity) {
            capacity = Math.max(n, 2 * capacity);
            data = new double[capacity * STRIDE];
        }
    }

    public int capacity() {
        return capacity;
    }

    /** The raw array; point p starts at {@code p * STRIDE}. */
    public double[] data() {
        return data;
    }

    public double value(int p, int i) {
        return data[p * STRIDE + i];
    }

    /** ∂_j s_i. */
    public double jacobian(int p, int i, int j) {
        return data[p * STRIDE + JACOBIAN + 2 * i + j];
    }

    /** ∂_j∂_k s_i. */
    public double hessian(int p, int i, int j, int k) {
        return data[p * STRIDE + HESSIAN + 3 * i + j + k];
    }

    /** ∂_j∂_k∂_l s_i. */
    public double third(int p, int i, int j, int k, int l) {
        return data[p * STRIDE + THIRD + 4 * i + j + k + l];
    }

    /** ∇·s = ∂₀s₀ + ∂₁s₁. */
    public double divergence(int p) {
        return jacobian(p, 0, 0) + jacobian(p, 1, 1);
    }

    /** ∂_j (∇·s). */
    public double gradDivergence(int p, int j) {
        return hessian(p, 0, 0, j) + hessian(p, 1, 1, j);
    }

    /** ∂_j∂_k (∇·s). */
    public double hessDivergence(int p, int j, int k) {
        return third(p, 0, 0, j, k) + third(p, 1, 1, j, k);
    }
}
