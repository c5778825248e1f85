package org.diffusionplayground.model.score;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * e^x on a vector of doubles (and of floats) from additions, multiplications and fused multiply-adds only, so every
 * execution tier computes the same bits. The Vector API's own {@code lanewise(EXP)} is Intel's SVML once
 * C2 has compiled the loop and a scalar fallback before, which differ in the last bit: the WKB
 * coefficient C(x), whose backward pass amplifies last bits near cliffs of q⁰, then depended on when the
 * JIT got to the jets (docs/results.md, "Reproducible to the last digit"). {@code Math.exp} lane by lane is
 * deterministic too; in alternating benchmark runs neither differed from the other or from SVML by more than
 * the run-to-run spread of ± 15 % (docs/benchmarks.md, "Bit-reproducible jets"), so this one stays vectorised.
 *
 * <p>Cody–Waite reduction x = k·ln 2 + r with |r| ≤ ln 2 / 2 and k = round(x·log₂e), e^r by its Taylor
 * polynomial to degree 13 (truncation r¹⁴/14! < 4·10⁻¹⁸), then 2^k put into the exponent bits. Arguments
 * are clamped to [−708, 709], where e^x and 2^k stay normal doubles: the activations only ever need
 * e^{−z} inside 1/(1 + e^{−z}), which the clamp leaves correct to the last bit.
 */
final class VectorExp {

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 split so that k·LN2_HI is exact for |k| < 2¹¹ (fdlibm's constants). */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5·2⁵²: adding it rounds to an integer held in the low mantissa bits. */
    private static final double SHIFT = 0x1.8p52;
    private static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);
    private static final double MIN = -708;
    private static final double MAX = 709;
    /** 1/k! for k = 13 down to 0. */
    private static final double[] TAYLOR = taylor(13);

    private VectorExp() {
    }

    private static double[] taylor(int degree) {
        double[] c = new double[degree + 1];
        double f = 1;
        for (int k = 1; k <= degree; k++) {
            f *= k;
            c[degree - k] = 1 / f;
        }
        c[degree] = 1;
        return c;
    }

    /** Float constants for {@link #exp(FloatVector)}: 1.5·2²³, ln 2 in two parts (Cephes' expf), clamp. */
    private static final float SHIFT_F = 0x1.8p23f;
    private static final int SHIFT_F_BITS = Float.floatToRawIntBits(SHIFT_F);
    private static final float LN2_HI_F = 0.693359375f;
    private static final float LN2_LO_F = -2.12194440e-4f;
    private static final float MIN_F = -87f;
    private static final float MAX_F = 88f;
    /** 1/k! for k = 7 down to 0: r⁸/8! &lt; 6·10⁻⁹ for |r| ≤ ln 2 / 2, below half a float ulp. */
    private static final float[] TAYLOR_F = floats(taylor(7));

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /**
     * e^x on floats, the same way as {@link #exp(DoubleVector)}: the network's SiLU, in the sampler and
     * the PF-ODE's forward pass, whose last bits otherwise changed when C2 compiled the kernel. Arguments are
     * clamped to [−87, 88], where e^x and 2^k stay normal floats.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(MIN_F).min(MAX_F);
        FloatVector t = xc.fma((float) LOG2E, SHIFT_F);
        FloatVector k = t.sub(SHIFT_F);
        FloatVector r = k.fma(FloatVector.broadcast(x.species(), -LN2_HI_F), xc);
        r = k.fma(FloatVector.broadcast(x.species(), -LN2_LO_F), r);
        FloatVector p = FloatVector.broadcast(x.species(), TAYLOR_F[0]);
        for (int i = 1; i < TAYLOR_F.length; i++) {
            p = p.fma(r, FloatVector.broadcast(x.species(), TAYLOR_F[i]));
        }
        IntVector kBits = (IntVector) t.reinterpretAsInts();
        FloatVector twoToK = kBits.sub(SHIFT_F_BITS).add(127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return p.mul(twoToK);
    }

    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(MIN).min(MAX);
        DoubleVector t = xc.fma(LOG2E, SHIFT);
        DoubleVector k = t.sub(SHIFT);
        DoubleVector r = k.fma(DoubleVector.broadcast(x.species(), -LN2_HI), xc);
        r = k.fma(DoubleVector.broadcast(x.species(), -LN2_LO), r);
        DoubleVector p = DoubleVector.broadcast(x.species(), TAYLOR[0]);
        for (int i = 1; i < TAYLOR.length; i++) {
            p = p.fma(r, DoubleVector.broadcast(x.species(), TAYLOR[i]));
        }
        LongVector kBits = (LongVector) t.reinterpretAsLongs();
        DoubleVector twoToK = kBits.sub(SHIFT_BITS).add(1023).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();
        return p.mul(twoToK);
    }
}
