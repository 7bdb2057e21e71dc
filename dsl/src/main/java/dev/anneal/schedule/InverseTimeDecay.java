package dev.anneal.schedule;

import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Inverse-time decay: {@code from / (1 + rate * t / every)}, the post-cycle learning-rate decay of
 * DeepSpeed's {@code OneCycle} ({@code cycle_min_lr / (1 + decay_lr_rate * t / decay_step_size)}).
 * It falls towards 0 without reaching it; the rate must be at least 0, or the divisor would reach 0.
 */
public record InverseTimeDecay(double from, double rate, long every) implements Shape {
  @Override
  public double valueAt(long t, long n) {
    return from / (1 + rate * ((double) t / every));
  }

  @Override
  public Range range(long n) {
    return Range.of(from, valueAt(n == Phase.OPEN ? Long.MAX_VALUE : n, n));
  }

  @Override
  public Range rangePastEnd(long n) {
    return Range.of(from, valueAt(Long.MAX_VALUE, n));
  }

  @Override
  public boolean allowsOpenLength() {
    return true;
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    Rules.finite(out, "from", from);
    Rules.nonNegative(out, "rate", rate);
    Rules.atLeastOne(out, "every", every);
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitInverseTimeDecay(this);
  }

  @Override
  public String kind() {
    return "inverse-time";
  }

  @Override
  public String formula() {
    return "from / (1 + rate * t / every)";
  }
}
