package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A triangular cycle that can move in stairs, exactly as DeepSpeed's {@code OneCycle} computes
 * its cycle. Each cycle rises from {@code base} to {@code max} over {@code up} steps and falls back
 * over {@code down} steps, as {@link Cyclic} does: with {@code total = up + down}, {@code x = 1 + t
 * / total - floor(1 + t / total)} and {@code r = up / total}, the scale is {@code x / r} while
 * {@code x <= r} and {@code (x - 1) / (r - 1)} after. A half with a stair count {@code s > 0}
 * (DeepSpeed's {@code cycle_first_stair_count}, {@code cycle_second_stair_count}) holds the value
 * flat in {@code s} stairs instead: with {@code c = t mod total}, the scale is {@code floor(c * s /
 * up) / s} while {@code c <= up} and {@code floor((total - c) * s / down) / s} after. Which half's
 * count applies is decided by {@code x <= r}, as upstream does. The value is {@code base + (max -
 * base) * scale}; a {@code mirrored} cycle is {@code max - (max - base) * scale} (how DeepSpeed
 * cycles momentum against the learning rate). With both stair counts 0 it equals {@link Cyclic}.
 */
public record StairCycle(double base, double max, long up, long down, long upStairs, long downStairs, boolean mirrored)
    implements Shape {

  @Override
  public double valueAt(long t, long n) {
    // DeepSpeed converts both step sizes to float before adding them.
    double total = (double) up + (double) down;
    double ratio = up / total;
    double cycle = Math.floor(1 + t / total);
    double x = 1. + t / total - cycle;
    double scale;
    long stairs;
    if (x <= ratio) {
      scale = x / ratio;
      stairs = upStairs;
    } else {
      scale = (x - 1) / (ratio - 1);
      stairs = downStairs;
    }
    if (stairs > 0) {
      // Stairs are counted from the integer position in the cycle, not from the scale: the float
      // scale can land a hair under a stair boundary (e.g. 1 - 1e-16 at the peak).
      double inCycle = t % total;
      double position = inCycle <= up ? inCycle * stairs / up : (total - inCycle) * stairs / down;
      scale = Math.floor(position) / stairs;
    }
    double height = (max - base) * scale;
    return mirrored ? max - height : base + height;
  }

  @Override
  public Range range(long n) {
    return Range.of(base, max);
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
    boolean valuesOk = Rules.finite(out, "base", base) & Rules.finite(out, "max", max);
    if (valuesOk && base > max) {
      out.add(RuleCode.cyclicBaseAboveMax("base", base, max));
    }
    Overflow.difference(out, "max", max, "base", base);
    Rules.atLeastOne(out, "up", up);
    Rules.atLeastOne(out, "down", down);
    Rules.nonNegative(out, "upStairs", upStairs);
    Rules.nonNegative(out, "downStairs", downStairs);
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitStairCycle(this);
  }

  @Override
  public String kind() {
    return "stair-cycle";
  }

  @Override
  public String formula() {
    return mirrored ? "max - (max - base) * scale(t), scale in stairs where a stair count is set"
        : "base + (max - base) * scale(t), scale in stairs where a stair count is set";
  }
}
