package org.diffusionplayground.model.sampling;

import org.diffusionplayground.model.random.CounterNormal;

/**
 * A move at a fixed noise level that leaves p_t invariant (score_sde's corrector), applied by
 * {@link PredictorCorrector} after each predictor step; {@code stream} is the predictor step's stream, so
 * a corrector can draw its own noise without touching the predictor's.
 */
public interface Corrector {

    String name();

    /** Score evaluations per particle of one {@link #correct}. */
    int evaluationsPerStep();

    void correct(ReverseProcess process, double[] xy, int n, double t, CounterNormal noise, long stream,
            StepWork work);
}
