package dev.anneal.cli.train;

import ai.djl.training.optimizer.Optimizer;
import dev.anneal.runtime.ScheduledAdam;
import dev.anneal.runtime.ScheduledSgd;
import dev.anneal.runtime.ScheduledTraining;
import java.util.Locale;

/**
 * The optimizers {@code anneal train} and {@code anneal find-lr} offer: Anneal's scheduled ones,
 * which apply every channel of the plan at every update ({@code lr}; {@code momentum}, the SGD
 * momentum or Adam's β1; {@code weight_decay}). A channel the plan lacks takes the constant below.
 */
public enum OptimizerKind {
  /** SGD in DJL's form (lr folded into the momentum buffer); momentum 0 and weight decay 0 unless the plan schedules them. */
  SGD(0),
  /**
   * SGD in PyTorch's form ({@code torch.optim.SGD}: lr applied to the momentum buffer), for a config
   * from PyTorch, DeepSpeed or Megatron-LM; momentum 0 and weight decay 0 unless the plan schedules them.
   */
  SGD_PYTORCH(0),
  /** Adam (weight decay added to the gradient); β1 0.9 and weight decay 0 unless the plan schedules them. */
  ADAM(0.9),
  /** AdamW (decoupled weight decay); β1 0.9 and weight decay 0 unless the plan schedules them. */
  ADAMW(0.9);

  /** The weight decay of a plan without a {@code weight_decay} channel. */
  public static final double CONSTANT_WEIGHT_DECAY = 0;

  private final double constantMomentum;

  OptimizerKind(double constantMomentum) {
    this.constantMomentum = constantMomentum;
  }

  /** The name on the command line: {@code sgd}, {@code sgd-pytorch}, {@code adam}, {@code adamw}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The momentum (β1 for Adam) of a plan without a {@code momentum} channel. */
  public double constantMomentum() {
    return constantMomentum;
  }

  /** What the {@code momentum} channel means for this optimizer. */
  public String momentumMeaning() {
    return this == SGD || this == SGD_PYTORCH ? "momentum" : "beta1";
  }

  /** The optimizer, driven by {@code schedule}. */
  public Optimizer build(ScheduledTraining schedule) {
    return switch (this) {
      case SGD -> ScheduledSgd.builder(schedule).optMomentum((float) constantMomentum).build();
      case SGD_PYTORCH -> ScheduledSgd.builder(schedule)
          .optMomentum((float) constantMomentum)
          .optMomentumForm(ScheduledSgd.MomentumForm.PYTORCH)
          .build();
      case ADAM -> ScheduledAdam.adam(schedule).optBeta1((float) constantMomentum).build();
      case ADAMW -> ScheduledAdam.adamW(schedule).optBeta1((float) constantMomentum).build();
    };
  }
}
