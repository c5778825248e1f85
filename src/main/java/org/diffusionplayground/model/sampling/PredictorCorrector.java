package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.random.CounterNormal;

/**
 * Predictor–corrector sampling (Song et al., ICLR 2021, Alg. 1–3): each step is the predictor's step to
 * tNext followed by the corrector at tNext. Any predictor composes, the adaptive one included.
 */
public record PredictorCorrector(Sampler predictor, Corrector corrector) implements Sampler {

    @Override
    public String name() {
        return predictor.name() + " + " + corrector.name();
    }

    @Override
    public int evaluationsPerStep() {
        return predictor.evaluationsPerStep() + corrector.evaluationsPerStep();
    }

    @Override
    public void requireSupported(ReverseProcess process) {
        predictor.requireSupported(process);
    }

    @Override
    public void step(ReverseProcess process, double[] xy, int n, double t, double tNext, CounterNormal noise,
            long stream, StepWork work) {
        predictor.step(process, xy, n, t, tNext, noise, stream, work);
        corrector.correct(process, xy, n, tNext, noise, stream, work);
    }
}
