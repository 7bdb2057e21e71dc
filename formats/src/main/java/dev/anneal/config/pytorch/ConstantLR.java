package dev.anneal.config.pytorch;

import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code ConstantLR(optimizer, factor=1/3, total_iters=5)}: {@code lr * factor} for the
 * first {@code total_iters} steps, then {@code lr}. With {@code total_iters = 0} torch 1.13 applies
 * the factor at step 0 and never undoes it (reproduced, with a warning), unless a {@code
 * SequentialLR} starts it by its closed form, where the factor then never applies.
 *
 * @param factor {@code factor}, in (0, 1] (PyTorch raises outside [0, 1] and divides by it)
 * @param totalIters {@code total_iters}, at least 0
 */
public record ConstantLR(double factor, long totalIters) implements PyTorchScheduler {
  public static final double DEFAULT_FACTOR = 1.0 / 3;
  public static final long DEFAULT_TOTAL_ITERS = 5;

  /** {@code ConstantLR(optimizer)}: factor 1/3 for 5 steps. */
  public ConstantLR() {
    this(DEFAULT_FACTOR, DEFAULT_TOTAL_ITERS);
  }

  @Override
  public String type() {
    return "ConstantLR";
  }

  Member member(Context context) {
    List<Violation> found = new ArrayList<>();
    Checks.unitFactor(found, "factor", factor, false, "PyTorch 1.13 divides by factor at step total_iters (ZeroDivisionError)");
    Rules.nonNegative(found, "total_iters", totalIters);
    boolean frozen = totalIters == 0 && !context.restarted();
    if (totalIters == 0 && factor != 1) {
      found.add(PyTorchCode.zeroTotalIters("total_iters", totalIters, frozen
          ? "applies factor (" + Checks.show(factor) + ") at step 0 and never undoes it: the learning rate stays at "
              + Checks.show(context.base() * factor)
          : "never applies factor (" + Checks.show(factor) + ") here: SequentialLR starts this scheduler by its closed form,"
              + " which is the plain learning rate"));
    }
    if (!context.report(found)) {
      return null;
    }
    long settles = totalIters > 0 ? totalIters : frozen && factor != 1 ? Member.NEVER : 0;
    return Member.multiplicative(
        type(),
        context.base(),
        base -> totalIters == 0
            ? List.of(new Phase(new Constant(frozen ? base * factor : base), Phase.OPEN))
            : List.of(new Phase(new Constant(base * factor), totalIters), new Phase(new Constant(base), Phase.OPEN)),
        AfterEnd.HOLD,
        settles,
        context.where().ofOptimizer("lr"));
  }
}
