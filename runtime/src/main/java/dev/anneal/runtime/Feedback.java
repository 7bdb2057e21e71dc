package dev.anneal.runtime;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import java.util.Objects;
import java.util.function.LongToDoubleFunction;

/**
 * When and what the listener feeds to the reactive (plateau) phases of a plan. The metric is
 * observed after the update it follows, so it can first change the value of the next update
 * (PyTorch's {@code scheduler.step(metric)} after {@code optimizer.step()}).
 *
 * <p>Loss metrics are accumulated on the device and read ({@code getFloat}, one device sync) only
 * at the cadence: never once per step unless the cadence is one step.
 */
public sealed interface Feedback {

  /** The mean validation loss of each epoch, observed at the end of the epoch (after validation). */
  record ValidationLossEachEpoch() implements Feedback {}

  /** The mean training loss of the batches since the last observation, every {@code steps} updates. */
  record TrainingLossEvery(long steps) implements Feedback {
    public TrainingLossEvery {
      requirePositive(steps);
    }
  }

  /**
   * A metric of the user's, every {@code steps} updates: {@code metric} receives the number of
   * updates applied so far and returns the value to observe (an evaluation score, or a scripted
   * sequence in a test).
   */
  record MetricEvery(long steps, LongToDoubleFunction metric) implements Feedback {
    public MetricEvery {
      requirePositive(steps);
      Objects.requireNonNull(metric, "metric");
    }
  }

  /** A metric of the user's at the end of each epoch; {@code metric} receives the number of epochs completed. */
  record MetricEachEpoch(LongToDoubleFunction metric) implements Feedback {
    public MetricEachEpoch {
      Objects.requireNonNull(metric, "metric");
    }
  }

  /** Observe the validation loss at the end of each epoch (the usual ReduceLROnPlateau loop). */
  static Feedback validationLossEachEpoch() {
    return new ValidationLossEachEpoch();
  }

  /** Observe the mean training loss every {@code steps} updates. */
  static Feedback trainingLossEvery(long steps) {
    return new TrainingLossEvery(steps);
  }

  private static void requirePositive(long steps) {
    if (steps < 1) {
      throw new InvalidScheduleException(RuleCode.nonPositiveLength("feedback.steps", "steps", steps));
    }
  }
}
