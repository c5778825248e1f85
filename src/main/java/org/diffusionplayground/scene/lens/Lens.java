package org.diffusionplayground.scene.lens;

import java.util.Optional;

/**
 * The physics and textbook lenses (MATH.md §7): each a way of looking at the same
 * particles and score. The id is the name presets use in {@code view.overlays}; the help text is what
 * the help window and the lens panel's tooltips say, with the formula.
 */
public enum Lens {

    TWEEDIE("tweedie", "Tweedie's denoiser", "E[x₀ | x_t] = (x_t + σ_t² s(x_t, t)) / α_t",
            "Where is each particle heading? Tweedie's formula turns the score into the posterior mean of the "
                    + "clean point: E[x₀ | x_t] = (x_t + σ_t² s(x_t,t)) / α_t. Rings mark the denoised guesses, "
                    + "arrows go from a particle to its guess. Early (large t) every guess is near the data's mean; "
                    + "as t falls the guesses spread onto the data. With the exact score this is the exact "
                    + "posterior mean."),
    LANGEVIN("langevin", "Langevin MCMC at a fixed noise level", "x ← x + (η/2) s(x, t) + √η z",
            "The same score and the same starting particles, but no annealing: Langevin MCMC at one noise level t, "
                    + "x ← x + (η/2) s(x,t) + √η z. Its stationary law is p_t — in principle. At small t the modes "
                    + "are separated by deserts of tiny density, and the chain almost never hops between them: it "
                    + "keeps the proportions of wherever the particles started (orange rings, hop counter). The "
                    + "annealed sampler (blue) moves t from T down and fills the modes in the right proportions. "
                    + "The step size also biases the chain: on N(0, v) it samples variance v/(1 − η/(4v))."),
    CURRENT("current", "Probability current", "J/q = f − (g²/2) ∇log q_t  versus  v_PF = f − (g²/2) s_θ",
            "The Fokker–Planck equation ∂_t q = −∇·J has the probability current J = f q − (g²/2)∇q, whose velocity "
                    + "J/q = f − (g²/2)∇log q_t is the probability-flow ODE's velocity with the score of the density "
                    + "itself: the ODE moves particles along the current. Arrows show J/q of the model's density q_t "
                    + "(solved on the Fokker–Planck grid at the scene's 𝔥; colour = speed). Red arrows, to scale, show "
                    + "J/q − v_PF = (g²/2)(s_θ − ∇log q_t): zero for the exact score, and for a learned score the "
                    + "places where the network's score is not the score of the density it produces — what drives "
                    + "the first-order correction in 𝔥."),
    ENTROPY("entropy", "Entropy production", "Ṡ(t) = (2/g²) E‖f − (g²/2)∇log p_t‖²,  ⟨e^{−Δs}⟩ = 1",
            "Noising data is irreversible. At temperature g²/2 the forward process produces entropy at the rate "
                    + "Ṡ(t) = (2/g²) E_{p_t}‖J/p‖² ≥ 0. Along one path the total entropy is Δs = Δs_medium + Δs_system, "
                    + "with Δs_medium = ∫ (2/g²) f ∘ dx (heat over temperature) and Δs_system = ln p(x_start) − "
                    + "ln p(x_end). Individual paths may consume entropy, yet ⟨Δs⟩ = ∫Ṡ dt ≥ 0 and the integral "
                    + "fluctuation theorem ⟨e^{−Δs}⟩ = 1 holds exactly. e^{−Δs} is heavy-tailed: for narrow data its "
                    + "variance is infinite and the estimate is carried by rare paths (see the estimated tail index k and the effective "
                    + "sample size); start the paths later to see it converge."),
    SPECIATION("speciation", "Symmetry breaking", "H = −Σ_k w_k ln w_k;  double well when α_t²(μ² − v) > σ_t²",
            "At large t a particle could still become any mode: its posterior mode weights w_k(x_t) are spread, "
                    + "with assignment entropy H = −Σ w_k ln w_k near ln K. Going backward the potential −ln p_t "
                    + "along a line through two modes turns from a single well into a double well, and particles "
                    + "commit (colour = mode, grey = undecided). For two equal Gaussians at ±μ with variance v the "
                    + "split happens when α_t² μ² = α_t² v + σ_t²: the critical time marked on the chart."),
    OBJECTIVES("objectives", "Score-matching objectives", "ISM: E[½‖s‖² + ∇·s];  DSM = ISM + E[λ/σ_t²]",
            "Three ways to learn the same score. Denoising score matching regresses the conditional score −ε/σ_t. "
                    + "Implicit score matching needs no noise target: E[½‖s_θ‖² + ∇·s_θ], with the exact divergence "
                    + "of the network in 2-D. Sliced score matching replaces the divergence by vᵀ(∇s_θ)v for a "
                    + "random v. Integrating by parts shows DSM = ISM + E[λ/σ_t²], so the training panel draws all "
                    + "three on the DSM scale: same minimiser, comparable curves, different noise.");

    private final String id;
    private final String title;
    private final String formula;
    private final String help;

    Lens(String id, String title, String formula, String help) {
        this.id = id;
        this.title = title;
        this.formula = formula;
        this.help = help;
    }

    /** The name in presets ({@code view.overlays}) and on the command line. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String formula() {
        return formula;
    }

    public String help() {
        return help;
    }

    public static Optional<Lens> byId(String id) {
        for (Lens l : values()) {
            if (l.id.equalsIgnoreCase(id)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
