package org.diffusionplayground.model.score;

/**
 * Smooth activations with their first three derivatives: the WKB correction needs third input
 * derivatives of the score (MATH.md §5), so ReLU is not offered.
 */
public enum Activation {

    /** SiLU / swish, φ(z) = z σ(z); with σ' = σ(1−σ): φ⁽ⁿ⁾ = n σ⁽ⁿ⁻¹⁾ + z σ⁽ⁿ⁾. */
    SILU {
        @Override
        public void derivatives(double z, double[] d) {
            double s = sigmoid(z);
            double s1 = s * (1 - s);
            double s2 = s1 * (1 - 2 * s);
            double s3 = s1 * (1 - 6 * s + 6 * s * s);
            d[0] = z * s;
            d[1] = s + z * s1;
            d[2] = 2 * s1 + z * s2;
            d[3] = 3 * s2 + z * s3;
        }
    },

    /** softplus, φ(z) = log(1 + eᶻ); φ' = σ, φ'' = σ', φ''' = σ''. */
    SOFTPLUS {
        @Override
        public void derivatives(double z, double[] d) {
            double s = sigmoid(z);
            double s1 = s * (1 - s);
            d[0] = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            d[1] = s;
            d[2] = s1;
            d[3] = s1 * (1 - 2 * s);
        }
    },

    /** tanh; φ' = 1 − φ², φ'' = −2φφ', φ''' = −2(φ'² + φφ''). */
    TANH {
        @Override
        public void derivatives(double z, double[] d) {
            double a = Math.tanh(z);
            double a1 = 1 - a * a;
            double a2 = -2 * a * a1;
            d[0] = a;
            d[1] = a1;
            d[2] = a2;
            d[3] = -2 * (a1 * a1 + a * a2);
        }
    };

    /** Writes φ(z), φ'(z), φ''(z), φ'''(z) into d[0..3]. */
    public abstract void derivatives(double z, double[] d);

    public double apply(double z) {
        double[] d = new double[4];
        derivatives(z, d);
        return d[0];
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
