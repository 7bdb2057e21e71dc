package dev.anneal.cli.audit;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Schedule;
import java.util.function.LongToDoubleFunction;

/**
 * The curve a log is compared with: the exact value at any step, and NaN where there is none (a
 * negative step, or past the end of a schedule declared to refuse it), which no logged value
 * matches.
 */
public final class ExactCurve {
  private final LongToDoubleFunction valueAt;

  private ExactCurve(LongToDoubleFunction valueAt) {
    this.valueAt = valueAt;
  }

  /** A config's channel; plateau phases see no metric, as in {@code anneal curve} without {@code --metrics}. */
  public static ExactCurve of(Schedule schedule) {
    return new ExactCurve(step -> {
      try {
        return schedule.valueAt(step);
      } catch (InvalidScheduleException refused) {
        return Double.NaN;
      }
    });
  }

  /** The curve {@code values} holds at steps {@code 0 … values.length-1}, with no value past them (a reference curve in tests). */
  public static ExactCurve of(double[] values) {
    double[] copy = values.clone();
    return new ExactCurve(step -> step < copy.length ? copy[(int) step] : Double.NaN);
  }

  /** The value at {@code step} (optimizer updates already applied), or NaN where the curve has none. */
  public double at(long step) {
    return step < 0 ? Double.NaN : valueAt.applyAsDouble(step);
  }

  /** The values at steps {@code 0 … count-1}. */
  public double[] values(int count) {
    double[] values = new double[count];
    for (int step = 0; step < count; step++) {
      values[step] = at(step);
    }
    return values;
  }
}
