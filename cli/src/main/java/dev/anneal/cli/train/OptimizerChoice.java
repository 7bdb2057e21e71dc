package dev.anneal.cli.train;

import ai.djl.training.optimizer.Optimizer;
import dev.anneal.config.OptimizerSettings.Decayed;
import dev.anneal.runtime.ParameterGroup;
import dev.anneal.runtime.ScheduledAdam;
import dev.anneal.runtime.ScheduledSgd;
import dev.anneal.runtime.ScheduledTraining;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Sequence;
import java.util.List;
import java.util.Objects;

/**
 * The optimizer one run of {@code anneal train} applies, with the constant that each channel the
 * plan does not schedule takes. A channel of the plan always wins over its constant.
 *
 * @param kind the update rule
 * @param momentum SGD's momentum, or Adam's β1, where the plan has no {@code momentum} channel
 * @param beta2 Adam's β2 (SGD has none)
 * @param eps Adam's ε (SGD has none)
 * @param weightDecay the weight decay where the plan has no {@code weight_decay} channel
 * @param decayed the parameters weight decay applies to: with {@link Decayed#WEIGHTS_ONLY} the biases
 *     form a group of their own whose weight decay is 0, as in transformers' Trainer and Megatron-LM
 * @param epsilonForm where Adam's ε enters: DJL's place, or torch's (that of every framework a config comes from)
 */
public record OptimizerChoice(OptimizerKind kind, double momentum, double beta2, double eps, double weightDecay, Decayed decayed,
    ScheduledAdam.EpsilonForm epsilonForm) {
  /** DJL's and PyTorch's default β2. */
  public static final double DEFAULT_BETA2 = 0.999;

  /** DJL's and PyTorch's default ε. */
  public static final double DEFAULT_EPS = 1e-8;

  /** The parameters of the model's layers that are not biases (the MLP has weights and biases only). */
  static final String WEIGHTS = "glob:*weight";

  static final String BIASES = "glob:*bias";

  public OptimizerChoice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(decayed, "decayed");
    Objects.requireNonNull(epsilonForm, "epsilonForm");
  }

  /**
   * {@code kind} with its own defaults: {@link OptimizerKind#constantMomentum()}, β2 0.999, ε 1e-8 in
   * DJL's place, weight decay 0 on every parameter.
   */
  public static OptimizerChoice defaults(OptimizerKind kind) {
    return new OptimizerChoice(kind, kind.constantMomentum(), DEFAULT_BETA2, DEFAULT_EPS, OptimizerKind.CONSTANT_WEIGHT_DECAY, Decayed.ALL,
        ScheduledAdam.EpsilonForm.DJL);
  }

  /** Whether the biases train in a group of their own, without weight decay. */
  public boolean biasesApart(Plan plan) {
    return decayed == Decayed.WEIGHTS_ONLY && (plan.findChannel(Plan.WEIGHT_DECAY).isPresent() || weightDecay != 0);
  }

  /**
   * The parameter groups of {@code plan}: one, or the weights (the group the log records) and the
   * biases, whose weight decay is 0. A constant weight decay becomes a channel, so that each group
   * carries its own.
   */
  public ScheduledTraining.Builder groups(ScheduledTraining.Builder builder, Plan plan) {
    if (!biasesApart(plan)) {
      return builder.setPlan(plan);
    }
    Plan weights = plan.findChannel(Plan.WEIGHT_DECAY).isPresent() ? plan : plan.with(Plan.WEIGHT_DECAY, constant(weightDecay));
    return builder.addGroup(ParameterGroup.of("weights", WEIGHTS, weights))
        .addGroup(ParameterGroup.of("biases", BIASES, plan.with(Plan.WEIGHT_DECAY, constant(0))));
  }

  /** The optimizer, driven by {@code schedule} (made with {@link #groups}). */
  public Optimizer build(ScheduledTraining schedule, Plan plan) {
    // With the biases apart, weight decay is a channel of both groups; DJL's constant stays 0.
    float constantDecay = biasesApart(plan) || plan.findChannel(Plan.WEIGHT_DECAY).isPresent() ? 0f : (float) weightDecay;
    return switch (kind) {
      case SGD -> ScheduledSgd.builder(schedule).optMomentum((float) momentum).optWeightDecays(constantDecay).build();
      case SGD_PYTORCH -> ScheduledSgd.builder(schedule).optMomentum((float) momentum).optWeightDecays(constantDecay)
          .optMomentumForm(ScheduledSgd.MomentumForm.PYTORCH).build();
      case ADAM -> ScheduledAdam.adam(schedule).optBeta1((float) momentum).optBeta2((float) beta2).optEpsilon((float) eps)
          .optEpsilonForm(epsilonForm).optWeightDecays(constantDecay).build();
      case ADAMW -> ScheduledAdam.adamW(schedule).optBeta1((float) momentum).optBeta2((float) beta2).optEpsilon((float) eps)
          .optEpsilonForm(epsilonForm).optWeightDecays(constantDecay).build();
    };
  }

  /** Whether the update rule is Adam's (β1, β2, ε) rather than SGD's (momentum). */
  public boolean isAdam() {
    return kind == OptimizerKind.ADAM || kind == OptimizerKind.ADAMW;
  }

  private static Sequence constant(double value) {
    return new Sequence(List.of(new Phase(new Constant(value), Phase.OPEN)));
  }
}
