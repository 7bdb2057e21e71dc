package dev.anneal.schedule;

import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/** A straight line from {@code from} at t = 0 to {@code to} at t = n: {@code from + (to - from) * t / n}. */
public record Linear(double from, double to) implements Shape {
  @Override
  public double valueAt(long t, long n) {
    return from + (to - from) * ((double) t / n);
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
  public Range rangePastEnd(long n) {
    return from == to ? range(n) : Range.UNBOUNDED;
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    Rules.finite(out, "from", from);
    Rules.finite(out, "to", to);
    Overflow.difference(out, "to", to, "from", from);
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitLinear(this);
  }

  @Override
  public String kind() {
    return "linear";
  }

  @Override
  public String formula() {
    return "from + (to - from) * t / n";
  }
}
