package org.diffusionplayground.model.score;

/**
 * Truncated bivariate Taylor polynomials Σ_{a+b≤4} c_ab (dx)^a (dy)^b: exact derivatives of closed-form
 * densities up to fourth order (the exact mixture score's third derivatives are fourth derivatives of
 * log p). Slow next to the MLP jets, but only reference fields use it.
 *
 * <p>Coefficients are Taylor coefficients: ∂ₓᵃ∂ᵧᵇ f = a! b! c_ab.
 */
final class Taylor2 {

    static final int ORDER = 4;
    static final int SIZE = 15;
    private static final int[] INDEX = new int[(ORDER + 1) * (ORDER + 1)];
    private static final int[] A = new int[SIZE];
    private static final int[] B = new int[SIZE];

    static {
        java.util.Arrays.fill(INDEX, -1);
        int k = 0;
        for (int deg = 0; deg <= ORDER; deg++) {
            for (int a = deg; a >= 0; a--) {
                int b = deg - a;
                INDEX[a * (ORDER + 1) + b] = k;
                A[k] = a;
                B[k] = b;
                k++;
            }
        }
    }

    private Taylor2() {
    }

    static int index(int a, int b) {
        return INDEX[a * (ORDER + 1) + b];
    }

    /** out = f · g, truncated; out must not alias f or g. */
    static void multiply(double[] f, double[] g, double[] out) {
        java.util.Arrays.fill(out, 0, SIZE, 0.0);
        for (int i = 0; i < SIZE; i++) {
            double fi = f[i];
            if (fi == 0) {
                continue;
            }
            for (int j = 0; j < SIZE; j++) {
                int a = A[i] + A[j];
                int b = B[i] + B[j];
                if (a + b <= ORDER) {
                    out[index(a, b)] += fi * g[j];
                }
            }
        }
    }

    /** out = exp(f). With f = f₀ + f̄: e^{f₀}(1 + f̄ + f̄²/2 + f̄³/6 + f̄⁴/24), exact after truncation. */
    static void exp(double[] f, double[] out, double[] s1, double[] s2) {
        double e0 = Math.exp(f[0]);
        double[] bar = s1;
        System.arraycopy(f, 0, bar, 0, SIZE);
        bar[0] = 0;
        double[] power = s2;
        System.arraycopy(bar, 0, power, 0, SIZE);
        double[] tmp = new double[SIZE];
        java.util.Arrays.fill(out, 0, SIZE, 0.0);
        out[0] = 1;
        double factorial = 1;
        for (int n = 1; n <= ORDER; n++) {
            factorial *= n;
            for (int i = 0; i < SIZE; i++) {
                out[i] += power[i] / factorial;
            }
            if (n < ORDER) {
                multiply(power, bar, tmp);
                System.arraycopy(tmp, 0, power, 0, SIZE);
            }
        }
        for (int i = 0; i < SIZE; i++) {
            out[i] *= e0;
        }
    }

    /** out = log(f), f₀ > 0. With u = f̄/f₀: log f₀ + u − u²/2 + u³/3 − u⁴/4. */
    static void log(double[] f, double[] out) {
        double f0 = f[0];
        double[] u = new double[SIZE];
        for (int i = 1; i < SIZE; i++) {
            u[i] = f[i] / f0;
        }
        double[] power = u.clone();
        double[] tmp = new double[SIZE];
        java.util.Arrays.fill(out, 0, SIZE, 0.0);
        for (int n = 1; n <= ORDER; n++) {
            double sign = n % 2 == 1 ? 1 : -1;
            for (int i = 0; i < SIZE; i++) {
                out[i] += sign * power[i] / n;
            }
            if (n < ORDER) {
                multiply(power, u, tmp);
                System.arraycopy(tmp, 0, power, 0, SIZE);
            }
        }
        out[0] = Math.log(f0);
    }

    /** ∂ₓᵃ∂ᵧᵇ of the polynomial at the expansion point. */
    static double derivative(double[] f, int a, int b) {
        return factorial(a) * factorial(b) * f[index(a, b)];
    }

    private static double factorial(int n) {
        double r = 1;
        for (int i = 2; i <= n; i++) {
            r *= i;
        }
        return r;
    }

    /**
     * Writes the score jets of log-density polynomial F (s = ∇F) for one point into the
     * {@link ScoreJets} layout at {@code dst}: ∂_j s_i = ∂_i∂_j F and so on up to fourth derivatives.
     */
    static void scoreJetsFromLogDensity(double[] logp, double[] data, int dst, int order) {
        for (int i = 0; i < 2; i++) {
            int ai = i == 0 ? 1 : 0;
            int bi = 1 - ai;
            data[dst + i] = derivative(logp, ai, bi);
            for (int j = 0; j < 2; j++) {
                data[dst + ScoreJets.JACOBIAN + 2 * i + j] = derivative(logp, ai + (j == 0 ? 1 : 0), bi + j);
            }
            if (order >= 2) {
                for (int jk = 0; jk < 3; jk++) { // jk = number of y among the two extra derivatives
                    data[dst + ScoreJets.HESSIAN + 3 * i + jk] = derivative(logp, ai + 2 - jk, bi + jk);
                }
            }
            if (order >= 3) {
                for (int jkl = 0; jkl < 4; jkl++) {
                    data[dst + ScoreJets.THIRD + 4 * i + jkl] = derivative(logp, ai + 3 - jkl, bi + jkl);
                }
            }
        }
    }
}
