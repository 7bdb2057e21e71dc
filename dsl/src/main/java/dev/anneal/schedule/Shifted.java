package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Another shape, {@code by} steps ahead: the value at local step t is {@code inner}'s value at
 * {@code t + by} (for the same phase length n). It reproduces upstream formulas that count from 1
 * where a phase counts from 0: DeepSpeed's {@code WarmupCosineLR} evaluates its cosine at {@code
 * (t + 1) / n}, so {@code Shifted(Cosine, 1)} reaches the cosine's end on the phase's last step;
 * DeepSpeed's {@code OneCycle} momentum starts its cycle on the second update.
 */
public record Shifted(Shape inner, long by) implements Shape {
  public Shifted {
    Objects.requireNonNull(inner, "inner");
  }

  @Override
  public double valueAt(long t, long n) {
    return inner.valueAt(t > Long.MAX_VALUE - by ? Long.MAX_VALUE : t + by, n);
  }

  @Override
  public Range range(long n) {
    // The inner shape is seen at steps by .. n + by, past its own end when by > 0.
    if (by > 0) {
      return inner.range(n).union(inner.rangePastEnd(n));
    }
    // Held past the end, the phase ends on the inner formula at t = n, which the inner shape's own
    // phase never shows (it ends on its endValue): add it rather than trust the inner range to hold it.
    double last = n == Phase.OPEN ? inner.range(n).min() : inner.valueAt(n, n);
    return inner.range(n).union(new Range(last, last));
  }

  @Override
  public Range rangePastEnd(long n) {
    return inner.range(n).union(inner.rangePastEnd(n));
  }

  @Override
  public boolean allowsOpenLength() {
    return inner.allowsOpenLength();
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    Rules.nonNegative(out, "by", by);
    for (Violation violation : inner.check(n)) {
      out.add(violation.under("inner"));
    }
    if (by == 0 && n != Phase.OPEN && out.stream().noneMatch(Violation::isError) && !Double.isFinite(inner.valueAt(n, n))) {
      out.add(RuleCode.nonFiniteAtStep("by", by, "t = " + n + " (held past the end)", Values.show(inner.valueAt(n, n))));
    }
    if (by > 0 && out.stream().noneMatch(Violation::isError) && !inner.rangePastEnd(n).isFinite()) {
      // The inner formula is read up to by steps past its end, where nothing bounds it.
      out.add(RuleCode.nonFiniteAtStep("by", by, "t = " + n + " + by",
          "unbounded (the " + inner.kind() + " formula has no bound past its end, and the phase reads it " + by + " steps ahead)"));
    }
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitShifted(this);
  }

  @Override
  public String kind() {
    return "shifted";
  }

  @Override
  public String formula() {
    return "the " + inner.kind() + " formula at t + by: " + inner.formula();
  }
}
