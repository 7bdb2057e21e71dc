package dev.anneal.config.pytorch;

import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The ratio a multiplicative ("chainable") scheduler applies to the learning rate at each step:
 * {@code lr = lr * ratio}. Inside a {@code ChainedScheduler} after a member that sets the learning
 * rate from its own base every step ({@code CyclicLR}, {@code OneCycleLR}, {@code
 * CosineAnnealingWarmRestarts}), only that one step's ratio survives, not the product of all.
 * The ratio at step t is the member's factor at t over its factor at t - 1 (PyTorch's chainable
 * formulas are exactly those quotients), and its factor itself at step 0.
 */
final class StepRatio {
  private StepRatio() {}

  /**
   * The per-step ratio of {@code scheduler} (built as {@code member}), its first one multiplied by
   * {@code firstFactor}; {@code null} where Anneal cannot express it ({@code StepLR}'s ratio comes
   * back every {@code step_size} steps for ever, {@code CosineAnnealingLR} adds to the learning
   * rate on some steps).
   */
  static Schedule of(PyTorchScheduler scheduler, Member member, double firstFactor) {
    Schedule factor = member.relative();
    if (scheduler instanceof ExponentialLR exponential) {
      return new Sequence(List.of(
          new Phase(new Constant(firstFactor * factor.valueAt(0)), 1), new Phase(new Constant(exponential.gamma()), Phase.OPEN)),
          AfterEnd.HOLD);
    }
    long settled = settledFrom(scheduler);
    if (settled < 0) {
      return null;
    }
    List<Phase> phases = new ArrayList<>(Segments.tabulate(step -> {
      if (step == 0) {
        return firstFactor * factor.valueAt(0);
      }
      double previous = factor.valueAt(step - 1);
      // A factor that reached 0 stays there (PolynomialLR at total_iters): PyTorch then returns the lr unchanged.
      return previous == 0 ? 1.0 : factor.valueAt(step) / previous;
    }, settled + 1));
    phases.add(new Phase(new Constant(1.0), Phase.OPEN));
    return new Sequence(phases, AfterEnd.HOLD);
  }

  /** The step after which the scheduler's ratio is 1 for good, or -1 if it never is. */
  private static long settledFrom(PyTorchScheduler scheduler) {
    if (scheduler instanceof MultiStepLR multiStep) {
      return multiStep.milestones().isEmpty() ? 0 : Math.max(0, Collections.max(multiStep.milestones()));
    }
    if (scheduler instanceof ConstantLR constant) {
      return constant.totalIters();
    }
    if (scheduler instanceof LinearLR linear) {
      return linear.totalIters();
    }
    if (scheduler instanceof PolynomialLR polynomial) {
      return polynomial.totalIters();
    }
    return -1;
  }
}
