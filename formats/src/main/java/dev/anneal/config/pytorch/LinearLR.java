package dev.anneal.config.pytorch;

import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code LinearLR(optimizer, start_factor=1/3, end_factor=1.0, total_iters=5)}: the
 * factor of the learning rate moves linearly from {@code start_factor} to {@code end_factor} over
 * {@code total_iters} steps and stays there. torch 1.13 divides by {@code start_factor} (so 0
 * raises ZeroDivisionError at the first step) and, with {@code total_iters = 0}, keeps {@code
 * start_factor} for ever (reproduced, with a warning).
 *
 * @param startFactor {@code start_factor}, in (0, 1]
 * @param endFactor {@code end_factor}, in [0, 1]
 * @param totalIters {@code total_iters}, at least 0
 */
public record LinearLR(double startFactor, double endFactor, long totalIters) implements PyTorchScheduler {
  public static final double DEFAULT_START_FACTOR = 1.0 / 3;
  public static final double DEFAULT_END_FACTOR = 1.0;
  public static final long DEFAULT_TOTAL_ITERS = 5;

  /** {@code LinearLR(optimizer)}: from 1/3 to 1 over 5 steps. */
  public LinearLR() {
    this(DEFAULT_START_FACTOR, DEFAULT_END_FACTOR, DEFAULT_TOTAL_ITERS);
  }

  @Override
  public String type() {
    return "LinearLR";
  }

  Member member(Context context) {
    List<Violation> found = new ArrayList<>();
    Checks.unitFactor(found, "start_factor", startFactor, false, "PyTorch 1.13 divides by start_factor at the first step (ZeroDivisionError)");
    Checks.unitFactor(found, "end_factor", endFactor, true, "");
    if (context.restarted()) {
      // SequentialLR starts later members by their closed form, which divides by total_iters.
      Rules.atLeastOne(found, "total_iters", totalIters);
    } else {
      Rules.nonNegative(found, "total_iters", totalIters);
    }
    if (totalIters == 0 && !context.restarted() && (startFactor != 1 || endFactor != 1)) {
      found.add(PyTorchCode.zeroTotalIters("total_iters", totalIters,
          "applies start_factor (" + Checks.show(startFactor) + ") at step 0 and never moves to end_factor: the learning rate stays at "
              + Checks.show(context.base() * startFactor)));
    }
    if (!context.report(found)) {
      return null;
    }
    long settles = totalIters == 0 ? (startFactor == 1 ? 0 : Member.NEVER) : endFactor == 1 ? totalIters : Member.NEVER;
    return Member.multiplicative(
        type(),
        context.base(),
        base -> totalIters == 0
            ? List.of(new Phase(new Constant(base * startFactor), Phase.OPEN))
            : List.of(
                new Phase(new Linear(base * startFactor, base * endFactor), totalIters),
                new Phase(new Constant(base * endFactor), Phase.OPEN)),
        AfterEnd.HOLD,
        settles,
        context.where().ofOptimizer("lr"));
  }
}
