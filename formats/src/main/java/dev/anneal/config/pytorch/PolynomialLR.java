package dev.anneal.config.pytorch;

import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Polynomial;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code PolynomialLR(optimizer, total_iters=5, power=1.0)}: {@code lr * (1 - step /
 * total_iters)^power} until {@code total_iters}, then 0 for ever, as the shape {@link Polynomial}
 * to 0 relative to the optimizer's learning rate.
 *
 * @param totalIters {@code total_iters}, at least 0 (0: no decay at all in torch 1.13, with a warning)
 * @param power {@code power}, greater than 0
 */
public record PolynomialLR(long totalIters, double power) implements PyTorchScheduler {
  public static final long DEFAULT_TOTAL_ITERS = 5;
  public static final double DEFAULT_POWER = 1.0;

  /** {@code PolynomialLR(optimizer)}: linear decay to 0 over 5 steps. */
  public PolynomialLR() {
    this(DEFAULT_TOTAL_ITERS, DEFAULT_POWER);
  }

  @Override
  public String type() {
    return "PolynomialLR";
  }

  Member member(Context context) {
    List<Violation> found = new ArrayList<>();
    if (context.restarted()) {
      Rules.atLeastOne(found, "total_iters", totalIters);
    } else {
      Rules.nonNegative(found, "total_iters", totalIters);
    }
    Rules.positive(found, "power", power);
    if (totalIters == 0 && !context.restarted()) {
      found.add(PyTorchCode.zeroTotalIters("total_iters", totalIters,
          "never decays: the learning rate stays at " + Checks.show(context.base())));
    }
    if (!context.report(found)) {
      return null;
    }
    return Member.multiplicative(
        type(),
        context.base(),
        base -> totalIters == 0
            ? List.of(new Phase(new Constant(base), Phase.OPEN))
            : List.of(new Phase(new Polynomial(base, 0, power), totalIters)),
        AfterEnd.HOLD,
        totalIters == 0 ? 0 : Member.NEVER,
        context.where().ofOptimizer("lr"));
  }
}
