package org.diffusionplayground.model.score;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The parameters of a score network: for each layer l a weight matrix W_l (fanOut × fanIn, row-major,
 * the PyTorch/safetensors layout) and a bias b_l. Immutable; training produces a new instance at each
 * snapshot. The transposed copies (fanIn × fanOut) in float and double are what the evaluators stream
 * through: the inner loop then runs along contiguous output units. A narrow layer (the 2-unit output)
 * is evaluated as dot products along the inputs instead, with the untransposed weights.
 */
public final class Mlp {

    private final MlpSpec spec;
    private final float[][] weights;
    private final float[][] biases;
    private final float[][] weightsT;
    private final double[][] weightsTd;
    private final double[][] weightsD;
    private final double[][] biasesD;

    private Mlp(MlpSpec spec, float[][] weights, float[][] biases) {
        this.spec = spec;
        this.weights = weights;
        this.biases = biases;
        int layers = spec.layers();
        this.weightsT = new float[layers][];
        this.weightsTd = new double[layers][];
        this.weightsD = new double[layers][];
        this.biasesD = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int in = spec.fanIn(l);
            int out = spec.fanOut(l);
            float[] t = new float[in * out];
            double[] td = new double[in * out];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    t[i * out + o] = weights[l][o * in + i];
                    td[i * out + o] = weights[l][o * in + i];
                }
            }
            weightsT[l] = t;
            weightsTd[l] = td;
            weightsD[l] = new double[in * out];
            for (int i = 0; i < in * out; i++) {
                weightsD[l][i] = weights[l][i];
            }
            biasesD[l] = new double[out];
            for (int o = 0; o < out; o++) {
                biasesD[l][o] = biases[l][o];
            }
        }
    }

    /**
     * Fresh parameters: W ~ N(0, 1/fanIn) (LeCun normal, Flax's Dense default, which the paper's code
     * uses), b = 0. Seeded.
     */
    public static Mlp initialise(MlpSpec spec, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] w = new float[spec.layers()][];
        float[][] b = new float[spec.layers()][];
        for (int l = 0; l < spec.layers(); l++) {
            int in = spec.fanIn(l);
            int out = spec.fanOut(l);
            double std = 1.0 / Math.sqrt(in);
            w[l] = new float[in * out];
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = (float) (std * rng.nextGaussian());
            }
            b[l] = new float[out];
        }
        return new Mlp(spec, w, b);
    }

    /** Parameters from arrays in the W[out][in] layout; shapes are checked, values must be finite. */
    public static Mlp of(MlpSpec spec, float[][] weights, float[][] biases) {
        if (weights.length != spec.layers() || biases.length != spec.layers()) {
            throw new IllegalArgumentException("expected " + spec.layers() + " layers, got "
                    + weights.length + " weight and " + biases.length + " bias arrays");
        }
        float[][] w = new float[spec.layers()][];
        float[][] b = new float[spec.layers()][];
        for (int l = 0; l < spec.layers(); l++) {
            int in = spec.fanIn(l);
            int out = spec.fanOut(l);
            if (weights[l].length != in * out) {
                throw new IllegalArgumentException("layer " + l + " weight has " + weights[l].length
                        + " entries, expected " + out + "×" + in);
            }
            if (biases[l].length != out) {
                throw new IllegalArgumentException("layer " + l + " bias has " + biases[l].length
                        + " entries, expected " + out);
            }
            requireFinite(weights[l], "layer " + l + " weight");
            requireFinite(biases[l], "layer " + l + " bias");
            w[l] = weights[l].clone();
            b[l] = biases[l].clone();
        }
        return new Mlp(spec, w, b);
    }

    private static void requireFinite(float[] a, String what) {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(what + " contains a non-finite value (" + v + ")");
            }
        }
    }

    public MlpSpec spec() {
        return spec;
    }

    /** A copy of W_l, fanOut × fanIn row-major. */
    public float[] weight(int layer) {
        return weights[layer].clone();
    }

    /** A copy of b_l. */
    public float[] bias(int layer) {
        return biases[layer].clone();
    }

    /** All parameters flattened layer by layer as (W_l, b_l): the order optimisers and EMA use. */
    public float[] flatParameters() {
        float[] flat = new float[spec.parameterCount()];
        int k = 0;
        for (int l = 0; l < spec.layers(); l++) {
            System.arraycopy(weights[l], 0, flat, k, weights[l].length);
            k += weights[l].length;
            System.arraycopy(biases[l], 0, flat, k, biases[l].length);
            k += biases[l].length;
        }
        return flat;
    }

    /** The inverse of {@link #flatParameters()}. */
    public static Mlp fromFlat(MlpSpec spec, float[] flat) {
        if (flat.length != spec.parameterCount()) {
            throw new IllegalArgumentException("expected " + spec.parameterCount() + " parameters, got " + flat.length);
        }
        float[][] w = new float[spec.layers()][];
        float[][] b = new float[spec.layers()][];
        int k = 0;
        for (int l = 0; l < spec.layers(); l++) {
            int in = spec.fanIn(l);
            int out = spec.fanOut(l);
            w[l] = Arrays.copyOfRange(flat, k, k + in * out);
            k += in * out;
            b[l] = Arrays.copyOfRange(flat, k, k + out);
            k += out;
        }
        return of(spec, w, b);
    }

    float[] weightF(int layer) {
        return weights[layer];
    }

    float[] weightT(int layer) {
        return weightsT[layer];
    }

    double[] weightTd(int layer) {
        return weightsTd[layer];
    }

    /** W_l in double, untransposed (fanOut × fanIn): rows are the dot products of a narrow layer. */
    double[] weightD(int layer) {
        return weightsD[layer];
    }

    float[] biasF(int layer) {
        return biases[layer];
    }

    double[] biasD(int layer) {
        return biasesD[layer];
    }
}
