package org.diffusionplayground.model.reference;

/**
 * Resolution and step settings of the {@link FokkerPlanckSolver} (MATH.md §6.3). docs/results.md has the
 * grid-convergence study behind the defaults.
 *
 * @param initialCells  cells per axis at T, where the density is the smooth prior
 * @param maxCells      most cells per axis the adaptive refinement may reach
 * @param cellsPerWidth the grid doubles when the density's narrowest width (its Fisher width √(2/I),
 *                      I = ∫|∇q|²/q, exact σ for a Gaussian) falls below this many cells
 * @param logSnrStep    macro step in λ = log(σ_t²/α_t²); one score evaluation on the grid per macro step
 * @param courant       the explicit advection keeps Δτ (max|w_x| + max|w_y|)/Δξ at most this (fifth-order
 *                      upwind fluxes with the third-order Runge–Kutta scheme are stable up to ≈ 1.4 per axis)
 * @param tailSigmas    half-width of the moving domain beyond the scaled data box, in units of σ_t
 * @param errorEstimate also solve at half the resolution in space and time, for the grid's error bar on every
 *                      NLL (costs about an eighth more)
 */
public record FokkerPlanckOptions(int initialCells, int maxCells, double cellsPerWidth, double logSnrStep,
        double courant, double tailSigmas, boolean errorEstimate) {

    /** Fewest cells per axis: below this nothing is resolved. */
    public static final int MIN_CELLS = 16;
    /** Most cells per axis: 4096² doubles is 128 MB per density and ~14 s per network call. */
    public static final int MAX_CELLS = 4096;

    public FokkerPlanckOptions {
        requireCells(initialCells, "initial");
        requireCells(maxCells, "maximum");
        if (maxCells < initialCells) {
            throw new IllegalArgumentException("the maximum number of cells (" + maxCells
                    + ") is below the initial number (" + initialCells + ")");
        }
        if (!(cellsPerWidth >= 0) || cellsPerWidth > 100) {
            throw new IllegalArgumentException("cells per width must be in [0, 100] (0 = never refine), got "
                    + cellsPerWidth);
        }
        if (!(logSnrStep >= 1e-3) || logSnrStep > 2) {
            throw new IllegalArgumentException("the log-SNR step must be in [0.001, 2], got " + logSnrStep);
        }
        if (!(courant > 0) || courant > 1) {
            throw new IllegalArgumentException("the Courant number must be in (0, 1], got " + courant);
        }
        if (!(tailSigmas >= 3) || tailSigmas > 20) {
            throw new IllegalArgumentException("the domain's tail must be 3 to 20 σ_t, got " + tailSigmas);
        }
    }

    /** Options with the error estimate. */
    public FokkerPlanckOptions(int initialCells, int maxCells, double cellsPerWidth, double logSnrStep, double courant,
            double tailSigmas) {
        this(initialCells, maxCells, cellsPerWidth, logSnrStep, courant, tailSigmas, true);
    }

    private static void requireCells(int n, String which) {
        if (n < MIN_CELLS || n > MAX_CELLS) {
            throw new IllegalArgumentException("the " + which + " number of cells per axis must be between "
                    + MIN_CELLS + " and " + MAX_CELLS + ", got " + n);
        }
    }

    /**
     * Defaults for an exact NLL(𝔥): 128² at T, refined up to 512² as the density needs it (8 cells per Fisher
     * width), λ step 0.1, Courant 0.8, domain = data box + 6 σ_t, with the half-resolution error estimate. With
     * the exact 25-gaussian score (where NLL(𝔥) is known) every NLL(𝔥), 𝔥 = 0…3, is within 4e-4 nats of the truth
     * for SIMPLE and COSINE, inside its error bar (docs/results.md, "A Fokker–Planck reference with a stated
     * error").
     */
    public static FokkerPlanckOptions defaults() {
        return new FokkerPlanckOptions(128, 512, 8, 0.1, 0.8, 6);
    }

    /** Coarse and fast, for drawing the density as a heatmap while the user watches: at most 256². */
    public static FokkerPlanckOptions preview() {
        return new FokkerPlanckOptions(128, 256, 6, 0.1, 0.8, 6);
    }

    public FokkerPlanckOptions withCells(int initial, int max) {
        return new FokkerPlanckOptions(initial, max, cellsPerWidth, logSnrStep, courant, tailSigmas, errorEstimate);
    }

    public FokkerPlanckOptions withLogSnrStep(double step) {
        return new FokkerPlanckOptions(initialCells, maxCells, cellsPerWidth, step, courant, tailSigmas, errorEstimate);
    }

    public FokkerPlanckOptions withCellsPerWidth(double c) {
        return new FokkerPlanckOptions(initialCells, maxCells, c, logSnrStep, courant, tailSigmas, errorEstimate);
    }

    /** The same without the half-resolution solve (no error bars): for pictures, not for numbers. */
    public FokkerPlanckOptions withoutErrorEstimate() {
        return new FokkerPlanckOptions(initialCells, maxCells, cellsPerWidth, logSnrStep, courant, tailSigmas, false);
    }
}
