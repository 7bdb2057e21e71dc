package dev.anneal.config.pytorch;

import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.StepDecay;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code StepLR(optimizer, step_size, gamma=0.1)}: {@code lr * gamma^floor(step /
 * step_size)}, as the shape {@link StepDecay} relative to the optimizer's learning rate.
 *
 * @param stepSize {@code step_size}, the period of the decay in steps (at least 1; PyTorch divides by it)
 * <p>torch does not check {@code gamma}: above 1 the learning rate grows every {@code step_size}
 * steps (reproduced, with a warning) until it passes the largest double, where the plan ends.
 *
 * @param gamma {@code gamma}, the factor applied every {@code step_size} steps, greater than 0
 */
public record StepLR(long stepSize, double gamma) implements PyTorchScheduler {
  public static final double DEFAULT_GAMMA = 0.1;

  /** {@code StepLR(optimizer, step_size)} with the default gamma 0.1. */
  public StepLR(long stepSize) {
    this(stepSize, DEFAULT_GAMMA);
  }

  /** A copy with {@code gamma} replaced; the other arguments are kept. */
  public StepLR withGamma(double newGamma) {
    return new StepLR(stepSize, newGamma);
  }

  @Override
  public String type() {
    return "StepLR";
  }

  Member member(Context context) {
    List<Violation> found = new ArrayList<>();
    // torch's StepLR.get_lr computes last_epoch % step_size at the first step: 0 raises ZeroDivisionError.
    boolean stepSizeOk = Rules.atLeastOne(found, "step_size", stepSize);
    boolean grows = Checks.decayFactor(found, "gamma", gamma) && gamma > 1 && stepSizeOk;
    long end = grows ? Checks.lastFiniteStep(context.base(), gamma, stepSize) : Phase.OPEN;
    if (grows) {
      found.add(PyTorchCode.gammaAboveOne("gamma", gamma, type(),
          "every " + stepSize + " steps until it overflows after step " + end + " (Anneal's plan ends there)"));
    }
    if (!context.report(found)) {
      return null;
    }
    return Member.multiplicative(
        type(),
        context.base(),
        base -> List.of(new Phase(new StepDecay(base, stepSize, gamma), end)),
        grows ? AfterEnd.FAIL : AfterEnd.HOLD,
        gamma == 1 ? 0 : Member.NEVER,
        context.where().ofOptimizer("lr"));
  }
}
