package dev.anneal.config;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.util.PrimitiveIterator;
import java.util.function.LongToDoubleFunction;

/**
 * The values of a schedule at steps 0, 1, 2, … as a training loop meets them, with the metric
 * reported after each update fed to the schedule's reactive (plateau) phases through {@link
 * Schedule#observe}: the value at step {@code i} is the one after the metrics of the first {@code
 * i} updates ({@code metrics[0..i-1]}), exactly as PyTorch's {@code scheduler.step(metric)} after
 * {@code optimizer.step()} orders them. Once the metrics run out the state stops changing, as if
 * no more were reported. Without metrics this is {@link Schedule#valueAt(long)} step by step.
 *
 * <p>A cursor, so it is mutable and not for sharing; it never ends ({@link #hasNext()} is always
 * true) and the schedule's own rules decide what happens past its declared end.
 */
public final class SteppedValues implements PrimitiveIterator.OfDouble {
  private final Schedule schedule;
  private final long metricCount;
  private final LongToDoubleFunction metricAfter;
  private ScheduleState state;
  private long step;

  private SteppedValues(Schedule schedule, long metricCount, LongToDoubleFunction metricAfter) {
    this.schedule = schedule;
    this.metricCount = metricCount;
    this.metricAfter = metricAfter;
    this.state = schedule.initialState();
  }

  /** The curve with no metric reported. */
  public static SteppedValues of(Schedule schedule) {
    return new SteppedValues(schedule, 0, i -> 0);
  }

  /** The curve with {@code metrics[i]} reported after update {@code i + 1}. */
  public static SteppedValues of(Schedule schedule, double[] metrics) {
    double[] copy = metrics.clone();
    return new SteppedValues(schedule, copy.length, i -> copy[(int) i]);
  }

  /** The curve with {@code metricAfter.applyAsDouble(i)} reported after update {@code i + 1}, for {@code i < metricCount}. */
  public static SteppedValues of(Schedule schedule, long metricCount, LongToDoubleFunction metricAfter) {
    return new SteppedValues(schedule, metricCount, metricAfter);
  }

  /** The step whose value {@link #nextDouble()} gives next. */
  public long step() {
    return step;
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  /**
   * The value at {@link #step()}, then moves on one step (observing that update's metric).
   *
   * @throws InvalidScheduleException as {@link Schedule#valueAt(long)} does past a declared end with
   *     after-end FAIL
   */
  @Override
  public double nextDouble() {
    double value = schedule.valueAt(step, state);
    if (step < metricCount) {
      state = schedule.observe(state, step, metricAfter.applyAsDouble(step));
    }
    step++;
    return value;
  }
}
