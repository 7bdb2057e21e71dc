package dev.anneal.config.pytorch;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.OneCycle;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Sequence;
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
    OneCycle momentum = new OneCycle(maxMomentum, baseMomentum, maxMomentum, pctStart, annealStrategy, threePhase);
    List<Violation> shapeFound = lr.check(total);
    // A phase without a step is no error in torch unless a step picks a phase of length 0: follow torch phase by phase.
    boolean phaseSkipped = !shapeFound.isEmpty() && shapeFound.stream().allMatch(v -> v.code() == RuleCode.ONE_CYCLE_PHASE_EMPTY);
    OneCyclePhases torch = OneCyclePhases.of(pctStart, total, threePhase);
    int zeroLength = phaseSkipped ? torch.zeroLengthPicked(total) : -1;
    if (!phaseSkipped) {
      for (Violation violation : shapeFound) {
        found.add(relocated(violation));
      }
    } else if (zeroLength >= 0 && torch.firstStep(zeroLength) < total) {
      found.add(RuleCode.oneCyclePhaseEmpty("pct_start", zeroLength + 1, 0, pctStart, total));
    }
    if (!context.report(found)) {
      return null;
    }
    List<Phase> lrCycle = phaseSkipped ? torch.phases(boundaries(lr), annealStrategy, total) : List.of(new Phase(lr, total));
    List<Phase> momentumCycle =
        phaseSkipped ? torch.phases(boundaries(momentum), annealStrategy, total) : List.of(new Phase(momentum, total));
    // PyTorch's last valid step is total_steps, one past the last phase: keep it while its bounce is still a valid value.
    double lrBounce = lr.valueAt(total, total);
    double momentumBounce = momentum.valueAt(total, total);
    boolean bounceDefined = zeroLength < 0;
    boolean bounceValid = bounceDefined && lrBounce >= 0 && (!cycleMomentum || (momentumBounce >= 0 && momentumBounce < 1));
    String totalKey = totalSteps != null ? "total_steps" : "epochs";
    String totalName = totalSteps != null ? "total_steps" : "epochs * steps_per_epoch";
    String at = context.where().of(totalKey);
    if (phaseSkipped) {
      Sequence cycle = new Sequence(lrCycle, AfterEnd.FAIL);
      context.add(PyTorchCode.oneCyclePhaseSkipped(context.where().of("pct_start"), pctStart, total, skippedNames(torch.skipped(total)),
          cycle.valueAt(0), cycle.valueAt(total - 1), total - 1));
    }
    if (!bounceDefined) {
      // torch raises there: a loop that steps the scheduler after its last update stops with the error.
      context.add(PyTorchCode.stepAfterEndRaises(at, total, totalName));
    } else {
      String invalid = Checks.show(lrBounce) + (cycleMomentum ? " and the momentum " + Checks.show(momentumBounce) : "");
      context.add(bounceValid
          ? PyTorchCode.bouncesPastTotal(at, total, totalName, Checks.show(lrBounce))
          : PyTorchCode.invalidBounce(at, total, totalName, invalid));
    }
    Member member = Member.absolute(type(), withBounce(lrCycle, lrBounce, bounceValid), AfterEnd.FAIL, context.where().of("max_lr"));
    return cycleMomentum ? member.withMomentum(withBounce(momentumCycle, momentumBounce, bounceValid), AfterEnd.FAIL) : member;
  }

  private static Violation relocated(Violation violation) {
    return violation.relocated(violation.path().equals("pctStart") ? "pct_start" : violation.path(), "pctStart", "pct_start");
  }

  /** The values at the phase boundaries, in torch's order: start, peak, (start,) end. */
  private double[] boundaries(OneCycle shape) {
    return threePhase
        ? new double[] {shape.start(), shape.peak(), shape.start(), shape.end()}
        : new double[] {shape.start(), shape.peak(), shape.end()};
  }

  /** The phases no step reaches, named for the warning, e.g. "phase 1 (the warm-up)". */
  private String skippedNames(List<Integer> phases) {
    List<String> names = new ArrayList<>();
    for (int i : phases) {
      String role = i == 0 ? "the warm-up" : i == (threePhase ? 2 : 1) ? "the anneal" : "the return to the initial learning rate";
      names.add("phase " + (i + 1) + " (" + role + ")");
    }
    return String.join(" and ", names);
  }

  private static List<Phase> withBounce(List<Phase> cycle, double bounce, boolean withBounce) {
    if (!withBounce) {
      return cycle;
    }
    List<Phase> out = new ArrayList<>(cycle);
    out.add(new Phase(new Constant(bounce), 1));
    return out;
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
