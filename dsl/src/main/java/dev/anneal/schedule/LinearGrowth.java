package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Linear growth relative to a starting value, exactly as DeepSpeed's {@code LRRangeTest} computes
 * it: {@code from * (1 + rate * k)}, where {@code k = t / every} ({@code staircase = false}) or
 * {@code k = floor(t / every)} ({@code staircase = true}, the value moves every {@code every}
 * steps). It grows for ever, but over the 64-bit step range it stays finite, so an open phase has
 * a finite (if very wide) {@link #range}.
 */
public record LinearGrowth(double from, double rate, long every, boolean staircase) implements Shape {
  @Override
  public double valueAt(long t, long n) {
    double interval = (double) t / every;
    return from * (1 + rate * (staircase ? Math.floor(interval) : interval));
  }

  @Override
  public Range range(long n) {
    // Linear in k, and k never decreases with t: the extremes are at the two ends.
    return Range.of(valueAt(0, n), valueAt(n == Phase.OPEN ? Long.MAX_VALUE : n, n));
  }

  @Override
  public Range rangePastEnd(long n) {
    return Range.of(valueAt(0, n), valueAt(Long.MAX_VALUE, n));
  }

  @Override
  public boolean allowsOpenLength() {
    return true;
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    boolean ok = Rules.finite(out, "from", from) & Rules.finite(out, "rate", rate) & Rules.atLeastOne(out, "every", every);
    if (ok && !Double.isFinite(valueAt(Long.MAX_VALUE, n))) {
      out.add(RuleCode.nonFiniteAtStep("rate", rate, "a late step", Values.show(valueAt(Long.MAX_VALUE, n))));
    }
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitLinearGrowth(this);
  }

  @Override
  public String kind() {
    return "linear-growth";
  }

  @Override
  public String formula() {
    return staircase ? "from * (1 + rate * floor(t / every))" : "from * (1 + rate * t / every)";
  }
}
