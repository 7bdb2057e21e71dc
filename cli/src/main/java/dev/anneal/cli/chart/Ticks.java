package dev.anneal.cli.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.function.Function;

/**
 * Numbers as a person reads them on an axis or in a summary: short, with no floating-point noise.
 * Values from 0.001 up to a million print plainly with at most four significant digits ({@code
 * 0.95}, {@code 2000}); smaller and larger ones print as {@code 3e-5} or {@code 1.5e-4}, three
 * significant digits at most, never {@code 2.9999999999999997E-5}.
 */
public final class Ticks {
  private Ticks() {}

  /** {@code value} in the shortest readable form described above. */
  public static String label(double value) {
    return label(value, 4);
  }

  /**
   * Labels for an axis from {@code low} to {@code high}: as {@link #label(double)}, with more
   * significant digits where the axis is narrow (0.94995 … 0.95 needs five).
   */
  public static Function<Double, String> forRange(double low, double high) {
    double largest = Math.max(Math.abs(low), Math.abs(high));
    double tick = (high - low) / 5;
    if (!(largest > 0) || !(tick > 0)) {
      return Ticks::label;
    }
    int digits = (int) (Math.floor(Math.log10(largest)) - Math.floor(Math.log10(tick))) + 2;
    int significant = Math.max(4, Math.min(digits, 15));
    return value -> label(value, significant);
  }

  /** {@code value} with at most {@code significant} significant digits (one fewer in the e-form). */
  static String label(double value, int significant) {
    if (value == 0 || !Double.isFinite(value)) {
      return value == 0 ? "0" : String.valueOf(value);
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1e-3 && magnitude < 1e6) {
      return new BigDecimal(value).round(new MathContext(significant)).stripTrailingZeros().toPlainString();
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(significant - 1));
    int exponent = rounded.precision() - rounded.scale() - 1;
    BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
    return mantissa.toPlainString() + "e" + exponent;
  }

  /**
   * The distance between ticks on an axis from {@code low} to {@code high}: the smallest round
   * number (1, 2 or 5 times a power of ten, and at least {@code smallest}) that cuts the axis into
   * at most {@code intervals} parts. 40 steps (0 to 39) in at most 7 parts: 10, for ticks at 0, 10,
   * 20 and 30.
   *
   * @param smallest the least distance allowed, e.g. 1 where only whole numbers mean something
   * @throws IllegalArgumentException if {@code intervals} is less than 1
   */
  public static double spacing(double low, double high, int intervals, double smallest) {
    if (intervals < 1) {
      throw new IllegalArgumentException("intervals must be at least 1: " + intervals);
    }
    double span = high - low;
    if (!(span > 0) || !Double.isFinite(span)) {
      return Math.max(smallest, 1);
    }
    double least = span / intervals;
    double power = Math.pow(10, Math.floor(Math.log10(least)));
    for (double multiple : new double[] {1, 2, 5, 10}) {
      // The multiple read back through BigDecimal: 3 * 1e-5 must be 3e-5, not 3.0000000000000004e-5.
      double spacing = new BigDecimal(multiple).multiply(BigDecimal.valueOf(power)).doubleValue();
      if (spacing >= least * (1 - 1e-12)) {
        return Math.max(spacing, smallest);
      }
    }
    throw new AssertionError("10 times the power of ten below a number is above it: " + least);
  }

  /** A step on the x axis: whole steps as integers, anything else as {@link #label}. */
  public static String step(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : label(value);
  }
}
