package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Cosine annealing with warm restarts (SGDR; PyTorch's {@code CosineAnnealingWarmRestarts}):
 * {@code floor + (from - floor) * (1 + cos(π * tCur / tI)) / 2}, where the first period lasts
 * {@code t0} steps, each next one {@code tMult} times longer, and {@code tCur} counts the steps
 * since the last restart. Periods are computed in exact integer arithmetic, as PyTorch's
 * step-by-step counter does. A {@code floor} above {@code from} makes every period rise towards
 * it, as PyTorch runs it; the rules warn.
 */
public record CosineRestarts(double from, double floor, long t0, long tMult) implements Shape {
  @Override
  public double valueAt(long t, long n) {
    long tCur = t;
    long tI = t0;
    if (tMult == 1) {
      tCur = t % t0;
    } else {
      while (tCur >= tI) {
        tCur -= tI;
        tI = tI > Long.MAX_VALUE / tMult ? Long.MAX_VALUE : tI * tMult;
      }
    }
    return floor + (from - floor) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
  }

  @Override
  public Range range(long n) {
    return Range.of(floor, from);
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
    if (Rules.finite(out, "from", from) & Rules.finite(out, "floor", floor)) {
      // PyTorch's formula with eta_min above the learning rate rises in every period: run it, with a warning.
      if (floor > from) {
        out.add(RuleCode.restartsRise("floor", floor, from));
      }
      Overflow.doubledDifference(out, "from", from, "floor", floor);
    }
    if (t0 < 1) {
      out.add(RuleCode.restartPeriodTooSmall("t0", t0));
    }
    if (tMult < 1) {
      out.add(RuleCode.restartMultiplierTooSmall("tMult", tMult));
    }
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitCosineRestarts(this);
  }

  @Override
  public String kind() {
    return "cosine-restarts";
  }

  @Override
  public String formula() {
    return "floor + (from - floor) * (1 + cos(π * tCur / tI)) / 2";
  }
}
