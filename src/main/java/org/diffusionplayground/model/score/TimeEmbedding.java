package org.diffusionplayground.model.score;

/**
 * How the network sees time. {@code RAW} is the paper's network, concat(x, t); {@code SINUSOIDAL} is
 * the transformer-style embedding [sin(ω_k·1000t), cos(ω_k·1000t)] with ω_k = 10000^(−k/(dim/2)),
 * the DDPM choice for t ∈ [0, 1]. The embedding does not depend on x, so it only shifts the first
 * layer's pre-activation and input derivatives never see it.
 */
public record TimeEmbedding(Kind kind, int dim) {

    public enum Kind { RAW, SINUSOIDAL }

    public static final TimeEmbedding RAW_T = new TimeEmbedding(Kind.RAW, 1);

    public TimeEmbedding {
        if (kind == null) {
            throw new IllegalArgumentException("time embedding kind is missing");
        }
        if (kind == Kind.RAW && dim != 1) {
            throw new IllegalArgumentException("the raw time embedding has dimension 1, got " + dim);
        }
        if (kind == Kind.SINUSOIDAL && (dim < 2 || dim > 256 || dim % 2 != 0)) {
            throw new IllegalArgumentException("a sinusoidal time embedding needs an even dimension in [2, 256], got " + dim);
        }
    }

    public static TimeEmbedding sinusoidal(int dim) {
        return new TimeEmbedding(Kind.SINUSOIDAL, dim);
    }

    /**
     * ω_k = 10000^(−k/half) for every half-dimension a sinusoidal embedding can have, computed once:
     * {@code Math.exp} per feature per call was ~1 µs of every jet evaluation (docs/benchmarks.md).
     * Everyone who forms the phases (the trainer's batch writer too) reads this table, so training and
     * sampling see bit-identical features.
     */
    private static final double[][] FREQUENCIES = new double[129][];

    static {
        for (int half = 1; half <= 128; half++) {
            FREQUENCIES[half] = new double[half];
            for (int k = 0; k < half; k++) {
                FREQUENCIES[half][k] = Math.exp(-Math.log(10000.0) * k / half);
            }
        }
    }

    /** The frequencies ω_k of a sinusoidal embedding (shared, do not modify). */
    public double[] frequencies() {
        if (kind != Kind.SINUSOIDAL) {
            throw new IllegalStateException("the raw time embedding has no frequencies");
        }
        return FREQUENCIES[dim / 2];
    }

    /** Writes the dim features of time t into {@code out[offset ..]}. */
    public void features(double t, double[] out, int offset) {
        if (kind == Kind.RAW) {
            out[offset] = t;
            return;
        }
        double[] w = FREQUENCIES[dim / 2];
        int half = w.length;
        double scaled = 1000 * t;
        for (int k = 0; k < half; k++) {
            out[offset + k] = Math.sin(scaled * w[k]);
            out[offset + half + k] = Math.cos(scaled * w[k]);
        }
    }
}
