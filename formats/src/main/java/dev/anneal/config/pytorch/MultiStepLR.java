package dev.anneal.config.pytorch;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code MultiStepLR(optimizer, milestones, gamma=0.1)}: {@code lr * gamma^k}, k counting
 * the milestones at or before the step, as the shape {@link Milestones} relative to the optimizer's
 * learning rate. PyTorch keeps the milestones in a {@code Counter}: their order does not matter
 * (Anneal sorts them, with a warning), and a milestone listed twice applies {@code gamma} twice at
 * once (reproduced, with a warning).
 *
 * @param milestones {@code milestones}, steps at which the factor applies (each at least 0)
 * <p>torch does not check {@code gamma}: above 1 the learning rate grows at each milestone, and at
 * 0 it drops to 0 at the first milestone for good (both reproduced, with a warning).
 *
 * @param gamma {@code gamma}, at least 0
 */
public record MultiStepLR(List<Long> milestones, double gamma) implements PyTorchScheduler {
  public static final double DEFAULT_GAMMA = 0.1;

  public MultiStepLR {
    milestones = List.copyOf(milestones);
  }

  /** {@code MultiStepLR(optimizer, milestones)} with the default gamma 0.1. */
  public MultiStepLR(List<Long> milestones) {
    this(milestones, DEFAULT_GAMMA);
  }

  /** A copy with {@code gamma} replaced; the other arguments are kept. */
  public MultiStepLR withGamma(double newGamma) {
    return new MultiStepLR(milestones, newGamma);
  }

  @Override
  public String type() {
    return "MultiStepLR";
  }

  Member member(Context context) {
    List<Violation> found = new ArrayList<>();
    for (int i = 0; i < milestones.size(); i++) {
      if (milestones.get(i) < 0) {
        String path = "milestones[" + i + "]";
        found.add(RuleCode.negativeValue(path, path, milestones.get(i)));
      }
    }
    List<Long> sorted = milestones.stream().sorted().toList();
    boolean valid = Checks.decayFactor(found, "gamma", gamma) && !milestones.isEmpty();
    boolean zeroes = valid && gamma == 0 && sorted.get(0) >= 0;
    if (valid && gamma > 1) {
      found.add(PyTorchCode.gammaAboveOne("gamma", gamma, type(),
          "at each milestone, to " + Checks.show(context.base() * Math.pow(gamma, milestones.size())) + " after the last"));
    } else if (zeroes) {
      found.add(PyTorchCode.gammaZero("gamma", gamma, type(), sorted.get(0)));
    }
    if (!sorted.equals(milestones)) {
      found.add(PyTorchCode.milestonesUnsorted("milestones", milestones, sorted));
    }
    if (!zeroes && found.stream().noneMatch(Violation::isError)) {
      // The shape's own rules warn about repeated milestones (PyTorch applies gamma once per copy);
      // after a gamma of 0 the learning rate is 0 whatever the count.
      found.addAll(new Milestones(1.0, sorted, gamma).check(Phase.OPEN));
    }
    if (!context.report(found)) {
      return null;
    }
    return Member.multiplicative(
        type(),
        context.base(),
        base -> zeroes ? Checks.zeroedAt(base, sorted.get(0)) : List.of(new Phase(new Milestones(base, sorted, gamma), Phase.OPEN)),
        AfterEnd.HOLD,
        gamma == 1 || milestones.isEmpty() ? 0 : Member.NEVER,
        context.where().ofOptimizer("lr"));
  }
}
