package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.List;

/**
 * The overflow checks of the shapes' rules. Finite fields are not enough for a finite value: the
 * formula's intermediate results ({@code to - from}, {@code to / from}, {@code 2π * cycles}) can pass
 * the largest double although every field is finite, and then a value is infinite or NaN. Each
 * shape checks the intermediate results its formula computes, in the same operations, so that
 * together with its {@link Shape#range} every value it gives is proven finite.
 */
final class Overflow {
  private Overflow() {}

  /**
   * {@code a - b} must be finite (when both are): the span every interpolating shape multiplies.
   * The violation is on {@code a}'s field.
   */
  static boolean difference(List<Violation> out, String aName, double a, String bName, double b) {
    if (!Double.isFinite(a) || !Double.isFinite(b) || Double.isFinite(a - b)) {
      return true;
    }
    out.add(RuleCode.overflow(aName, a, aName + " - " + bName, Values.show(a) + " - " + Values.show(b),
        "bring " + aName + " and " + bName + " closer together"));
    return false;
  }

  /**
   * {@code (a - b) * 2} must be finite: the cosine shapes multiply the span by {@code 1 + cos(…)},
   * up to 2, before they halve it, so a span past half the largest double overflows at the peak.
   */
  static boolean doubledDifference(List<Violation> out, String aName, double a, String bName, double b) {
    if (!difference(out, aName, a, bName, b) || !Double.isFinite(a) || !Double.isFinite(b)) {
      return false;
    }
    return finite(out, aName, a, "(" + aName + " - " + bName + ") * (1 + cos(…))", "(" + Values.show(a) + " - " + Values.show(b) + ") * 2",
        (a - b) * 2.0, "bring " + aName + " and " + bName + " closer together (the formula doubles their difference before halving it)");
  }

  /**
   * {@code result}, computed by the shape as {@code expression} ({@code operands} with the values
   * written in), must be finite.
   */
  static boolean finite(List<Violation> out, String field, double value, String expression, String operands, double result, String fix) {
    if (Double.isFinite(result)) {
      return true;
    }
    out.add(RuleCode.overflow(field, value, expression, operands, fix));
    return false;
  }

  /** The largest {@code x} for which {@code f(x)} is finite, for an {@code f} that grows with x. */
  static double largest(java.util.function.DoubleUnaryOperator f, double estimate) {
    double x = estimate;
    while (x > 0 && !Double.isFinite(f.applyAsDouble(x))) {
      x = Math.nextDown(x);
    }
    while (Double.isFinite(f.applyAsDouble(Math.nextUp(x))) && Math.nextUp(x) < Double.POSITIVE_INFINITY) {
      x = Math.nextUp(x);
    }
    return x;
  }
}
