package dev.anneal.schedule;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.List;
import java.util.OptionalLong;

/**
 * A hyperparameter schedule: an immutable, pure function from the step to a value.
 *
 * <p><b>Step convention.</b> {@code step} is the number of optimizer updates already applied, so
 * {@code valueAt(step)} is the value used by update {@code step + 1}: {@code valueAt(0)} is the
 * value of the very first update. This is the index of the reference curves in {@code
 * shared/golden} ({@code lr[i]} = the learning rate used by the (i+1)-th update), and the one
 * PyTorch's {@code scheduler.step()}-after-{@code optimizer.step()} loop produces.
 *
 * <p>Schedules with reactive phases ({@link Plateau}) are still pure: their state is an explicit
 * {@link ScheduleState} that {@link #observe} returns and {@link #valueAt(long, ScheduleState)}
 * reads. Implementations are immutable and safe to share between threads.
 */
public interface Schedule {

  /**
   * The value used by update {@code step + 1}, with no metric observed.
   *
   * @throws InvalidScheduleException ({@code NegativeStep}) if {@code step < 0}, or ({@code
   *     StepBeyondEnd}) past the declared end of a schedule declared with {@link AfterEnd#FAIL}
   */
  double valueAt(long step);

  /** The value at {@code step} given the state of the reactive phases. */
  default double valueAt(long step, ScheduleState state) {
    return valueAt(step);
  }

  /** The state before any metric is observed. */
  default ScheduleState initialState() {
    return ScheduleState.EMPTY;
  }

  /**
   * The state after {@code metric} was reported following the update that used {@code
   * valueAt(step, state)}; only a reactive phase active at {@code step} reacts to it.
   */
  default ScheduleState observe(ScheduleState state, long step, double metric) {
    return state;
  }

  /** Whether any phase reacts to metrics. */
  default boolean isReactive() {
    return false;
  }

  /**
   * The values at steps {@code from, from + 1, …, from + count - 1}, with no metric observed.
   *
   * @throws InvalidScheduleException as {@link #valueAt(long)} does, and ({@code OutOfRange}) if
   *     the last step would pass {@link Long#MAX_VALUE}
   */
  default double[] values(long from, int count) {
    if (count < 0) {
      throw new InvalidScheduleException(RuleCode.negativeValue("count", "count", count));
    }
    if (count > 0 && from > Long.MAX_VALUE - (count - 1)) {
      // from + i would wrap to a negative step: refuse the range instead of naming a step nobody asked for.
      throw new InvalidScheduleException(RuleCode.outOfRange(
          "count", "the last step, from + count - 1", from + " + " + count + " - 1", "the 64-bit step range (at most " + Long.MAX_VALUE + ")"));
    }
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      out[i] = valueAt(from + i);
    }
    return out;
  }

  /** Which phase gave the value at {@code step}, its local step, formula, inputs and value. */
  Explanation explain(long step);

  /** The step at which the last phase ends, or empty if it runs forever. */
  OptionalLong declaredEnd();

  /** What happens at and past {@link #declaredEnd()}. */
  AfterEnd afterEnd();

  /** The phases of the timeline, in order (for a product, those of its first factor). */
  List<Phase> phases();

  /** Bounds of every value the schedule can take (conservative: never narrower than the truth). */
  Range range();

  /** The rules' warnings about this schedule (errors cannot exist: construction refuses them). */
  default List<Violation> warnings() {
    return List.of();
  }

  /** This schedule times {@code factor} at every step (a relative schedule bound to a base value). */
  default Schedule scaledBy(double factor) {
    return new Scaled(factor, this);
  }

  /** Checks a step argument. */
  static void requireStep(long step) {
    if (step < 0) {
      throw new InvalidScheduleException(RuleCode.negativeStep("step", step));
    }
  }
}
