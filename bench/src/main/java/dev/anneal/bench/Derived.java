package dev.anneal.bench;

import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;

/**
 * A figure computed from the scores of one round (a ratio, a slope), so that both sides of it were
 * measured minutes apart at most, under the same load.
 *
 * @param label what it is, as the report prints it
 * @param cases the labels of the cases it is computed from
 * @param value the figure, from the round's scores by case label
 * @param target the target in words, or empty if there is none
 * @param met whether a value meets the target (ignored without one)
 */
record Derived(String label, List<String> cases, ToDoubleFunction<Map<String, Double>> value, String target, DoublePredicate met) {
  Derived {
    cases = List.copyOf(cases);
  }

  /** {@code numerator / denominator} of the cases' times: the cost of one relative to the other. */
  static Derived costRatio(String numerator, String denominator, String target, DoublePredicate met) {
    return new Derived(numerator + " / " + denominator + " (time)", List.of(numerator, denominator),
        scores -> scores.get(numerator) / scores.get(denominator), target, met);
  }

  /** {@code denominator / numerator} of the cases' times: the ratio of their steps per second. */
  static Derived throughputRatio(String variant, String baseline, String target, DoublePredicate met) {
    return new Derived(variant + " vs " + baseline + " (steps/s)", List.of(variant, baseline),
        scores -> scores.get(baseline) / scores.get(variant), target, met);
  }

  static DoublePredicate atMost(double bound) {
    return value -> value <= bound;
  }

  static DoublePredicate atLeast(double bound) {
    return value -> value >= bound;
  }
}
