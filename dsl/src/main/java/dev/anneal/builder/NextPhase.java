package dev.anneal.builder;

import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.CosineRestarts;
import dev.anneal.schedule.Exponential;
import dev.anneal.schedule.ExponentialTo;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.OneMinusSqrt;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.StepDecay;

/**
 * The choice of the next phase's shape. Methods without a start value start where the previous
 * phase ended (its end value), so phases join without a jump. Immutable.
 */
public final class NextPhase {
  private final Draft before;
  private final double previousEnd;

  NextPhase(Draft before, double previousEnd) {
    this.before = before;
    this.previousEnd = previousEnd;
  }

  /** Any shape. */
  public LengthStep shape(Shape shape) {
    return new LengthStep(before, shape);
  }

  /** Hold the value the previous phase ended on. */
  public LengthStep constant() {
    return shape(new Constant(previousEnd));
  }

  /** A constant {@code value} (a jump if it differs from the previous end). */
  public LengthStep constant(double value) {
    return shape(new Constant(value));
  }

  /** A straight line from the previous end to {@code to}. */
  public LengthStep linearTo(double to) {
    return shape(new Linear(previousEnd, to));
  }

  /** Half a cosine from the previous end to {@code to}. */
  public LengthStep cosineTo(double to) {
    return shape(new Cosine(previousEnd, to));
  }

  /** Exponential (log-linear) from the previous end to {@code to}. */
  public LengthStep exponentialTo(double to) {
    return shape(new ExponentialTo(previousEnd, to));
  }

  /** {@code previousEnd * rate^t}. */
  public LengthStep exponential(double rate) {
    return shape(new Exponential(previousEnd, rate));
  }

  /** Polynomial decay of {@code power} from the previous end to {@code to}. */
  public LengthStep polynomialTo(double to, double power) {
    return shape(new Polynomial(previousEnd, to, power));
  }

  /** The WSD "1 - sqrt" cool-down from the previous end to {@code to}. */
  public LengthStep oneMinusSqrtTo(double to) {
    return shape(new OneMinusSqrt(previousEnd, to));
  }

  /** Inverse square root decay from the previous end, with the given timescale. */
  public LengthStep inverseSqrt(double timescale) {
    return shape(new InverseSqrt(previousEnd, timescale));
  }

  /** Step decay from the previous end by {@code factor} every {@code every} steps. */
  public LengthStep stepDecay(long every, double factor) {
    return shape(new StepDecay(previousEnd, every, factor));
  }

  /** Multi-step decay from the previous end by {@code factor} at each (phase-local) milestone. */
  public LengthStep milestones(double factor, long... milestones) {
    return shape(new Milestones(previousEnd, Schedules.boxed(milestones), factor));
  }

  /** Cosine warm restarts from the previous end down to {@code floor}. */
  public LengthStep cosineRestarts(double floor, long t0, long tMult) {
    return shape(new CosineRestarts(previousEnd, floor, t0, tMult));
  }

  /** A plateau phase from the previous end, with PyTorch's defaults. */
  public LengthStep plateau() {
    return shape(Plateau.withDefaults(previousEnd));
  }
}
