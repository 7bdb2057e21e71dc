package dev.anneal.schedule;

import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Polynomial decay: {@code to + (from - to) * (1 - t / n)^power} (transformers' polynomial decay,
 * PyTorch's {@code PolynomialLR} with {@code to = 0}).
 */
public record Polynomial(double from, double to, double power) implements Shape {
  @Override
  public double valueAt(long t, long n) {
    return to + (from - to) * Math.pow(1 - (double) t / n, power);
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
    Rules.positive(out, "power", power);
    Overflow.difference(out, "from", from, "to", to);
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitPolynomial(this);
  }

  @Override
  public String kind() {
    return "polynomial";
  }

  @Override
  public String formula() {
    return "to + (from - to) * (1 - t / n)^power";
  }
}
