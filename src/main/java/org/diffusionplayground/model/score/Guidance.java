package org.diffusionplayground.model.score;

import java.util.Locale;

/**
 * Classifier-free guidance (Ho &amp; Salimans 2022; docs/MATH.md §8): a class {@code label} and a scale
 * {@code w ≥ 0} turn a {@link ConditionalScore} into
 * <pre>
 *   s_w(x, t) = (1 + w) s(x, t, y) − w s(x, t, ∅),
 * </pre>
 * the score of p_t(x | y)^(1+w) / p_t(x)^w ∝ p_t(x | y) p_t(y | x)^w. w = 0 is the conditional model itself,
 * w = −1 (not offered to users) the unconditional one; larger w sharpens the class at the cost of
 * diversity. This is the one place the guided score is formed: the 𝔥 family takes it as its score, so every
 * sampler, view and export is guided alike.
 *
 * @param label the class, 0 ≤ label &lt; classes, or {@link #NO_LABEL} for the unconditional model
 * @param scale w
 */
public record Guidance(int label, double scale) {

    /** The unconditional model: no class asked for. */
    public static final int NO_LABEL = -1;
    /** Largest guidance scale offered: far past where class mixtures lose all their spread. */
    public static final double MAX_SCALE = 8.0;
    public static final Guidance NONE = new Guidance(NO_LABEL, 0);
    /**
     * Probability that training replaces a point's label by ∅ (label dropout), so one network learns s(x, t, y)
     * and s(x, t, ∅) at once; Ho &amp; Salimans use 0.1 to 0.2.
     */
    public static final double LABEL_DROPOUT = 0.15;

    public Guidance {
        if (label < NO_LABEL) {
            throw new IllegalArgumentException("a class label is 0 or more, got " + label);
        }
        if (!Double.isFinite(scale) || scale < -1 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("the guidance scale must be between 0 and " + (int) MAX_SCALE
                    + ", got " + scale);
        }
    }

    /** What is wrong with the guidance scale w, in words for the user, or null when 0 ≤ w ≤ {@link #MAX_SCALE}. */
    public static String problemWithScale(double w) {
        if (Double.isNaN(w)) {
            return "the guidance scale must be a number";
        }
        if (w < 0 || w > MAX_SCALE) {
            return String.format(Locale.ROOT, "the guidance scale must be between 0 and %.0f (0 is the plain "
                    + "conditional model)", MAX_SCALE);
        }
        return null;
    }

    /** Class {@code label} at scale w. */
    public static Guidance of(int label, double scale) {
        return new Guidance(label, scale);
    }

    public boolean conditional() {
        return label != NO_LABEL;
    }

    /** The score this guidance makes of {@code model}: s_w for a class, s(·, ·, ∅) for none. */
    public ScoreModel guide(ConditionalScore model) {
        if (!conditional()) {
            return model.unconditional();
        }
        if (label >= model.classes()) {
            throw new IllegalArgumentException("the model knows classes 0 … " + (model.classes() - 1) + ", not "
                    + label);
        }
        return new GuidedScore(model.given(label), model.unconditional(), scale);
    }

    /**
     * The score to sample {@code model} with: guided when the model is conditional and knows this class,
     * the model as it is otherwise (an unconditional network, the exact score of unlabelled data, null).
     */
    public ScoreModel apply(ScoreModel model) {
        if (conditional() && model instanceof ConditionalScore c && label < c.classes()) {
            return guide(c);
        }
        return model;
    }

    /** A short description for legends and reports. */
    public String describe() {
        return conditional() ? String.format(Locale.ROOT, "class %d, w = %s", label, trim(scale)) : "unconditional";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
