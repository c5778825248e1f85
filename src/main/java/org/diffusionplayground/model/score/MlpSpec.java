package org.diffusionplayground.model.score;

/**
 * Architecture of the score network: an MLP on concat(x, embed(t)) with {@code depth} hidden layers of
 * {@code width} units and a linear 2-unit output read as {@code target}.
 */
public record MlpSpec(int width, int depth, Activation activation, TimeEmbedding embedding, Target target) {

    public MlpSpec {
        if (width < 1 || width > 4096) {
            throw new IllegalArgumentException("network width must be in [1, 4096], got " + width);
        }
        if (depth < 1 || depth > 16) {
            throw new IllegalArgumentException("network depth must be in [1, 16], got " + depth);
        }
        if (activation == null || embedding == null || target == null) {
            throw new IllegalArgumentException("activation, time embedding and target must all be given");
        }
    }

    /** The paper's network (MATH.md §2): concat(x, t), 3 × 128 swish, score output. */
    public static MlpSpec paper() {
        return new MlpSpec(128, 3, Activation.SILU, TimeEmbedding.RAW_T, Target.SCORE);
    }

    public int inputDim() {
        return 2 + embedding.dim();
    }

    /** Number of weight matrices: depth hidden layers plus the output layer. */
    public int layers() {
        return depth + 1;
    }

    public int fanIn(int layer) {
        return layer == 0 ? inputDim() : width;
    }

    public int fanOut(int layer) {
        return layer == depth ? 2 : width;
    }

    /**
     * Where W_l starts in the flat parameter order of {@link Mlp#flatParameters()} (W₀, b₀, W₁, b₁, ...),
     * for every layer; the trainers address their parameter buffers with it.
     */
    public int[] weightOffsets() {
        int[] w = new int[layers()];
        int off = 0;
        for (int l = 0; l < layers(); l++) {
            w[l] = off;
            off += fanIn(l) * fanOut(l) + fanOut(l);
        }
        return w;
    }

    /** Where b_l starts in the flat parameter order, for every layer. */
    public int[] biasOffsets() {
        int[] b = weightOffsets();
        for (int l = 0; l < layers(); l++) {
            b[l] += fanIn(l) * fanOut(l);
        }
        return b;
    }

    public int parameterCount() {
        int count = 0;
        for (int l = 0; l < layers(); l++) {
            count += fanIn(l) * fanOut(l) + fanOut(l);
        }
        return count;
    }
}
