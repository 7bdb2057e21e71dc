package dev.anneal.config.pytorch;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plateau;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * PyTorch's {@code ReduceLROnPlateau(optimizer, mode='min', factor=0.1, patience=10,
 * threshold=1e-4, threshold_mode='rel', cooldown=0, min_lr=0, eps=1e-8)}, as a {@link Plateau}
 * phase. Its state is explicit: feed the metric reported after each update with {@link
 * dev.anneal.schedule.Schedule#observe} where PyTorch calls {@code scheduler.step(metric)}.
 *
 * @param mode {@code mode}: {@code min} or {@code max}
 * @param factor {@code factor}, in (0, 1)
 * @param patience {@code patience}, at least 0
 * @param threshold {@code threshold}, at least 0
 * @param thresholdMode {@code threshold_mode}: {@code rel} or {@code abs}
 * @param cooldown {@code cooldown}, at least 0
 * @param minLr {@code min_lr}, at least 0; above the learning rate (which torch does not check) no
 *     reduction ever applies and the learning rate stays put, reproduced with a warning
 * @param eps {@code eps}, at least 0
 */
public record ReduceLROnPlateau(
    Plateau.Mode mode,
    double factor,
    long patience,
    double threshold,
    Plateau.ThresholdMode thresholdMode,
    long cooldown,
    double minLr,
    double eps)
    implements PyTorchScheduler {

  public ReduceLROnPlateau {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(thresholdMode, "thresholdMode");
  }

  /** {@code ReduceLROnPlateau(optimizer)} with all of PyTorch's defaults. */
  public ReduceLROnPlateau() {
    this(Plateau.Mode.MIN, 0.1, 10, 1e-4, Plateau.ThresholdMode.REL, 0, 0, 1e-8);
  }

  /** A copy with {@code mode} replaced; the other arguments are kept. */
  public ReduceLROnPlateau withMode(Plateau.Mode newMode) {
    return new ReduceLROnPlateau(newMode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
  }

  /** A copy with {@code factor} replaced; the other arguments are kept. */
  public ReduceLROnPlateau withFactor(double newFactor) {
    return new ReduceLROnPlateau(mode, newFactor, patience, threshold, thresholdMode, cooldown, minLr, eps);
  }

  /** A copy with {@code patience} replaced; the other arguments are kept. */
  public ReduceLROnPlateau withPatience(long newPatience) {
    return new ReduceLROnPlateau(mode, factor, newPatience, threshold, thresholdMode, cooldown, minLr, eps);
  }

  /** A copy with {@code threshold} and {@code threshold_mode} replaced; the other arguments are kept. */
  public ReduceLROnPlateau withThreshold(double newThreshold, Plateau.ThresholdMode newThresholdMode) {
    return new ReduceLROnPlateau(mode, factor, patience, newThreshold, newThresholdMode, cooldown, minLr, eps);
  }

  /** A copy with {@code cooldown} replaced; the other arguments are kept. */
  public ReduceLROnPlateau withCooldown(long newCooldown) {
    return new ReduceLROnPlateau(mode, factor, patience, threshold, thresholdMode, newCooldown, minLr, eps);
  }

  /** A copy with {@code minLr} replaced; the other arguments are kept. */
  public ReduceLROnPlateau withMinLr(double newMinLr) {
    return new ReduceLROnPlateau(mode, factor, patience, threshold, thresholdMode, cooldown, newMinLr, eps);
  }

  /** A copy with {@code eps} replaced; the other arguments are kept. */
  public ReduceLROnPlateau withEps(double newEps) {
    return new ReduceLROnPlateau(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, newEps);
  }

  @Override
  public String type() {
    return "ReduceLROnPlateau";
  }

  Member member(Context context) {
    List<Violation> found = new ArrayList<>();
    if (Rules.finite(found, "factor", factor) && !(factor > 0 && factor < 1)) {
      found.add(RuleCode.plateauFactorOutOfRange("factor", factor));
    }
    Rules.nonNegative(found, "patience", patience);
    Rules.nonNegative(found, "threshold", threshold);
    Rules.nonNegative(found, "cooldown", cooldown);
    boolean frozen = Rules.nonNegative(found, "min_lr", minLr) && minLr > context.base();
    if (frozen) {
      found.add(PyTorchCode.minLrAboveLr("min_lr", minLr, context.base()));
    }
    Rules.nonNegative(found, "eps", eps);
    if (!context.report(found)) {
      return null;
    }
    if (frozen) {
      // torch's _reduce_lr: new_lr = max(old_lr * factor, min_lr) is above old_lr, and only a drop of more than eps applies.
      return Member.absolute(type(), List.of(new Phase(new Constant(context.base()), Phase.OPEN)), AfterEnd.HOLD, context.where().ofOptimizer("lr"));
    }
    Plateau plateau = new Plateau(context.base(), mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
    return Member.absolute(type(), List.of(new Phase(plateau, Phase.OPEN)), AfterEnd.HOLD, context.where().ofOptimizer("lr"));
  }
}
