package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/** Exponential by a rate per step: {@code from * rate^t} (PyTorch's {@code ExponentialLR}). */
public record Exponential(double from, double rate) implements Shape {
  @Override
  public double valueAt(long t, long n) {
    return from * Math.pow(rate, t);
  }

  @Override
  public Range range(long n) {
    if (n == Phase.OPEN) {
      return rate <= 1 ? Range.of(0, from) : Range.of(from, from * Double.POSITIVE_INFINITY);
    }
    return Range.of(from, valueAt(n, n));
  }

  @Override
  public Range rangePastEnd(long n) {
    return rate <= 1 ? Range.of(0, from) : Range.UNBOUNDED;
  }

  @Override
  public boolean allowsOpenLength() {
    return true;
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    Rules.finite(out, "from", from);
    if (Rules.positive(out, "rate", rate) && Double.isFinite(from) && rate > 1) {
      if (n == Phase.OPEN) {
        // With from = 0 the value is 0 until rate^t overflows, then 0 * ∞ = NaN.
        out.add(RuleCode.nonFiniteAtStep("rate", rate, "a late step",
            (from == 0 ? "NaN (0 times rate^t, which overflows" : "infinite (") + "rate " + rate + " > 1 in a phase that never ends)"));
      } else if (!Double.isFinite(valueAt(n, n))) {
        out.add(RuleCode.nonFiniteAtStep("rate", rate, "t = " + n, Values.show(valueAt(n, n))));
      }
    }
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitExponential(this);
  }

  @Override
  public String kind() {
    return "exponential";
  }

  @Override
  public String formula() {
    return "from * rate^t";
  }
}
