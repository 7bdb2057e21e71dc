package dev.anneal.rules;

import java.util.List;

/**
 * The elementary checks every rule of Anneal is made of. Each appends {@link Violation}s to a
 * list and returns nothing else: the rules themselves ({@code Shape.check}, {@code
 * ScheduleRules}, {@code PlanRules}) are pure functions of the model that return that list, and
 * the builder, the config readers and the annotation processor all call them.
 */
public final class Rules {
  private Rules() {}

  /** {@code field} must be finite (not NaN, not infinite). */
  public static boolean finite(List<Violation> out, String field, double value) {
    if (Double.isFinite(value)) {
      return true;
    }
    out.add(RuleCode.nonFiniteValue(field, field, value));
    return false;
  }

  /** {@code field} must be finite and at least 0. */
  public static boolean nonNegative(List<Violation> out, String field, double value) {
    if (!finite(out, field, value)) {
      return false;
    }
    if (value < 0) {
      out.add(RuleCode.negativeValue(field, field, value));
      return false;
    }
    return true;
  }

  /** {@code field} must be finite and greater than 0. */
  public static boolean positive(List<Violation> out, String field, double value) {
    if (!finite(out, field, value)) {
      return false;
    }
    if (value <= 0) {
      out.add(RuleCode.notPositive(field, field, value));
      return false;
    }
    return true;
  }

  /** A length that counts or divides steps must be at least 1. */
  public static boolean atLeastOne(List<Violation> out, String field, long value) {
    if (value >= 1) {
      return true;
    }
    out.add(RuleCode.nonPositiveLength(field, field, value));
    return false;
  }

  /** A count (patience, cooldown) must be at least 0. */
  public static boolean nonNegative(List<Violation> out, String field, long value) {
    if (value >= 0) {
      return true;
    }
    out.add(RuleCode.negativeValue(field, field, value));
    return false;
  }

  /** {@code field} must lie in the closed interval [{@code low}, {@code high}]. */
  public static boolean within(List<Violation> out, String field, double value, double low, double high) {
    if (!finite(out, field, value)) {
      return false;
    }
    if (value < low || value > high) {
      out.add(RuleCode.outOfRange(field, field, value, "[" + Values.show(low) + ", " + Values.show(high) + "]"));
      return false;
    }
    return true;
  }

  /** {@code low} must not exceed {@code high} (a floor and the value it decays from). */
  public static boolean notAbove(List<Violation> out, String lowField, double low, String highField, double high) {
    if (Double.isFinite(low) && Double.isFinite(high) && low > high) {
      out.add(RuleCode.floorAbovePeak(lowField, lowField, low, highField, high));
      return false;
    }
    return true;
  }
}
