package dev.anneal.config.pytorch;

import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Exponential;
import dev.anneal.schedule.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code ExponentialLR(optimizer, gamma)}: {@code lr * gamma^step}, as the shape {@link
 * Exponential} relative to the optimizer's learning rate. PyTorch multiplies step by step; the
 * product form differs from it by a few units in the last place after thousands of steps.
 *
 * <p>torch does not check {@code gamma}: above 1 the learning rate grows every step (an
 * exponential range test; reproduced, with a warning) until it passes the largest double, where
 * the plan ends; 0 zeroes it from step 1 on (reproduced, with a warning).
 *
 * @param gamma {@code gamma}, the factor per step, at least 0
 */
public record ExponentialLR(double gamma) implements PyTorchScheduler {
  @Override
  public String type() {
    return "ExponentialLR";
  }

  Member member(Context context) {
    List<Violation> found = new ArrayList<>();
    boolean valid = Checks.decayFactor(found, "gamma", gamma);
    boolean grows = valid && gamma > 1;
    boolean zeroes = valid && gamma == 0;
    if (zeroes) {
      found.add(PyTorchCode.gammaZero("gamma", gamma, type(), 1));
    }
    long end = grows ? Checks.lastFiniteStep(context.base(), gamma, 1) : Phase.OPEN;
    if (grows) {
      found.add(PyTorchCode.gammaAboveOne("gamma", gamma, type(),
          "at every step; Anneal's plan holds its first " + end + " steps, as the factor gamma^t overflows soon after"));
    }
    if (!context.report(found)) {
      return null;
    }
    return Member.multiplicative(
        type(),
        context.base(),
        base -> zeroes ? Checks.zeroedAt(base, 1) : List.of(new Phase(new Exponential(base, gamma), end)),
        grows ? AfterEnd.FAIL : AfterEnd.HOLD,
        gamma == 1 ? 0 : Member.NEVER,
        context.where().ofOptimizer("lr"));
  }
}
