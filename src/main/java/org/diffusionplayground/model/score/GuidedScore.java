package org.diffusionplayground.model.score;

/**
 * s_w = (1 + w) s_c − w s_u: the guided score of {@link Guidance}, for values and for jets (the combination
 * is linear, so every input derivative combines the same way).
 */
final class GuidedScore implements ScoreModel {

    private final ScoreModel conditional;
    private final ScoreModel unconditional;
    private final double w;
    private final ThreadLocal<double[]> buffers = ThreadLocal.withInitial(() -> new double[0]);

    GuidedScore(ScoreModel conditional, ScoreModel unconditional, double w) {
        this.conditional = conditional;
        this.unconditional = unconditional;
        this.w = w;
    }

    private double[] buffer(int length) {
        double[] b = buffers.get();
        if (b.length < length) {
            b = new double[length];
            buffers.set(b);
        }
        return b;
    }

    @Override
    public void score(double t, double[] xy, int n, double[] out) {
        double[] u = buffer(2 * n);
        unconditional.score(t, xy, n, u);
        conditional.score(t, xy, n, out);
        combine(out, u, 2 * n);
    }

    @Override
    public void score(double[] t, double[] xy, int n, double[] out) {
        double[] u = buffer(2 * n);
        unconditional.score(t, xy, n, u);
        conditional.score(t, xy, n, out);
        combine(out, u, 2 * n);
    }

    @Override
    public void jets(double[] t, double[] xy, int n, int order, ScoreJets out) {
        ScoreJets u = new ScoreJets(n);
        unconditional.jets(t, xy, n, order, u);
        conditional.jets(t, xy, n, order, out);
        combine(out.data(), u.data(), n * ScoreJets.STRIDE);
    }

    /** out ← (1 + w) out − w u: at w = 0 the conditional score as it is, at w = −1 the unconditional one. */
    private void combine(double[] out, double[] u, int length) {
        double a = 1 + w;
        for (int i = 0; i < length; i++) {
            out[i] = a * out[i] - w * u[i];
        }
    }

    @Override
    public String describe() {
        return conditional.describe() + ", guided w = " + w;
    }
}
