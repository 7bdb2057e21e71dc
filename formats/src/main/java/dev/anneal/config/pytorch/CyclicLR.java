package dev.anneal.config.pytorch;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * PyTorch's {@code CyclicLR(optimizer, base_lr, max_lr, step_size_up=2000, step_size_down=None,
 * mode='triangular', gamma=1.0, cycle_momentum=True, base_momentum=0.8, max_momentum=0.9)}, as the
 * shape {@link Cyclic}; momentum, when cycled, mirrors the learning rate between {@code
 * max_momentum} and {@code base_momentum}: SGD's {@code momentum}, or in torch 2.x {@code
 * betas[0]} of Adam and AdamW. torch 1.13 cycles only SGD's: with Adam or AdamW, {@code
 * cycle_momentum=True} (the default) raises there, and so does {@link TorchVersion#TORCH_1_13}'s
 * build (set it to false). The optimizer's own learning rate is not used: the cycle starts at {@code base_lr}.
 * A custom {@code scale_fn} (a Python function) is not supported.
 *
 * <p>torch checks neither order nor lengths: {@code base_lr} above {@code max_lr} (or {@code
 * base_momentum} above {@code max_momentum}) runs an inverted cycle, and {@code step_size_down = 0}
 * (kept, since only {@code None} means {@code step_size_up}) a sawtooth; both are reproduced, with
 * a warning. {@code step_size_up = 0} raises ZeroDivisionError at the first step, there as here.
 *
 * @param baseLr {@code base_lr}, at least 0 (above {@code max_lr}: an inverted cycle)
 * @param maxLr {@code max_lr}, at least 0
 * @param stepSizeUp {@code step_size_up}, at least 1
 * @param stepSizeDown {@code step_size_down}, at least 0, or {@code null} for {@code step_size_up}
 * @param mode {@code mode}: triangular, triangular2 or exp_range
 * @param gamma {@code gamma}, at least 0; used by exp_range only: 0, which torch runs as a flat {@code
 *     base_lr} after step 0, and above 1, growing cycles (only with {@code cycle_momentum} false and
 *     {@code base_lr} at most {@code max_lr}), are reproduced with a warning
 * @param cycleMomentum {@code cycle_momentum}
 * @param baseMomentum {@code base_momentum}, in [0, 1)
 * @param maxMomentum {@code max_momentum}, in [0, 1)
 */
public record CyclicLR(
    double baseLr,
    double maxLr,
    long stepSizeUp,
    Long stepSizeDown,
    Cyclic.Mode mode,
    double gamma,
    boolean cycleMomentum,
    double baseMomentum,
    double maxMomentum)
    implements PyTorchScheduler {

  public static final long DEFAULT_STEP_SIZE_UP = 2000;
  public static final double DEFAULT_BASE_MOMENTUM = 0.8;
  public static final double DEFAULT_MAX_MOMENTUM = 0.9;

  public CyclicLR {
    Objects.requireNonNull(mode, "mode");
  }

  /** {@code CyclicLR(optimizer, base_lr, max_lr)} with PyTorch's defaults (momentum cycling on). */
  public CyclicLR(double baseLr, double maxLr) {
    this(baseLr, maxLr, DEFAULT_STEP_SIZE_UP, null, Cyclic.Mode.TRIANGULAR, 1.0, true, DEFAULT_BASE_MOMENTUM, DEFAULT_MAX_MOMENTUM);
  }

  /** A copy with {@code step_size_up} and {@code step_size_down} ({@code null}: equal to up). */
  public CyclicLR withStepSizes(long up, Long down) {
    return new CyclicLR(baseLr, maxLr, up, down, mode, gamma, cycleMomentum, baseMomentum, maxMomentum);
  }

  /** A copy with {@code mode} and {@code gamma}. */
  public CyclicLR withMode(Cyclic.Mode newMode, double newGamma) {
    return new CyclicLR(baseLr, maxLr, stepSizeUp, stepSizeDown, newMode, newGamma, cycleMomentum, baseMomentum, maxMomentum);
  }

  /** A copy that does not cycle momentum. */
  public CyclicLR withoutMomentumCycling() {
    return new CyclicLR(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, false, baseMomentum, maxMomentum);
  }

  /** A copy that cycles momentum between {@code base} and {@code max}. */
  public CyclicLR withMomentum(double base, double max) {
    return new CyclicLR(baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, true, base, max);
  }

  @Override
  public String type() {
    return "CyclicLR";
  }

  /** The mode as PyTorch spells it, e.g. {@code exp_range}. */
  static String torchName(Cyclic.Mode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  Member member(Context context) {
    List<Violation> found = new ArrayList<>();
    if (Rules.nonNegative(found, "base_lr", baseLr) & Rules.nonNegative(found, "max_lr", maxLr) && baseLr > maxLr) {
      found.add(PyTorchCode.invertedCycle("base_lr", "base_lr", baseLr, "max_lr", maxLr, "learning rate", baseLr, maxLr));
    }
    // torch divides by step_size_up / (step_size_up + step_size_down) at the first step: 0 raises ZeroDivisionError.
    boolean upOk = Rules.atLeastOne(found, "step_size_up", stepSizeUp);
    if (stepSizeDown != null && Rules.nonNegative(found, "step_size_down", stepSizeDown) && stepSizeDown == 0 && upOk) {
      found.add(PyTorchCode.sawtoothCycle("step_size_down", stepSizeDown, stepSizeUp));
    }
    if (mode == Cyclic.Mode.EXP_RANGE) {
      // gamma 0 makes exp_range's amplitude 0 ** t, 0 after step 0: torch flattens the cycle (warned below, with the momentum).
      // Above 1 the cycles grow: reproduced for the learning rate of an upright cycle, which stays above base_lr; an inverted
      // cycle would take it below 0, and a cycled momentum out of [0, 1), which a plan does not hold.
      if (Checks.decayFactor(found, "gamma", gamma) && gamma > 1 && (cycleMomentum || baseLr > maxLr)) {
        found.add(RuleCode.outOfRange("gamma", "gamma", gamma,
            "(0, 1] in mode exp_range: above 1 the amplitude gamma^t grows at every step without end"
                + " (torch runs it until the learning rate overflows); use a gamma below 1 to shrink the cycles"));
      }
    } else if (gamma != 1.0) {
      Checks.ignored(found, "gamma", gamma, "CyclicLR in mode '" + torchName(mode) + "'");
    }
    if (cycleMomentum) {
      if (!context.optimizer().hasMomentum() && context.version().is113()) {
        found.add(PyTorchCode.noMomentumToCycle("cycle_momentum", context.optimizer().type().upstreamName(), "CyclicLR"));
      } else if (!context.optimizer().hasMomentum() && baseMomentum == DEFAULT_BASE_MOMENTUM && maxMomentum == DEFAULT_MAX_MOMENTUM) {
        // Probably a CyclicLR moved over from SGD: β1 then dips to 0.8 at every peak of the learning rate.
        found.add(PyTorchCode.cyclesBeta1("cycle_momentum", context.optimizer().type().upstreamName(), maxMomentum, baseMomentum,
            context.optimizer().beta1()));
      }
      if (Checks.momentum(found, "base_momentum", baseMomentum) & Checks.momentum(found, "max_momentum", maxMomentum)
          && baseMomentum > maxMomentum) {
        found.add(PyTorchCode.invertedCycle("base_momentum", "base_momentum", baseMomentum, "max_momentum", maxMomentum,
            "momentum", maxMomentum, baseMomentum));
      }
    } else {
      if (baseMomentum != DEFAULT_BASE_MOMENTUM) {
        Checks.ignored(found, "base_momentum", baseMomentum, "CyclicLR with cycle_momentum false");
      }
      if (maxMomentum != DEFAULT_MAX_MOMENTUM) {
        Checks.ignored(found, "max_momentum", maxMomentum, "CyclicLR with cycle_momentum false");
      }
    }
    boolean flattened = mode == Cyclic.Mode.EXP_RANGE && gamma == 0;
    if (flattened) {
      found.add(PyTorchCode.cycleFlattened("gamma", baseLr, cycleMomentum ? " and the momentum at max_momentum (" + Checks.show(maxMomentum) + ")" : ""));
    }
    long length = Phase.OPEN;
    if (grows()) {
      // torch's gamma ** t raises OverflowError once it passes the largest double, and the value is infinite a little earlier
      // where max_lr - base_lr exceeds 1. The cyclic shape bounds a phase of n steps by its amplitude at step n (the value it
      // holds after its end), so the plan ends one step before the last at which both are finite.
      long last = Checks.lastFiniteStep(maxLr - baseLr, gamma, 1);
      length = last == Long.MAX_VALUE - 1 ? Phase.OPEN : last;
      found.add(PyTorchCode.gammaAboveOne("gamma", gamma, type(),
          "peak higher in every cycle (the amplitude gamma^t grows at every step); Anneal's plan holds its first " + length
              + " steps, as gamma^t overflows soon after"));
    }
    if (!context.report(found)) {
      return null;
    }
    if (flattened) {
      // torch's base + height * 0 ** t: the height is 0 at step 0 (the cycle's start) and the amplitude 0 after it.
      Member member = Member.absolute(type(), List.of(new Phase(new Constant(baseLr), Phase.OPEN)), AfterEnd.HOLD, context.where().of("base_lr"));
      return cycleMomentum ? member.withMomentum(List.of(new Phase(new Constant(maxMomentum), Phase.OPEN)), AfterEnd.HOLD) : member;
    }
    long down = stepSizeDown == null ? stepSizeUp : stepSizeDown;
    double usedGamma = mode == Cyclic.Mode.EXP_RANGE ? gamma : 1.0;
    Member member = Member.absolute(
        type(),
        List.of(new Phase(cycle(baseLr, maxLr, false, down, usedGamma), length)),
        length == Phase.OPEN ? AfterEnd.HOLD : AfterEnd.FAIL,
        context.where().of("base_lr"));
    if (!cycleMomentum) {
      return member;
    }
    return member.withMomentum(List.of(new Phase(cycle(baseMomentum, maxMomentum, true, down, usedGamma), Phase.OPEN)), AfterEnd.HOLD);
  }

  /** exp_range with a gamma above 1 on an upright cycle without momentum: the learning rate's cycles grow, as in torch. */
  private boolean grows() {
    return mode == Cyclic.Mode.EXP_RANGE && gamma > 1 && !cycleMomentum && baseLr <= maxLr;
  }

  /**
   * torch's cycle between {@code base} and {@code max} ({@code base_lr}, {@code max_lr}, or the
   * momentum's pair, {@code mirrored} as torch cycles momentum). {@link Cyclic} needs its base at
   * most its max; an inverted pair, which torch runs, is the same cycle with the ends swapped and the
   * mirroring flipped, bit for bit: torch's {@code base + ((max - base) * scale) * amplitude} equals
   * {@code base - ((base - max) * scale) * amplitude}, since {@code max - base} is exactly {@code
   * -(base - max)} in floating point.
   */
  private Cyclic cycle(double base, double max, boolean mirrored, long down, double usedGamma) {
    return base <= max
        ? new Cyclic(base, max, stepSizeUp, down, mode, usedGamma, mirrored)
        : new Cyclic(max, base, stepSizeUp, down, mode, usedGamma, !mirrored);
  }
}
