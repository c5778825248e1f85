package org.diffusionplayground.scene;

import org.diffusionplayground.model.ode.Tolerance;
import org.diffusionplayground.model.sampling.AdaptivePfOdeSampler;
import org.diffusionplayground.model.sampling.EulerMaruyama;
import org.diffusionplayground.model.sampling.ExponentialIntegrator;
import org.diffusionplayground.model.sampling.Heun;
import org.diffusionplayground.model.sampling.LangevinCorrector;
import org.diffusionplayground.model.sampling.Sampler;
import org.diffusionplayground.model.sampling.StepSchedule;

/**
 * The samplers offered in the UI, each with the step schedule it is run on; Heun and Dormand–Prince only
 * exist for 𝔥 = 0. Euler–Maruyama on equal steps in t is the paper's sampler; the exponential integrator
 * on equal steps in log-SNR resolves the cosine schedule's large g² near T (docs/MATH.md §3.1–3.2).
 */
public enum SolverChoice {
    EULER_MARUYAMA("Euler–Maruyama", StepSchedule.UNIFORM_T),
    EXPONENTIAL("Exponential integrator", StepSchedule.UNIFORM_LOG_SNR),
    HEUN("Heun (𝔥 = 0)", StepSchedule.UNIFORM_T),
    DORMAND_PRINCE("Dormand–Prince (𝔥 = 0)", StepSchedule.UNIFORM_T);

    private final String label;
    private final StepSchedule steps;

    SolverChoice(String label, StepSchedule steps) {
        this.label = label;
        this.steps = steps;
    }

    @Override
    public String toString() {
        return label + ", " + steps;
    }

    /** Where this solver places its steps between T and t_min. */
    public StepSchedule stepSchedule() {
        return steps;
    }

    /** The sampler for 𝔥; the 𝔥 = 0 solvers fall back to Euler–Maruyama when 𝔥 &gt; 0. */
    public Sampler sampler(double h, boolean corrector) {
        Sampler s = switch (this) {
            case EXPONENTIAL -> new ExponentialIntegrator();
            case HEUN -> h == 0 ? new Heun() : new EulerMaruyama();
            case DORMAND_PRINCE -> h == 0 ? new AdaptivePfOdeSampler(Tolerance.of(1e-5)) : new EulerMaruyama();
            default -> new EulerMaruyama();
        };
        return corrector ? s.withCorrector(new LangevinCorrector(1, 0.16)) : s;
    }
}
