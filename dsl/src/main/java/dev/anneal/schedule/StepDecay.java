package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/** Step decay: {@code from * factor^floor(t / every)} (PyTorch's {@code StepLR}). */
public record StepDecay(double from, long every, double factor) implements Shape {
  @Override
  public double valueAt(long t, long n) {
    return from * Math.pow(factor, t / every);
  }

  @Override
  public Range range(long n) {
    if (factor <= 1) {
      return Range.of(n == Phase.OPEN ? 0 : valueAt(n, n), from);
    }
    return n == Phase.OPEN ? Range.of(from, from * Double.POSITIVE_INFINITY) : Range.of(from, valueAt(n, n));
  }

  @Override
  public Range rangePastEnd(long n) {
    return factor <= 1 ? Range.of(0, from) : Range.UNBOUNDED;
  }

  @Override
  public boolean allowsOpenLength() {
    return true;
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    Rules.finite(out, "from", from);
    boolean everyOk = Rules.atLeastOne(out, "every", every);
    if (Rules.positive(out, "factor", factor) && everyOk && factor > 1 && Double.isFinite(from)) {
      if (n == Phase.OPEN) {
        // With from = 0 the value is 0 until factor^k overflows, then 0 * ∞ = NaN.
        out.add(RuleCode.nonFiniteAtStep("factor", factor, "a late step",
            (from == 0 ? "NaN (0 times factor^k, which overflows" : "infinite (") + "factor " + factor + " > 1 in a phase that never ends)"));
      } else if (!Double.isFinite(valueAt(n, n))) {
        out.add(RuleCode.nonFiniteAtStep("factor", factor, "t = " + n, Values.show(valueAt(n, n))));
      }
    }
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitStepDecay(this);
  }

  @Override
  public String kind() {
    return "step";
  }

  @Override
  public String formula() {
    return "from * factor^floor(t / every)";
  }
}
