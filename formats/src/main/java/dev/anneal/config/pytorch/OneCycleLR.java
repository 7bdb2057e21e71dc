package dev.anneal.config.pytorch;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.OneCycle;
import dev.anneal.schedule.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * PyTorch's {@code OneCycleLR(optimizer, max_lr, total_steps=None, epochs=None,
 * steps_per_epoch=None, pct_start=0.3, anneal_strategy='cos', cycle_momentum=True,
 * base_momentum=0.85, max_momentum=0.95, div_factor=25.0, final_div_factor=1e4,
 * three_phase=False)}, as the shape {@link OneCycle} from {@code max_lr / div_factor} up to {@code
 * max_lr} and down to {@code max_lr / div_factor / final_div_factor}; momentum (SGD's {@code
 * momentum}, or {@code betas[0]} of Adam and AdamW) mirrors it.
 *
 * <p>PyTorch evaluates the schedule once more at step {@code total_steps}, past the last phase: the
 * value bounces back (reproduced, with a warning), and one more {@code scheduler.step()} raises
 * ValueError. So the plan ends there: asking for a later step is an error ({@link AfterEnd#FAIL}).
 *
 * @param maxLr {@code max_lr}, at least 0
 * @param totalSteps {@code total_steps}, at least 1, or {@code null} to use {@code epochs * steps_per_epoch}
 * @param epochs {@code epochs}, or {@code null}
 * @param stepsPerEpoch {@code steps_per_epoch}, or {@code null}
 * @param pctStart {@code pct_start}, in [0, 1]
 * @param annealStrategy {@code anneal_strategy}: cos or linear
 * @param cycleMomentum {@code cycle_momentum}
 * @param baseMomentum {@code base_momentum}, in [0, 1)
 * @param maxMomentum {@code max_momentum}, in [0, 1)
 * @param divFactor {@code div_factor}, greater than 0
 * @param finalDivFactor {@code final_div_factor}, greater than 0
 * @param threePhase {@code three_phase}
 */
public record OneCycleLR(
    double maxLr,
    Long totalSteps,
    Long epochs,
    Long stepsPerEpoch,
    double pctStart,
    OneCycle.Anneal annealStrategy,
    boolean cycleMomentum,
    double baseMomentum,
    double maxMomentum,
    double divFactor,
    double finalDivFactor,
    boolean threePhase)
    implements PyTorchScheduler {

  public static final double DEFAULT_PCT_START = 0.3;
  public static final double DEFAULT_BASE_MOMENTUM = 0.85;
  public static final double DEFAULT_MAX_MOMENTUM = 0.95;
  public static final double DEFAULT_DIV_FACTOR = 25.0;
  public static final double DEFAULT_FINAL_DIV_FACTOR = 1e4;

  public OneCycleLR {
    Objects.requireNonNull(annealStrategy, "annealStrategy");
  }

  /** {@code OneCycleLR(optimizer, max_lr, total_steps=totalSteps)} with PyTorch's defaults. */
  public static OneCycleLR ofTotalSteps(double maxLr, long totalSteps) {
    return new OneCycleLR(maxLr, totalSteps, null, null, DEFAULT_PCT_START, OneCycle.Anneal.COS, true,
        DEFAULT_BASE_MOMENTUM, DEFAULT_MAX_MOMENTUM, DEFAULT_DIV_FACTOR, DEFAULT_FINAL_DIV_FACTOR, false);
  }

  /** {@code OneCycleLR(optimizer, max_lr, epochs=epochs, steps_per_epoch=stepsPerEpoch)} with PyTorch's defaults. */
  public static OneCycleLR ofEpochs(double maxLr, long epochs, long stepsPerEpoch) {
    return new OneCycleLR(maxLr, null, epochs, stepsPerEpoch, DEFAULT_PCT_START, OneCycle.Anneal.COS, true,
        DEFAULT_BASE_MOMENTUM, DEFAULT_MAX_MOMENTUM, DEFAULT_DIV_FACTOR, DEFAULT_FINAL_DIV_FACTOR, false);
  }

  /** A copy with {@code pctStart} replaced; the other arguments are kept. */
  public OneCycleLR withPctStart(double newPctStart) {
    return new OneCycleLR(maxLr, totalSteps, epochs, stepsPerEpoch, newPctStart, annealStrategy, cycleMomentum,
        baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase);
  }

  /** A copy with {@code annealStrategy} replaced; the other arguments are kept. */
  public OneCycleLR withAnnealStrategy(OneCycle.Anneal newStrategy) {
    return new OneCycleLR(maxLr, totalSteps, epochs, stepsPerEpoch, pctStart, newStrategy, cycleMomentum,
        baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase);
  }

  /** A copy with {@code cycle_momentum}, {@code base_momentum} and {@code max_momentum} replaced. */
  public OneCycleLR withMomentum(boolean cycle, double base, double max) {
    return new OneCycleLR(maxLr, totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycle,
        base, max, divFactor, finalDivFactor, threePhase);
  }

  /** A copy with {@code div_factor} and {@code final_div_factor} replaced. */
  public OneCycleLR withDivFactors(double newDivFactor, double newFinalDivFactor) {
    return new OneCycleLR(maxLr, totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum,
        baseMomentum, maxMomentum, newDivFactor, newFinalDivFactor, threePhase);
  }

  /** A copy with {@code threePhase} replaced; the other arguments are kept. */
  public OneCycleLR withThreePhase(boolean newThreePhase) {
    return new OneCycleLR(maxLr, totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum,
        baseMomentum, maxMomentum, divFactor, finalDivFactor, newThreePhase);
  }

  @Override
  public String type() {
    return "OneCycleLR";
  }

  /** The strategy as PyTorch spells it: {@code cos} or {@code linear}. */
  static String torchName(OneCycle.Anneal strategy) {
    return strategy.name().toLowerCase(Locale.ROOT);
  }

  /** The initial learning rate, {@code max_lr / div_factor}, computed as PyTorch does. */
  double initialLr() {
    return maxLr / divFactor;
  }

  Member member(Context context) {
    List<Violation> found = new ArrayList<>();
    Rules.nonNegative(found, "max_lr", maxLr);
    long total = total(found);
    Rules.within(found, "pct_start", pctStart, 0, 1);
    Rules.positive(found, "div_factor", divFactor);
    Rules.positive(found, "final_div_factor", finalDivFactor);
    if (cycleMomentum) {
      Checks.momentum(found, "base_momentum", baseMomentum);
      Checks.momentum(found, "max_momentum", maxMomentum);
    } else {
      if (baseMomentum != DEFAULT_BASE_MOMENTUM) {
        Checks.ignored(found, "base_momentum", baseMomentum, "OneCycleLR with cycle_momentum false");
      }
      if (maxMomentum != DEFAULT_MAX_MOMENTUM) {
        Checks.ignored(found, "max_momentum", maxMomentum, "OneCycleLR with cycle_momentum false");
      }
    }
    if (found.stream().anyMatch(Violation::isError)) {
      context.report(found);
      return null;
    }
    double initial = initialLr();
    OneCycle lr = new OneCycle(initial, maxLr, initial / finalDivFactor, pctStart, annealStrategy, threePhase);
    for (Violation violation : lr.check(total)) {
      found.add(violation.relocated(violation.path().equals("pctStart") ? "pct_start" : violation.path(), "pctStart", "pct_start"));
    }
    if (!context.report(found)) {
      return null;
    }
    OneCycle momentum = new OneCycle(maxMomentum, baseMomentum, maxMomentum, pctStart, annealStrategy, threePhase);
    // PyTorch's last valid step is total_steps, one past the last phase: keep it while its bounce is still a valid value.
    double lrBounce = lr.valueAt(total, total);
    double momentumBounce = momentum.valueAt(total, total);
    boolean bounceValid = lrBounce >= 0 && (!cycleMomentum || (momentumBounce >= 0 && momentumBounce < 1));
    String totalKey = totalSteps != null ? "total_steps" : "epochs";
    String totalName = totalSteps != null ? "total_steps" : "epochs * steps_per_epoch";
    String at = context.where().of(totalKey);
    context.add(bounceValid
        ? PyTorchCode.bouncesPastTotal(at, total, totalName, Checks.show(lrBounce))
        : PyTorchCode.invalidBounce(at, total, totalName,
            Checks.show(lrBounce) + (cycleMomentum ? " and the momentum " + Checks.show(momentumBounce) : "")));
    Member member = Member.absolute(type(), phases(lr, lrBounce, total, bounceValid), AfterEnd.FAIL, context.where().of("max_lr"));
    return cycleMomentum ? member.withMomentum(phases(momentum, momentumBounce, total, bounceValid), AfterEnd.FAIL) : member;
  }

  private static List<Phase> phases(OneCycle shape, double bounce, long total, boolean withBounce) {
    return withBounce
        ? List.of(new Phase(shape, total), new Phase(new Constant(bounce), 1))
        : List.of(new Phase(shape, total));
  }

  /** {@code total_steps}, or {@code epochs * steps_per_epoch}; -1 (with a violation) if neither is valid. */
  private long total(List<Violation> found) {
    if (totalSteps != null) {
      if (epochs != null) {
        Checks.ignored(found, "epochs", epochs, "OneCycleLR when total_steps is given");
      }
      if (stepsPerEpoch != null) {
        Checks.ignored(found, "steps_per_epoch", stepsPerEpoch, "OneCycleLR when total_steps is given");
      }
      return Rules.atLeastOne(found, "total_steps", totalSteps) ? totalSteps : -1;
    }
    if (epochs == null && stepsPerEpoch == null) {
      found.add(ConfigCode.missingKey("total_steps", "'total_steps' (or both 'epochs' and 'steps_per_epoch')"));
      return -1;
    }
    boolean valid = true;
    for (String key : List.of("epochs", "steps_per_epoch")) {
      Long value = key.equals("epochs") ? epochs : stepsPerEpoch;
      if (value == null) {
        found.add(ConfigCode.missingKey(key, "'" + key + "' (OneCycleLR without total_steps needs both 'epochs' and 'steps_per_epoch')"));
        valid = false;
      } else {
        valid &= Rules.atLeastOne(found, key, value);
      }
    }
    if (!valid) {
      return -1;
    }
    try {
      return Math.multiplyExact(epochs, stepsPerEpoch);
    } catch (ArithmeticException e) {
      found.add(RuleCode.outOfRange("steps_per_epoch", "epochs * steps_per_epoch", epochs + " * " + stepsPerEpoch, "the 64-bit step range"));
      return -1;
    }
  }
}
