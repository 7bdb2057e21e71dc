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
 * <p>torch checks neither argument. Above 1, {@code gamma} grows the learning rate every {@code
 * step_size} steps (reproduced, with a warning) until it passes the largest double, where the plan
 * ends; at 0 it drops to 0 at the first decay for good (reproduced, with a warning). A negative {@code step_size} decays at every multiple of its magnitude, since torch tests
 * {@code last_epoch % step_size != 0} and Python's {@code %} is 0 there whatever the sign
 * (reproduced, with a warning); 0 raises ZeroDivisionError at the first step.
 *
 * @param stepSize {@code step_size}, the period of the decay in steps (not 0: torch divides by it;
 *     negative: the period is its magnitude)
 * @param gamma {@code gamma}, the factor applied every {@code step_size} steps, at least 0
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
    // The period: step_size's magnitude (-2^63 has none as a long; its multiples are out of reach anyway).
    long every = stepSize == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(stepSize);
    // torch's StepLR.get_lr computes last_epoch % step_size at the first step: 0 raises ZeroDivisionError.
    boolean stepSizeOk = Rules.atLeastOne(found, "step_size", every);
    if (stepSize < 0) {
      found.add(PyTorchCode.negativeStepSize("step_size", stepSize, every));
    }
    boolean valid = Checks.decayFactor(found, "gamma", gamma) && stepSizeOk;
    boolean grows = valid && gamma > 1;
    boolean zeroes = valid && gamma == 0;
    if (zeroes) {
      found.add(PyTorchCode.gammaZero("gamma", gamma, type(), every));
    }
    long end = grows ? Checks.lastFiniteStep(context.base(), gamma, every) : Phase.OPEN;
    if (grows) {
      found.add(PyTorchCode.gammaAboveOne("gamma", gamma, type(),
          "every " + every + " steps; Anneal's plan holds its first " + end + " steps, as the factor gamma^k overflows soon after"));
    }
    if (!context.report(found)) {
      return null;
    }
    return Member.multiplicative(
        type(),
        context.base(),
        base -> zeroes ? Checks.zeroedAt(base, every) : List.of(new Phase(new StepDecay(base, every, gamma), end)),
        grows ? AfterEnd.FAIL : AfterEnd.HOLD,
        gamma == 1 ? 0 : Member.NEVER,
        context.where().ofOptimizer("lr"));
  }
}
