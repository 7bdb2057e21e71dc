package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A cyclical schedule, exactly as PyTorch's {@code CyclicLR} computes it: each cycle rises from
 * {@code base} to {@code max} over {@code up} steps and falls back over {@code down} steps (0: at
 * once, a sawtooth). With
 * {@code total = up + down}, {@code cycle = floor(1 + t / total)}, {@code x = 1 + t / total - cycle},
 * the scale is {@code x / r} while {@code x <= r} (r = up / total) and {@code (x - 1) / (r - 1)}
 * after; the value is {@code base + (max - base) * scale * amplitude}, where the amplitude is 1
 * ({@link Mode#TRIANGULAR}), {@code 1 / 2^(cycle - 1)} ({@link Mode#TRIANGULAR2}) or {@code
 * gamma^t} ({@link Mode#EXP_RANGE}). A {@code mirrored} cycle is {@code max - (max - base) * scale *
 * amplitude} instead: it is how PyTorch cycles momentum against the learning rate.
 *
 * <p>{@code gamma} lies in (0, 1], or above 1 in a phase of finite length whose last amplitude is
 * finite: PyTorch runs a growing amplitude until {@code gamma ** t} overflows.
 */
public record Cyclic(double base, double max, long up, long down, Mode mode, double gamma, boolean mirrored)
    implements Shape {

  /** How the amplitude of the cycle changes. */
  public enum Mode {
    /** Every cycle has the full amplitude. */
    TRIANGULAR,
    /** The amplitude halves every cycle. */
    TRIANGULAR2,
    /** The amplitude is {@code gamma^t}, t counted in steps. */
    EXP_RANGE
  }

  public Cyclic {
    java.util.Objects.requireNonNull(mode, "mode");
  }

  @Override
  public double valueAt(long t, long n) {
    double totalSize = (double) (up + down);
    double stepRatio = up / totalSize;
    double cycle = Math.floor(1 + t / totalSize);
    double x = 1. + t / totalSize - cycle;
    double scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
    double height = (max - base) * scaleFactor;
    double amplitude =
        switch (mode) {
          case TRIANGULAR -> 1.0;
          case TRIANGULAR2 -> 1 / Math.pow(2., cycle - 1);
          case EXP_RANGE -> Math.pow(gamma, t);
        };
    return mirrored ? max - height * amplitude : base + height * amplitude;
  }

  @Override
  public Range range(long n) {
    if (!grows()) {
      return Range.of(base, max);
    }
    if (n == Phase.OPEN) {
      return Range.UNBOUNDED;
    }
    // gamma above 1: the height times the amplitude reaches at most (max - base) * gamma^n by step n (held after the end).
    double reach = (max - base) * Math.pow(gamma, n);
    return mirrored ? Range.of(max - reach, max) : Range.of(base, base + reach);
  }

  @Override
  public Range rangePastEnd(long n) {
    return grows() ? Range.UNBOUNDED : range(n);
  }

  /** Whether the amplitude grows: exp_range with a gamma above 1, which PyTorch runs. */
  private boolean grows() {
    return mode == Mode.EXP_RANGE && gamma > 1;
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
    // A fall of 0 steps is a sawtooth (PyTorch keeps step_size_down = 0); a rise of 0 divides by 0.
    if (Rules.atLeastOne(out, "up", up) & Rules.nonNegative(out, "down", down) && up > Long.MAX_VALUE - down) {
      // up + down is a long: past 2^63 - 1 it would wrap to a negative cycle length.
      out.add(RuleCode.outOfRange("down", "up + down", up + " + " + down, "the 64-bit step range (at most " + Long.MAX_VALUE + ")"));
    }
    if (mode == Mode.EXP_RANGE) {
      // Above 1 the amplitude grows without end: a finite phase holds it while its last value is finite.
      if (Rules.positive(out, "gamma", gamma) && gamma > 1 && (n == Phase.OPEN || !range(n).isFinite())) {
        Rules.within(out, "gamma", gamma, 0, 1);
      }
    }
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitCyclic(this);
  }

  @Override
  public String kind() {
    return "cyclic";
  }

  @Override
  public String formula() {
    return mirrored ? "max - (max - base) * scale(t) * amplitude(t)" : "base + (max - base) * scale(t) * amplitude(t)";
  }
}
