package dev.anneal.schedule;

import dev.anneal.rules.Violation;
import java.util.List;

/**
 * The formula of one phase, as a function of the phase's local step {@code t} (0 at the phase's
 * first step) and its length {@code n} in steps ({@link Phase#OPEN} for a last phase that runs
 * forever). Shapes are immutable values; each documents its formula.
 */
public sealed interface Shape
    permits Constant, Linear, Cosine, Exponential, ExponentialTo, Polynomial, OneMinusSqrt, InverseSqrt, StepDecay,
        Milestones, Cyclic, CosineRestarts, OneCycle, Plateau, LogWarmup, LinearGrowth, StairCycle, InverseTimeDecay,
        PostCycleMomentum, Shifted, Reversed, CosineHardRestarts, Segment {

  /** The value at local step {@code t} ({@code t >= 0}) of a phase {@code n} steps long. */
  double valueAt(long t, long n);

  /**
   * The value a phase of {@code n} steps ends on, held after the last phase under {@link
   * AfterEnd#HOLD}: the formula at {@code t = n} unless the shape says otherwise.
   */
  default double endValue(long n) {
    return valueAt(n, n);
  }

  /** Bounds of every value at local steps {@code 0..n} (all steps if {@code n} is open). */
  Range range(long n);

  /**
   * Bounds of every value past the end ({@code t > n}) when the schedule continues the formula,
   * or {@link Range#UNBOUNDED} where the formula grows without bound or is undefined there.
   */
  default Range rangePastEnd(long n) {
    return Range.UNBOUNDED;
  }

  /** Whether the shape has a formula for a phase that never ends. */
  default boolean allowsOpenLength() {
    return false;
  }

  /**
   * The rules of this shape for a phase of {@code n} steps: errors and warnings, with paths
   * relative to the phase (a field of the shape such as {@code to}, or {@code steps}).
   */
  List<Violation> check(long n);

  /**
   * Calls the {@code visitor}'s method for this shape's kind: the one way to decide by kind, so a
   * new shape is a compile error wherever such a decision is made.
   */
  <R> R accept(ShapeVisitor<R> visitor);

  /** The shape's name in Anneal JSON and in messages, e.g. {@code cosine}. */
  String kind();

  /** The formula in words, as {@code explain} prints it. */
  String formula();
}
