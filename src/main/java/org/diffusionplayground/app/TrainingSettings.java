package org.diffusionplayground.app;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.Property;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.score.Activation;
import org.diffusionplayground.model.score.Target;
import org.diffusionplayground.model.score.TimeEmbedding;
import org.diffusionplayground.model.train.Batching;
import org.diffusionplayground.model.train.Objective;
import org.diffusionplayground.model.train.TimeSampling;
import org.diffusionplayground.model.train.Weighting;

/**
 * Every setting of a training run as one list the window shows (a property sheet): each with the name of
 * the {@code train} command's option, its group, what it means (the formula, MATH.md §2), and what a change
 * means for the model that exists. A value is checked by building the run's {@link
 * org.diffusionplayground.model.train.TrainingConfig}, the same checks the command line's values pass.
 */
public final class TrainingSettings {

    /** The groups of the sheet, in the order a run is set up. */
    public enum Group {
        DATA("Data"), NETWORK("Network"), OBJECTIVE("Objective"), OPTIMISER("Optimiser");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** What changing a setting means for a model that is already there. */
    public enum Effect {
        /** The weights still fit: training goes on from them (a running run continues with the new value). */
        CONTINUES,
        /** The weights no longer fit or learned another target: training starts over from fresh weights. */
        STARTS_OVER
    }

    /**
     * One setting.
     *
     * @param option   the {@code train} command's option that sets it
     * @param label    its name in the window
     * @param type     the value's class (Integer, Long, Double or an enum)
     * @param property the view-model's property it edits
     * @param meaning  what it means, with the formula (the window's tooltip)
     */
    public record Setting(String option, String label, Group group, Effect effect, Class<?> type,
            Property<?> property, String meaning) {
    }

    private final TrainingViewModel vm;
    private final List<Setting> settings;

    public TrainingSettings(TrainingViewModel vm) {
        this.vm = vm;
        Effect on = Effect.CONTINUES;
        Effect over = Effect.STARTS_OVER;
        settings = List.of(
                new Setting("--batch", "batch size", Group.DATA, on, Integer.class, vm.batchSizeProperty(),
                        "Points per optimiser step. The loss is the mean over the batch, so its gradient's noise "
                                + "falls as 1/√batch."),
                new Setting("--batching", "batching", Group.DATA, on, Batching.class, vm.batchingProperty(),
                        "EPOCHS: shuffled passes over the data, the remainder dropped (the paper's).\n"
                                + "WITH_REPLACEMENT: every batch drawn afresh."),
                new Setting("--time-sampling", "time sampling", Group.DATA, on, TimeSampling.class,
                        vm.timeSamplingProperty(),
                        "How t is drawn for each point: UNIFORM on [t_min, T], or GRID_1000, the paper's "
                                + "1000-point grid t_i = t_min + i (T − t_min)/999."),
                new Setting("--seed", "seed", Group.DATA, on, Long.class, vm.seedProperty(),
                        "Seeds the initial weights, the batches, t and ε: the same seed, data and settings "
                                + "give the same model bit for bit."),
                new Setting("--width", "width", Group.NETWORK, over, Integer.class, vm.widthProperty(),
                        "Hidden units per layer of the MLP s_θ(x, t)."),
                new Setting("--depth", "depth", Group.NETWORK, over, Integer.class, vm.depthProperty(),
                        "Hidden layers. The first-order correction needs third derivatives in x: smooth "
                                + "activations only."),
                new Setting("--activation", "activation", Group.NETWORK, over, Activation.class,
                        vm.activationProperty(), "SILU x·σ(x), SOFTPLUS log(1 + eˣ) or TANH."),
                new Setting("--embedding", "time embedding", Group.NETWORK, over, TimeEmbedding.Kind.class,
                        vm.embeddingProperty(),
                        "How t enters the network: RAW appends t to x (the paper's); SINUSOIDAL appends "
                                + "sin(ω_k t), cos(ω_k t) with geometric frequencies ω_k."),
                new Setting("--embedding-dim", "embedding dimension", Group.NETWORK, over, Integer.class,
                        vm.embeddingDimProperty(), "Features of the sinusoidal embedding (2 per frequency)."),
                new Setting("--target", "target", Group.NETWORK, over, Target.class, vm.targetProperty(),
                        "What the network outputs, with x_t = α x₀ + σ ε: SCORE s · EPSILON s = −ε̂/σ · "
                                + "X0 s = −(x − α x̂₀)/σ² · V v = α ε − σ x₀ · VELOCITY u = α'x₀ + σ'ε "
                                + "(flow matching, MATH.md §1.1)."),
                new Setting("--schedule", "schedule", Group.OBJECTIVE, over, ScheduleKind.class,
                        vm.scheduleProperty(),
                        "The forward process dx = f dt + g dw the model learns to reverse (MATH.md §1). "
                                + "SIMPLE: β(t) = 20t, α = exp(−5t²). COSINE: α = cos(πt/2). "
                                + "LINEAR: x_t = (1 − t)x₀ + tε (rectified flow)."),
                new Setting("--sigma-max", "σ_max", Group.OBJECTIVE, over, Double.class, vm.sigmaMaxProperty(),
                        "Largest noise level σ(T) of the VE schedule, σ(t) = σ_min (σ_max/σ_min)^t; "
                                + "other schedules ignore it."),
                new Setting("--objective", "objective", Group.OBJECTIVE, over, Objective.class,
                        vm.objectiveProperty(),
                        "DSM: E λ ½‖s_θ + ε/σ_t‖² (Vincent). ISM: E λ [½‖s_θ‖² + ∇·s_θ] (Hyvärinen). "
                                + "SSM: a random slice vᵀ(∇s_θ)v. Same minimiser."),
                new Setting("--weighting", "weighting", Group.OBJECTIVE, over, Weighting.class,
                        vm.weightingProperty(),
                        "λ(t) in E_t λ(t) E‖s_θ + ε/σ_t‖²: SIGMA2 λ = σ²; G2 λ = g² (likelihood "
                                + "weighting); G2_IMPORTANCE λ = g² with t drawn ∝ g²/σ²; FLOW_MATCHING λ = 1/a², "
                                + "the conditional flow-matching loss with the VELOCITY target."),
                new Setting("--lr", "learning rate", Group.OPTIMISER, on, Double.class, vm.learningRateProperty(),
                        "Adam's step size η: θ ← θ − η m̂/(√v̂ + ε) (the paper: 1e-3)."),
                new Setting("--adam β1", "Adam β1", Group.OPTIMISER, on, Double.class, vm.beta1Property(),
                        "Decay of Adam's first moment m ← β1 m + (1 − β1) ∇ (default 0.9)."),
                new Setting("--adam β2", "Adam β2", Group.OPTIMISER, on, Double.class, vm.beta2Property(),
                        "Decay of Adam's second moment v ← β2 v + (1 − β2) ∇² (default 0.999)."),
                new Setting("--adam ε", "Adam ε", Group.OPTIMISER, on, Double.class, vm.adamEpsProperty(),
                        "Added to √v̂ in Adam's step (default 1e-8)."),
                new Setting("--steps", "steps", Group.OPTIMISER, on, Long.class, vm.stepsProperty(),
                        "Optimiser steps of the run (the bundled models: 20 000)."),
                new Setting("--clip", "gradient clip", Group.OPTIMISER, on, Double.class, vm.clipProperty(),
                        "Rescales the gradient to norm c when ‖∇‖ > c; 0 switches clipping off."),
                new Setting("--ema", "EMA decay", Group.OPTIMISER, on, Double.class, vm.emaProperty(),
                        "The model shown is the moving average θ̄ ← d θ̄ + (1 − d) θ of the weights; 0 "
                                + "switches it off."));
    }

    public List<Setting> all() {
        return settings;
    }

    /** The setting the option names (e.g. "--lr"). */
    public Optional<Setting> byOption(String option) {
        return settings.stream().filter(s -> s.option().equals(option)).findFirst();
    }

    /**
     * Sets {@code setting} to {@code value} when the run's configuration stays valid; otherwise leaves it
     * and returns why, in the command line's words.
     */
    @SuppressWarnings("unchecked")
    public Optional<String> set(Setting setting, Object value) {
        if (value == null) {
            return Optional.of(setting.label() + " needs a value");
        }
        Object converted = convert(setting.type(), value);
        Property<Object> p = (Property<Object>) setting.property();
        Object old = p.getValue();
        if (converted.equals(old)) {
            return Optional.empty();
        }
        p.setValue(converted);
        try {
            vm.config();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            p.setValue(old);
            return Optional.of(e.getMessage());
        }
    }

    /** A number typed in the window as the property's own type (IntegerProperty holds Integer, ...). */
    private static Object convert(Class<?> type, Object value) {
        if (value instanceof Number n) {
            if (type == Integer.class) {
                return n.intValue();
            }
            if (type == Long.class) {
                return n.longValue();
            }
            if (type == Double.class) {
                return n.doubleValue();
            }
        }
        return value;
    }
}
