package org.diffusionplayground.model.score;

import org.diffusionplayground.model.data.GaussianMixture;
import org.diffusionplayground.model.schedule.Schedule;

/**
 * The exact class-conditional scores of a Gaussian mixture whose classes are its components (the 8 and 25
 * gaussians label each point with the mode it was drawn from): given class k the data are N(μ_k, v_k I),
 * whose diffused score is (α_t μ_k − x) / (α_t² v_k + σ_t²) (docs/MATH.md §6.2 with one component); for ∅
 * it is the whole mixture's score. The oracle the guided sampler is tested against. As a score it is the
 * unconditional one, as a conditional network read without a class is.
 */
public final class ComponentClassScore implements ScoreModel, ConditionalScore {

    private final GaussianMixture mixture;
    private final Schedule schedule;
    private final MixtureScore all;

    public ComponentClassScore(GaussianMixture mixture, Schedule schedule) {
        this.mixture = mixture;
        this.schedule = schedule;
        this.all = new MixtureScore(mixture, schedule, "exact mixture score");
    }

    @Override
    public int classes() {
        return mixture.components();
    }

    @Override
    public ScoreModel given(int label) {
        return new MixtureScore(mixture.component(label), schedule, "exact score of class " + label);
    }

    @Override
    public ScoreModel unconditional() {
        return all;
    }

    @Override
    public void score(double t, double[] xy, int n, double[] out) {
        all.score(t, xy, n, out);
    }

    @Override
    public void score(double[] t, double[] xy, int n, double[] out) {
        all.score(t, xy, n, out);
    }

    @Override
    public void jets(double[] t, double[] xy, int n, int order, ScoreJets out) {
        all.jets(t, xy, n, order, out);
    }

    @Override
    public String describe() {
        return "exact class scores";
    }
}
