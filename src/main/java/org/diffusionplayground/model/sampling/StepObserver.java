package org.diffusionplayground.model.sampling;

/**
 * Watches a sampler: called once with step 0 at the start time, then after every step with the new
 * time and positions. The animation, the trajectory recorder and progress bars all plug in here.
 * Implementations must not keep {@code xy}: it is overwritten by the next step.
 */
@FunctionalInterface
public interface StepObserver {

    StepObserver NONE = (step, t, xy, n) -> { };

    void onStep(int step, double t, double[] xy, int n);

    /** Both observers, in order. */
    default StepObserver andThen(StepObserver next) {
        return (step, t, xy, n) -> {
            onStep(step, t, xy, n);
            next.onStep(step, t, xy, n);
        };
    }
}
