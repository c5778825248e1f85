package org.diffusionplayground.model.score;

/**
 * Architecture of the score network: an MLP on concat(x, embed(t)) with {@code depth} hidden layers of
 * {@code width} units and a linear 2-unit output read as {@code target}. A conditional network ({@code
 * classes} &gt; 0) also reads its class as a one-hot of {@code classes + 1} entries, the last one the null
 * label ∅ of classifier-free guidance (docs/MATH.md §8): concat(x, embed(t), onehot(y)). Like the time
 * features, the label does not depend on x, so it only shifts the first layer's pre-activation.
 *
 * @param classes number of classes the network is conditioned on; 0 for an unconditional network
 */
public record MlpSpec(int width, int depth, Activation activation, TimeEmbedding embedding, Target target,
        int classes) {

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
        if (classes < 0 || classes > org.diffusionplayground.model.data.PointSet.MAX_CLASSES) {
            throw new IllegalArgumentException("a conditional network has between 1 and "
                    + org.diffusionplayground.model.data.PointSet.MAX_CLASSES + " classes, got " + classes);
        }
    }

    /** An unconditional network. */
    public MlpSpec(int width, int depth, Activation activation, TimeEmbedding embedding, Target target) {
        this(width, depth, activation, embedding, target, 0);
    }

    /** The same architecture conditioned on {@code n} classes (0: unconditional). */
    public MlpSpec withClasses(int n) {
        return new MlpSpec(width, depth, activation, embedding, target, n);
    }

    public boolean conditional() {
        return classes > 0;
    }

    /** Entries of the label's one-hot: the classes and the null label, or none for an unconditional network. */
    public int labelDim() {
        return classes > 0 ? classes + 1 : 0;
    }

    /** Where the label's one-hot starts in the input row (after x and the time features). */
    public int labelOffset() {
        return 2 + embedding.dim();
    }

    /** The one-hot index of the null label ∅. */
    public int nullLabel() {
        return classes;
    }

    /** The paper's network (MATH.md §2): concat(x, t), 3 × 128 swish, score output. */
    public static MlpSpec paper() {
        return new MlpSpec(128, 3, Activation.SILU, TimeEmbedding.RAW_T, Target.SCORE);
    }

    public int inputDim() {
        return 2 + embedding.dim() + labelDim();
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
