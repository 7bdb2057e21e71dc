package dev.anneal.schedule;

import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/** {@code value}, at every step. */
public record Constant(double value) implements Shape {
  @Override
  public double valueAt(long t, long n) {
    return value;
  }

  @Override
  public Range range(long n) {
    return new Range(value, value);
  }

  @Override
  public Range rangePastEnd(long n) {
    return range(n);
  }

  @Override
  public boolean allowsOpenLength() {
    return true;
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    Rules.finite(out, "value", value);
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitConstant(this);
  }

  @Override
  public String kind() {
    return "constant";
  }

  @Override
  public String formula() {
    return "value";
  }
}
