package dev.anneal.schedule;

import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Inverse square root decay with a timescale: {@code max(floor, peak / sqrt((t + timescale) /
 * timescale))}. It starts at {@code peak} and halves by t = 3 * timescale. After a warm-up of
 * {@code w} steps, transformers uses {@code timescale = w} by default, and so does Megatron.
 */
public record InverseSqrt(double peak, double timescale, double floor) implements Shape {
  public InverseSqrt(double peak, double timescale) {
    this(peak, timescale, 0);
  }

  @Override
  public double valueAt(long t, long n) {
    return Math.max(floor, peak / Math.sqrt((t + timescale) / timescale));
  }

  @Override
  public Range range(long n) {
    // peak / sqrt(x) moves from peak towards 0: down for a positive peak, up for a negative one.
    return Range.of(Math.min(floor, peak), peak).union(Range.of(peak, Math.max(floor, 0)));
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
    Rules.finite(out, "peak", peak);
    Rules.positive(out, "timescale", timescale);
    if (Rules.finite(out, "floor", floor)) {
      Rules.notAbove(out, "floor", floor, "peak", peak);
    }
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitInverseSqrt(this);
  }

  @Override
  public String kind() {
    return "inverse-sqrt";
  }

  @Override
  public String formula() {
    return "max(floor, peak / sqrt((t + timescale) / timescale))";
  }
}
