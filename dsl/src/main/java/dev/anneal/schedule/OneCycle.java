package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one-cycle policy, exactly as PyTorch's {@code OneCycleLR} computes it over a phase of n
 * steps (its {@code total_steps}). Two-phase: {@code start → peak} until step {@code pctStart * n -
 * 1}, then {@code peak → end} until step {@code n - 1}. Three-phase: {@code start → peak}, {@code
 * peak → start} until step {@code 2 * pctStart * n - 2}, then {@code start → end}. Each part anneals
 * with a cosine ({@code end + (start - end) / 2 * (cos(π * pct) + 1)}) or linearly. The learning
 * rate uses (initial, max, min); momentum mirrors it with (max momentum, base momentum, max
 * momentum). The phase ends on {@code end}, at step n - 1; PyTorch evaluates step n too, where
 * the last part overshoots and the value bounces back (see {@link AfterEnd#CONTINUE}).
 */
public record OneCycle(double start, double peak, double end, double pctStart, Anneal anneal, boolean threePhase)
    implements Shape {

  /** How each part of the cycle moves between its two values. */
  public enum Anneal {
    COS,
    LINEAR
  }

  public OneCycle {
    Objects.requireNonNull(anneal, "anneal");
  }

  @Override
  public double valueAt(long t, long n) {
    double firstEnd = pctStart * n - 1;
    if (!threePhase) {
      return t <= firstEnd ? part(start, peak, t, 0, firstEnd) : part(peak, end, t, firstEnd, n - 1);
    }
    double secondEnd = 2 * pctStart * n - 2;
    if (t <= firstEnd) {
      return part(start, peak, t, 0, firstEnd);
    }
    if (t <= secondEnd) {
      return part(peak, start, t, firstEnd, secondEnd);
    }
    return part(start, end, t, secondEnd, n - 1);
  }

  private double part(double from, double to, long t, double startStep, double endStep) {
    double pct = (t - startStep) / (endStep - startStep);
    if (anneal == Anneal.COS) {
      double cosOut = Math.cos(Math.PI * pct) + 1;
      return to + (from - to) / 2.0 * cosOut;
    }
    return (to - from) * pct + from;
  }

  @Override
  public double endValue(long n) {
    return end;
  }

  @Override
  public Range range(long n) {
    return Range.of(start, peak).union(Range.of(peak, end)).union(Range.of(start, end));
  }

  @Override
  public Range rangePastEnd(long n) {
    // Past n - 1 the last part keeps going: a cosine stays within its two values, a line does not.
    return anneal == Anneal.COS ? range(n) : Range.UNBOUNDED;
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    Rules.finite(out, "start", start);
    Rules.finite(out, "peak", peak);
    Rules.finite(out, "end", end);
    // Each part moves between two of the values: their differences must be finite.
    Overflow.difference(out, "peak", peak, "start", start);
    Overflow.difference(out, "end", end, "peak", peak);
    if (threePhase) {
      Overflow.difference(out, "end", end, "start", start);
    }
    if (Rules.within(out, "pctStart", pctStart, 0, 1) && n != Phase.OPEN) {
      double firstEnd = pctStart * n - 1;
      requireSpan(out, 1, firstEnd, n);
      if (threePhase) {
        double secondEnd = 2 * pctStart * n - 2;
        requireSpan(out, 2, secondEnd - firstEnd, n);
        requireSpan(out, 3, n - 1 - secondEnd, n);
      } else {
        requireSpan(out, 2, n - 1 - firstEnd, n);
      }
    }
    return out;
  }

  private void requireSpan(List<Violation> out, int part, double span, long n) {
    if (!(span > 0)) {
      out.add(RuleCode.oneCyclePhaseEmpty("pctStart", part, span, pctStart, n));
    }
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitOneCycle(this);
  }

  @Override
  public String kind() {
    return "one-cycle";
  }

  @Override
  public String formula() {
    return anneal == Anneal.COS
        ? "to + (from - to) / 2 * (cos(π * pct) + 1) within the current part of the cycle"
        : "from + (to - from) * pct within the current part of the cycle";
  }
}
