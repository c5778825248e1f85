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

    /** Writes the dim features of time t into {@code out[offset ..]}. */
    public void features(double t, double[] out, int offset) {
        if (kind == Kind.RAW) {
            out[offset] = t;
            return;
        }
        int half = dim / 2;
        double scaled = 1000 * t;
        for (int k = 0; k < half; k++) {
            double w = Math.exp(-Math.log(10000.0) * k / half);
            out[offset + k] = Math.sin(scaled * w);
            out[offset + half + k] = Math.cos(scaled * w);
        }
    }
}
