package org.diffusionplayground.scene;

import java.util.Arrays;
import java.util.List;
import org.diffusionplayground.model.lab.LabSampler;
import org.diffusionplayground.model.ode.Tolerance;
import org.diffusionplayground.model.sampling.AdaptivePfOdeSampler;
import org.diffusionplayground.model.sampling.Ddim;
import org.diffusionplayground.model.sampling.DpmSolverPlusPlus2M;
import org.diffusionplayground.model.sampling.EdmChurn;
import org.diffusionplayground.model.sampling.EulerMaruyama;
import org.diffusionplayground.model.sampling.ExponentialIntegrator;
import org.diffusionplayground.model.sampling.Heun;
import org.diffusionplayground.model.sampling.LangevinCorrector;
import org.diffusionplayground.model.sampling.Sampler;
import org.diffusionplayground.model.sampling.StepSchedule;

/**
 * The samplers offered in the UI, each with the step schedule it is run on; Heun and Dormand–Prince only
 * exist for 𝔥 = 0. Euler–Maruyama on equal steps in t is the paper's sampler; the exponential integrator
 * on equal steps in log-SNR resolves the cosine schedule's large g² near T (docs/MATH.md §3.1–3.2). DDIM
 * (η = √𝔥), DPM-Solver++(2M) and EDM's churn sampler run the same 𝔥-process by other rules (§3.3), each on
 * the step schedule its paper uses.
 */
public enum SolverChoice {
    EULER_MARUYAMA("Euler–Maruyama", StepSchedule.UNIFORM_T),
    EXPONENTIAL("Exponential integrator", StepSchedule.UNIFORM_LOG_SNR),
    HEUN("Heun (𝔥 = 0)", StepSchedule.UNIFORM_T),
    DORMAND_PRINCE("Dormand–Prince (𝔥 = 0)", StepSchedule.UNIFORM_T),
    DDIM("DDIM (η = √𝔥)", StepSchedule.UNIFORM_LOG_SNR),
    DPM_SOLVER_2M("DPM-Solver++(2M)", StepSchedule.UNIFORM_LOG_SNR),
    EDM_CHURN("EDM churn + Heun", StepSchedule.KARRAS);

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

    /**
     * The sampler lab's rows at 𝔥: the solvers with fixed steps, whose work a budget of score evaluations sets,
     * that run the 𝔥-process as themselves (Heun only at 𝔥 = 0, where it is not Euler–Maruyama in disguise).
     */
    public static List<SolverChoice> labChoices(double h) {
        return Arrays.stream(values()).filter(c -> c != DORMAND_PRINCE && (c != HEUN || h == 0)).toList();
    }

    /** This solver as a row of the sampler lab at 𝔥, named by its label and step schedule. */
    public LabSampler labSampler(double h) {
        return new LabSampler(toString(), sampler(h, false), steps);
    }

    /** The sampler for 𝔥; the 𝔥 = 0 solvers fall back to Euler–Maruyama when 𝔥 &gt; 0. */
    public Sampler sampler(double h, boolean corrector) {
        Sampler s = switch (this) {
            case EXPONENTIAL -> new ExponentialIntegrator();
            case HEUN -> h == 0 ? new Heun() : new EulerMaruyama();
            case DORMAND_PRINCE -> h == 0 ? new AdaptivePfOdeSampler(Tolerance.of(1e-5)) : new EulerMaruyama();
            case DDIM -> new Ddim();
            case DPM_SOLVER_2M -> new DpmSolverPlusPlus2M();
            case EDM_CHURN -> new EdmChurn();
            default -> new EulerMaruyama();
        };
        return corrector ? s.withCorrector(new LangevinCorrector(1, 0.16)) : s;
    }
}
