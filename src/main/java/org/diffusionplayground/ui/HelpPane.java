package org.diffusionplayground.ui;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * "What am I looking at?": the ideas behind each view in a few paragraphs, with the formulas the
 * controls' tooltips use (Hirono, Tanaka & Fukushima, ICML 2024; MATH.md §1–§5).
 */
public final class HelpPane extends ScrollPane {

    private static final String[][] SECTIONS = {
        {"The forward process: data → noise",
            "Each data point diffuses like an ink molecule: dx = f(x,t) dt + g(t) dw. For the VP schedules "
                    + "f = κ(t)x shrinks the cloud while noise of strength g spreads it, so x_t = α_t x₀ + σ_t ε "
                    + "exactly, and at t = T the cloud is the standard Gaussian. Drag the time scrubber in "
                    + "“Forward” mode to see any t."},
        {"Sampling: noise → data, and the parameter 𝔥",
            "Reversing time needs the score ∇log p_t, which a small network s_θ learns by denoising. "
                    + "The samplers form a family: dx = [f − (1+𝔥)/2 · g² s_θ] dt + √𝔥 · g dw, with dw the noise of a random walk run backward in time. 𝔥 = 0 is the "
                    + "deterministic probability-flow ODE, 𝔥 = 1 the reverse SDE. With a perfect score all 𝔥 give "
                    + "the same distribution; with a learned score they differ — that difference is what the "
                    + "slider shows. The noise is counter-based: the same seed gives the same noise at every 𝔥. "
                    + "The default solver, the exponential integrator on equal log-SNR steps, solves the linear part "
                    + "of the equation exactly, so it stays stable where g² is huge (near T of the cosine schedule); "
                    + "Euler–Maruyama on equal steps in t, the paper's sampler, is one choice away."},
        {"Training a model",
            "“Data & training” picks the data (a built-in set, a CSV file, or points you draw with the mouse) and "
                    + "trains the score network by denoising: noise a data point to x_t = α_t x₀ + σ_t ε and teach "
                    + "s_θ(x_t, t) to point back, loss E λ(t)‖s_θ + ε/σ_t‖². The loss chart on the right updates live, "
                    + "and every few hundred steps the scene samples with the weights reached so far. Stop keeps "
                    + "those weights; Save writes them (safetensors) with a JSON card."},
        {"Paths and their action",
            "Click in the scene to launch a particle from there at the current t. Its path weight is "
                    + "Q_𝔥 ∝ exp(−Ã_𝔥/𝔥) q_T(x_T) with the Onsager–Machlup action Ã_𝔥 = ∫ ‖ẋ − F_𝔥‖² / (2g²) dt. "
                    + "As 𝔥 → 0 only the zero-action path survives: the ODE is the “classical limit”, with 𝔥 "
                    + "playing Planck's constant."},
        {"Likelihood and its first-order correction",
            "At 𝔥 = 0 the likelihood is exact: log q₀(x₀) = log q_T(x_T) + ∫ ∇·f_PF dt along the ODE path. "
                    + "For 𝔥 > 0 a WKB expansion gives log q₀^𝔥 = log q₀⁰ + 𝔥·C(x₀) + O(𝔥²), with "
                    + "C = −∫ ½g² [∇·s_θ − Δℓ + ∇ℓ·(s_θ − ∇ℓ)] dt, ℓ = log q_t⁰. A negative first-order "
                    + "correction to the NLL (−E[C] < 0) means adding noise improves the model's likelihood — "
                    + "the paper's result. The likelihood panel draws the first-order line next to the exact "
                    + "NLL(𝔥) from a Fokker–Planck grid solve, so you can see where first order holds: the line is the "
                    + "curve's tangent at 𝔥 = 0, and on the bundled models the curve bends away from it already between "
                    + "𝔥 ≈ 0.001 and 0.01 (tick “Close-up 𝔥 ≤ 0.1”), because C varies from point to point far more than "
                    + "its mean (docs/results.md; `playground curve` prints the comparison). Below it, "
                    + "W2 and MMD² between the sampler's output and an i.i.d. draw of the data at each 𝔥; beside them "
                    + "the noise floor, their value for fresh i.i.d. draws of the data, where a perfect sampler lands "
                    + "(finite samples are never 0 apart). “Colour the points by C(x₀)” shows where "
                    + "noise helps (purple) and hurts (orange); the overlay “Model density at 𝔥” draws q_t^𝔥 itself."},
        {"Keyboard (a presenter's clicker works too)",
            "Space  play or pause\n"
                    + "→ or PgDn  one step forward (the next lesson step while a lesson is open)\n"
                    + "← or PgUp  one step back (the previous lesson step)\n"
                    + "↑ or +  more noise: 𝔥 up by 0.05      ↓ or −  less noise: 𝔥 down\n"
                    + "H  the 𝔥 slider (then ← and → move it)      R  back to the start\n"
                    + "F5  presentation mode      Esc  leave it, or close this window\n"
                    + "P  hide or show the side panels      L  lecture mode      D  dark theme\n"
                    + "F11  full screen      F2  frame timings      F1  this help      Ctrl+Q  quit"},
    };

    /**
     * What a first-year student needs before any formula, in three plain sentences: the rest of the window
     * explains the details.
     */
    static final String INTRO = "A diffusion model learns to make new data, such as pictures, by learning how to undo "
            + "noise. Here the data are dots in a plane: going forward, the dots are blurred step by step into a "
            + "shapeless cloud, and going backward a trained network moves random dots, step by step, until they "
            + "take the shape of the data. The slider 𝔥 sets how much chance is left in each backward step: at 0 "
            + "every dot follows a fixed path, at 1 each step adds fresh randomness.";

    public HelpPane() {
        VBox box = new VBox(14);
        box.setPadding(new Insets(16));
        Text intro = new Text(INTRO);
        intro.getStyleClass().addAll("help-text", "help-intro");
        TextFlow introFlow = new TextFlow(intro);
        introFlow.setId("help-intro");
        box.getChildren().add(wrapped(introFlow, box));
        java.util.List<String[]> sections = new java.util.ArrayList<>(java.util.List.of(SECTIONS));
        // the lenses (MATH.md §7) before the keyboard section, each with its formula
        int at = sections.size() - 1;
        for (org.diffusionplayground.scene.lens.Lens lens : org.diffusionplayground.scene.lens.Lens.values()) {
            sections.add(at++, new String[] {"Lens: " + lens.title(), lens.formula() + "\n" + lens.help()});
        }
        for (String[] s : sections) {
            Label title = new Label(s[0]);
            title.getStyleClass().add("help-title");
            Text body = new Text(s[1]);
            body.getStyleClass().add("help-text");
            title.setWrapText(true);
            title.setMinHeight(Region.USE_PREF_SIZE);
            TextFlow flow = new TextFlow(body);
            box.getChildren().addAll(title, wrapped(flow, box));
        }
        setContent(box);
        setHbarPolicy(ScrollBarPolicy.NEVER); // every line wraps inside the window: nothing to scroll sideways
        setFitToWidth(true);
        setId("help");
        getStyleClass().add("help-pane");
    }

    /** The text wraps at the window's width (less the padding), whatever the font size. */
    private TextFlow wrapped(TextFlow flow, VBox box) {
        flow.prefWidthProperty().bind(viewportBoundsProperty().map(v -> Math.max(100, v.getWidth()
                - box.getPadding().getLeft() - box.getPadding().getRight())));
        flow.maxWidthProperty().bind(flow.prefWidthProperty());
        return flow;
    }
}
