package dev.anneal.schedule;

import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A cosine between any two values: {@code to + (from - to) * (1 + cos(2π * cycles * t / n)) / 2}.
 * With the default {@code cycles = 0.5} it goes from {@code from} at t = 0 to {@code to} at t = n
 * along half a period (transformers' {@code num_cycles}); past the end it rises again if the
 * schedule continues it.
 */
public record Cosine(double from, double to, double cycles) implements Shape {
  /** Half a period, from {@code from} to {@code to}. */
  public static final double HALF_PERIOD = 0.5;

  /** The most cycles whose angle, {@code 2π * cycles}, is a finite double. */
  private static final double MOST_CYCLES = Overflow.largest(c -> Math.PI * c * 2.0, Double.MAX_VALUE / (2 * Math.PI));

  public Cosine(double from, double to) {
    this(from, to, HALF_PERIOD);
  }

  @Override
  public double valueAt(long t, long n) {
    double progress = (double) t / n;
    return to + (from - to) * (1 + Math.cos(Math.PI * cycles * 2.0 * progress)) / 2;
  }

  @Override
  public double endValue(long n) {
    return cycles == HALF_PERIOD ? to : valueAt(n, n);
  }

  @Override
  public Range range(long n) {
    return Range.of(from, to);
  }

  @Override
  public Range rangePastEnd(long n) {
    // Past the end t / n grows to 2^63 / n; where 2π * cycles * t / n overflows, cos(∞) is NaN.
    return Double.isFinite(Math.PI * cycles * 2.0 * ((double) Long.MAX_VALUE / n)) ? Range.of(from, to) : Range.UNBOUNDED;
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    Rules.finite(out, "from", from);
    Rules.finite(out, "to", to);
    Overflow.doubledDifference(out, "from", from, "to", to);
    if (Rules.positive(out, "cycles", cycles)) {
      Overflow.finite(out, "cycles", cycles, "2π * cycles", "2π * " + Values.show(cycles), Math.PI * cycles * 2.0,
          "use at most " + Values.show(MOST_CYCLES) + " cycles");
    }
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitCosine(this);
  }

  @Override
  public String kind() {
    return "cosine";
  }

  @Override
  public String formula() {
    return "to + (from - to) * (1 + cos(2π * cycles * t / n)) / 2";
  }
}
