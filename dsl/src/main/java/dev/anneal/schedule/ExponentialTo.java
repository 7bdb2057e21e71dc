package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
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
    // from * (to / from) rounds, so the formula's value at t = n (which a reversed phase reaches) may pass to by an ulp.
    return Range.of(from, to).union(Range.of(from, valueAt(n, n)));
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    if (Rules.positive(out, "from", from) & Rules.positive(out, "to", to)
        && Overflow.finite(out, "from", from, "to / from", Values.show(to) + " / " + Values.show(from), to / from,
            "use a from and a to whose ratio is at most " + Values.show(Double.MAX_VALUE))
        && !Double.isFinite(valueAt(n, n))) {
      out.add(RuleCode.nonFiniteAtStep("to", to, "t = " + n, Values.show(valueAt(n, n))));
    }
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitExponentialTo(this);
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
