package dev.anneal.config.pytorch;

import dev.anneal.rules.RuleCode;
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
 * <p>torch does not check {@code power}. With 0 every factor is 1, even {@code 0.0 ** 0} at {@code
 * total_iters}, so the learning rate never moves (reproduced, with a warning). Below 0 torch raises
 * ZeroDivisionError at step {@code total_iters}, where it raises 0.0 to the power (unless that step
 * is 0, where it computes nothing).
 *
 * @param totalIters {@code total_iters}, at least 0 (0: no decay at all in torch 1.13, with a warning)
 * @param power {@code power}, at least 0 unless {@code total_iters} is 0
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
    boolean flat = power == 0;
    if (Rules.finite(found, "power", power)) {
      // With total_iters 0 torch never computes a factor (at step 0 and past total_iters it keeps the lr).
      if (power < 0 && (totalIters != 0 || context.restarted())) {
        found.add(RuleCode.outOfRange("power", "power", power,
            "[0, inf): torch raises ZeroDivisionError at step total_iters, where it raises 0.0 to a negative power"));
      } else if (flat) {
        found.add(PyTorchCode.powerZero("power", power, context.base()));
      }
    }
    if (totalIters == 0 && !context.restarted() && !flat) {
      found.add(PyTorchCode.zeroTotalIters("total_iters", totalIters,
          "never decays: the learning rate stays at " + Checks.show(context.base())));
    }
    if (!context.report(found)) {
      return null;
    }
    return Member.multiplicative(
        type(),
        context.base(),
        base -> totalIters == 0 || flat
            ? List.of(new Phase(new Constant(base), Phase.OPEN))
            : List.of(new Phase(new Polynomial(base, 0, power), totalIters)),
        AfterEnd.HOLD,
        totalIters == 0 || flat ? 0 : Member.NEVER,
        context.where().ofOptimizer("lr"));
  }
}
