package org.diffusionplayground.model.lab;

import org.diffusionplayground.model.sampling.Sampler;
import org.diffusionplayground.model.sampling.StepSchedule;

/** A sampler the lab compares, under the name it is shown by, and the step schedule it runs on. */
public record LabSampler(String name, Sampler sampler, StepSchedule spacing) {

    public LabSampler {
        if (name == null || sampler == null || spacing == null) {
            throw new IllegalArgumentException("a lab sampler needs a name, a sampler and a step schedule");
        }
    }

    /** Fixed steps that spend at most {@code budget} score evaluations per particle, at least one step. */
    public int stepsFor(int budget) {
        return Math.max(1, budget / sampler.evaluationsPerStep());
    }
}
