package org.diffusionplayground.model.random;

/**
 * Counter-based standard normal numbers: the draw for (seed, stream, index) is a pure function of the
 * three, like Philox in JAX. This is what makes a slider move show the effect of 𝔥 alone: step k of
 * particle i gets the same noise z_{k,i} at every 𝔥, every thread split and every frame rate.
 *
 * <p>Bits come from SplitMix64's finaliser over the mixed counter; two uniforms feed Box–Muller,
 * which gives the pair used for a particle's (x, y).
 */
public final class CounterNormal {

    private static final double TWO_POW_M53 = 0x1.0p-53;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;

    public CounterNormal(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** SplitMix64 finaliser: a bijective avalanche of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private long bits(long stream, long index, long lane) {
        long h = mix(seed * GOLDEN + 0x632BE59BD9B4E019L);
        h = mix(h + stream * GOLDEN + 0x1B873593L);
        h = mix(h + index * GOLDEN + lane);
        return h;
    }

    /** A uniform number in the open interval (0, 1). */
    public double uniform(long stream, long index) {
        return ((bits(stream, index, 7) >>> 11) + 0.5) * TWO_POW_M53;
    }

    /** Writes a pair of independent N(0,1) draws for (stream, index) into out[offset], out[offset+1]. */
    public void pair(long stream, long index, double[] out, int offset) {
        double u1 = ((bits(stream, index, 1) >>> 11) + 0.5) * TWO_POW_M53;
        double u2 = ((bits(stream, index, 2) >>> 11) + 0.5) * TWO_POW_M53;
        double r = Math.sqrt(-2 * Math.log(u1));
        double a = 2 * Math.PI * u2;
        out[offset] = r * Math.cos(a);
        out[offset + 1] = r * Math.sin(a);
    }

    /** Fills {@code out[2i], out[2i+1]} with the pair for (stream, i), for i in [0, n). */
    public void fill(long stream, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            pair(stream, i, out, 2 * i);
        }
    }
}
