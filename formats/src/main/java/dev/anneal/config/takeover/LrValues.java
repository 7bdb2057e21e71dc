package dev.anneal.config.takeover;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.math.BigDecimal;
import java.util.Locale;
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
    if (!Double.isFinite(value)) {
      return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return Double.doubleToRawLongBits(value) == 0 ? "0.0" : "-0.0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int exponent = exact.precision() - exact.scale() - 1;
    if (exponent >= -4 && exponent < 16) {
      String plain = exact.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String digits = exact.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (value < 0 ? "-" : "") + mantissa + String.format(Locale.ROOT, "e%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
  }

  /** An lr as the report prints it: every digit Java needs to read it back. */
  static String show(OptionalDouble value) {
    return value.isPresent() ? Double.toString(value.getAsDouble()) : null;
  }
}
