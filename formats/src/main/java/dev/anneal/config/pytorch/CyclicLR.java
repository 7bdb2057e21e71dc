package dev.anneal.config.pytorch;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
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
 * @param baseLr {@code base_lr}, at least 0
 * @param maxLr {@code max_lr}, at least {@code base_lr}
 * @param stepSizeUp {@code step_size_up}, at least 1
 * @param stepSizeDown {@code step_size_down}, at least 1, or {@code null} for {@code step_size_up}
 * @param mode {@code mode}: triangular, triangular2 or exp_range
 * @param gamma {@code gamma}, in (0, 1]; used by exp_range only
 * @param cycleMomentum {@code cycle_momentum}
 * @param baseMomentum {@code base_momentum}, in [0, 1)
 * @param maxMomentum {@code max_momentum}, in [0, 1) and at least {@code base_momentum}
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
      found.add(RuleCode.cyclicBaseAboveMax("base_lr", baseLr, maxLr));
    }
    Rules.atLeastOne(found, "step_size_up", stepSizeUp);
    if (stepSizeDown != null) {
      Rules.atLeastOne(found, "step_size_down", stepSizeDown);
    }
    if (mode == Cyclic.Mode.EXP_RANGE) {
      Checks.decayFactor(found, "gamma", gamma);
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
        found.add(RuleCode.cyclicBaseAboveMax("base_momentum", baseMomentum, maxMomentum));
      }
    } else {
      if (baseMomentum != DEFAULT_BASE_MOMENTUM) {
        Checks.ignored(found, "base_momentum", baseMomentum, "CyclicLR with cycle_momentum false");
      }
      if (maxMomentum != DEFAULT_MAX_MOMENTUM) {
        Checks.ignored(found, "max_momentum", maxMomentum, "CyclicLR with cycle_momentum false");
      }
    }
    if (!context.report(found)) {
      return null;
    }
    long down = stepSizeDown == null ? stepSizeUp : stepSizeDown;
    double usedGamma = mode == Cyclic.Mode.EXP_RANGE ? gamma : 1.0;
    Member member = Member.absolute(
        type(),
        List.of(new Phase(new Cyclic(baseLr, maxLr, stepSizeUp, down, mode, usedGamma, false), Phase.OPEN)),
        AfterEnd.HOLD,
        context.where().of("base_lr"));
    if (!cycleMomentum) {
      return member;
    }
    return member.withMomentum(
        List.of(new Phase(new Cyclic(baseMomentum, maxMomentum, stepSizeUp, down, mode, usedGamma, true), Phase.OPEN)), AfterEnd.HOLD);
  }
}
