package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A logarithmic warm-up, exactly as DeepSpeed's {@code WarmupLR} family computes it ({@code
 * warmup_type: log}, their default): {@code from + (to - from) * ((1 / ln n) * ln(t + 1))}. It
 * starts at {@code from}, covers most of the way in the first few steps (half of it by t = √n -
 * 1), and arrives at {@code to} at t = n - 1, the phase's last step. The phase needs at least 2
 * steps: with n = 1 the formula divides by ln 1 = 0 (DeepSpeed raises its warm-up length to 2 for
 * that reason).
 */
public record LogWarmup(double from, double to) implements Shape {
  @Override
  public double valueAt(long t, long n) {
    // The same operations in the same order as upstream: 1 / ln(n) is computed once, then scaled.
    double inverseLog = 1.0 / Math.log(n);
    // t + 1 as a long, exact as Python's int; at the last step of the 64-bit range it is 2^63, which only a double holds.
    return from + (to - from) * (inverseLog * Math.log(t == Long.MAX_VALUE ? 0x1p63 : t + 1));
  }

  /** {@code to}: the value the warm-up heads for (at t = n the formula itself slightly overshoots it). */
  @Override
  public double endValue(long n) {
    return to;
  }

  /**
   * From {@code from} to the last step's value (t = n - 1: ln is monotonic), and {@code to}, held
   * after the phase. Not the formula at t = n, which overshoots {@code to} and which no step of the
   * phase uses: the wrappers that read it ({@link Reversed}, {@link Shifted}) add it themselves. A
   * warm-down (DeepSpeed's {@code warmup_min_lr} above the max) would otherwise report a value
   * below {@code to}, even below 0, that DeepSpeed never sets.
   */
  @Override
  public Range range(long n) {
    return Range.of(from, valueAt(n - 1, n)).union(Range.of(from, to));
  }

  @Override
  public Range rangePastEnd(long n) {
    // ln grows without bound, but over the 64-bit step range it stays below ln(2^63) ≈ 43.7.
    return Range.of(from, valueAt(Long.MAX_VALUE, n)).union(Range.of(from, to));
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    Rules.finite(out, "from", from);
    Rules.finite(out, "to", to);
    if (n < 2) {
      out.add(RuleCode.outOfRange("steps", "steps", n, "[2, ∞) for a log warm-up (the formula divides by ln(steps))"));
    } else if (Overflow.difference(out, "to", to, "from", from) && Double.isFinite(from) && Double.isFinite(to)) {
      // At t = n (the end a reversed or shifted phase reaches) ln(t + 1) / ln(n) exceeds 1 slightly.
      if (!Double.isFinite(valueAt(n, n))) {
        out.add(RuleCode.nonFiniteAtStep("to", to, "t = " + n, Values.show(valueAt(n, n))));
      }
    }
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitLogWarmup(this);
  }

  @Override
  public String kind() {
    return "log-warmup";
  }

  @Override
  public String formula() {
    return "from + (to - from) * ln(t + 1) / ln(n)";
  }
}
