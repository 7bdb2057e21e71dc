package dev.anneal.schedule;

import dev.anneal.rules.Rules;
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
    return by == 0 ? inner.range(n) : inner.range(n).union(inner.rangePastEnd(n));
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
    return out;
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
