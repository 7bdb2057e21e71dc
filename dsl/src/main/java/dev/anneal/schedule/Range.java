package dev.anneal.schedule;

/**
 * A closed interval that contains every value a shape or schedule can take. Rules use it to prove
 * bounds (a learning rate never below 0, a momentum below 1) without evaluating every step, so it
 * may be wider than the exact set of values but never narrower.
 */
public record Range(double min, double max) {
  /** Every real number: what a formula that grows without bound has. */
  public static final Range UNBOUNDED = new Range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

  public Range {
    if (Double.isNaN(min) || Double.isNaN(max)) {
      min = Double.NEGATIVE_INFINITY;
      max = Double.POSITIVE_INFINITY;
    }
    if (min > max) {
      double swap = min;
      min = max;
      max = swap;
    }
  }

  /** The smallest interval holding both {@code a} and {@code b}, in either order. */
  public static Range of(double a, double b) {
    return new Range(Math.min(a, b), Math.max(a, b));
  }

  public Range union(Range other) {
    return new Range(Math.min(min, other.min), Math.max(max, other.max));
  }

  /** The interval of products {@code x * y} for x in this, y in {@code other}. */
  public Range times(Range other) {
    double a = min * other.min;
    double b = min * other.max;
    double c = max * other.min;
    double d = max * other.max;
    return new Range(Math.min(Math.min(a, b), Math.min(c, d)), Math.max(Math.max(a, b), Math.max(c, d)));
  }

  public boolean isFinite() {
    return Double.isFinite(min) && Double.isFinite(max);
  }
}
