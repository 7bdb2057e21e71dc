package dev.anneal.config.takeover;

import dev.anneal.config.PythonRepr;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.util.OptionalDouble;

/** Value comparison and printing shared by the checks. */
final class LrValues {
  private LrValues() {}

  /**
   * Whether two lrs agree within the golden tolerance, max(1e-12 absolute, 1e-9 relative): upstream
   * computed its value in Python, and the formulas agree to that, not always to the bit.
   */
  static boolean same(double upstream, double anneal) {
    return Math.abs(upstream - anneal) <= Math.max(1e-12, 1e-9 * Math.max(Math.abs(upstream), Math.abs(anneal)));
  }

  /** The value at {@code step}, or empty where the schedule refuses it (after-end FAIL). */
  static OptionalDouble at(Schedule schedule, long step, ScheduleState state) {
    try {
      return OptionalDouble.of(schedule.valueAt(step, state));
    } catch (InvalidScheduleException refused) {
      return OptionalDouble.empty();
    }
  }

  /** {@code value} as Python's {@code repr()} writes a float ({@code 0.0003}, {@code 6e-05}, {@code 1.0}). */
  static String python(double value) {
    return PythonRepr.of(value);
  }

  /** An lr as the report prints it: every digit Java needs to read it back. */
  static String show(OptionalDouble value) {
    return value.isPresent() ? Double.toString(value.getAsDouble()) : null;
  }
}
