package dev.anneal.schedule;

import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Cosine with hard restarts, as transformers' {@code get_cosine_with_hard_restarts_schedule_with_warmup}
 * computes it: with {@code progress = t / n}, the value is {@code to + (from - to) * (1 + cos(π *
 * ((cycles * progress) mod 1))) / 2} while {@code progress < 1}, and {@code to} from {@code t = n}
 * on. The {@code n} steps hold {@code cycles} equal cosine cycles from {@code from} down towards
 * {@code to}, each restarting at {@code from}. Unlike {@link CosineRestarts} the cycle length {@code
 * n / cycles} need not be a whole number of steps, and the cycle position is computed in floating
 * point exactly as upstream does, so restarts land on the same steps.
 */
public record CosineHardRestarts(double from, double to, double cycles) implements Shape {
  @Override
  public double valueAt(long t, long n) {
    double progress = (double) t / n;
    if (progress >= 1.0) {
      return to;
    }
    return to + (from - to) * (1 + Math.cos(Math.PI * ((cycles * progress) % 1.0))) / 2;
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
  public Range rangePastEnd(long n) {
    return Range.of(to, to);
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    Rules.finite(out, "from", from);
    Rules.finite(out, "to", to);
    Rules.positive(out, "cycles", cycles);
    Overflow.doubledDifference(out, "from", from, "to", to);
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitCosineHardRestarts(this);
  }

  @Override
  public String kind() {
    return "cosine-hard-restarts";
  }

  @Override
  public String formula() {
    return "t < n: to + (from - to) * (1 + cos(π * ((cycles * t / n) mod 1))) / 2; t >= n: to";
  }
}
