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
 * @param gamma {@code gamma}, the factor per step, in (0, 1]
 */
public record ExponentialLR(double gamma) implements PyTorchScheduler {
  @Override
  public String type() {
    return "ExponentialLR";
  }

  Member member(Context context) {
    List<Violation> found = new ArrayList<>();
    Checks.decayFactor(found, "gamma", gamma);
    if (!context.report(found)) {
      return null;
    }
    return Member.multiplicative(
        type(),
        context.base(),
        base -> List.of(new Phase(new Exponential(base, gamma), Phase.OPEN)),
        AfterEnd.HOLD,
        gamma == 1 ? 0 : Member.NEVER,
        context.where().ofOptimizer("lr"));
  }
}
