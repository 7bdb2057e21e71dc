package dev.anneal.schedule;

import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The "1 - sqrt" cool-down of WSD schedules (transformers' {@code 1-sqrt}, Megatron's {@code
 * minus_sqrt}): {@code to + (from - to) * (1 - sqrt(t / n))}.
 */
public record OneMinusSqrt(double from, double to) implements Shape {
  @Override
  public double valueAt(long t, long n) {
    return to + (from - to) * (1 - Math.sqrt((double) t / n));
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
    Rules.finite(out, "from", from);
    Rules.finite(out, "to", to);
    Overflow.difference(out, "from", from, "to", to);
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitOneMinusSqrt(this);
  }

  @Override
  public String kind() {
    return "one-minus-sqrt";
  }

  @Override
  public String formula() {
    return "to + (from - to) * (1 - sqrt(t / n))";
  }
}
