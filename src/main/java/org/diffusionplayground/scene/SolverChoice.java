package org.diffusionplayground.scene;

import org.diffusionplayground.model.ode.Tolerance;
import org.diffusionplayground.model.sampling.AdaptivePfOdeSampler;
import org.diffusionplayground.model.sampling.EulerMaruyama;
import org.diffusionplayground.model.sampling.Heun;
import org.diffusionplayground.model.sampling.LangevinCorrector;
import org.diffusionplayground.model.sampling.Sampler;

/** The samplers offered in the UI; Heun and Dormand–Prince only exist for 𝔥 = 0. */
public enum SolverChoice {
    EULER_MARUYAMA("Euler–Maruyama"),
    HEUN("Heun (𝔥 = 0)"),
    DORMAND_PRINCE("Dormand–Prince (𝔥 = 0)");

    private final String label;

    SolverChoice(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The sampler for 𝔥; the 𝔥 = 0 solvers fall back to Euler–Maruyama when 𝔥 > 0. */
    public Sampler sampler(double h, boolean corrector) {
        Sampler s = switch (this) {
            case HEUN -> h == 0 ? new Heun() : new EulerMaruyama();
            case DORMAND_PRINCE -> h == 0 ? new AdaptivePfOdeSampler(Tolerance.of(1e-5)) : new EulerMaruyama();
            default -> new EulerMaruyama();
        };
        if (corrector && !(s instanceof AdaptivePfOdeSampler)) {
            s = new LangevinCorrector(s, 1, 0.16);
        }
        return s;
    }
}
