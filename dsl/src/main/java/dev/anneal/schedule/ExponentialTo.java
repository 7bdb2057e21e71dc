package dev.anneal.schedule;

import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Exponential to an end value, i.e. a straight line in log space: {@code from * (to / from)^(t / n)}.
 * Both values must be greater than 0.
 */
public record ExponentialTo(double from, double to) implements Shape {
  @Override
  public double valueAt(long t, long n) {
    return from * Math.pow(to / from, (double) t / n);
  }

  @Override
  public double endValue(long n) {
    return to;
  }

  @Override
  public Range range(long n) {
    return Range.of(from, to);
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    Rules.positive(out, "from", from);
    Rules.positive(out, "to", to);
    return out;
  }

  @Override
  public String kind() {
    return "exponential-to";
  }

  @Override
  public String formula() {
    return "from * (to / from)^(t / n)";
  }
}
