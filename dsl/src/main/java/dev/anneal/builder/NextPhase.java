package dev.anneal.builder;

import dev.anneal.geometry.Length;
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
import java.util.Objects;

/**
 * The choice of the next phase's shape. Methods without a start value start where the previous
 * phase ends (its value at its end, known when the schedule is built, after any length in a unit
 * is resolved), so phases join without a jump. Immutable.
 */
public final class NextPhase {
  private final Draft before;

  NextPhase(Draft before) {
    this.before = before;
  }

  private LengthStep recipe(ShapeRecipe recipe) {
    return new LengthStep(before, recipe);
  }

  /** Any shape. */
  public LengthStep shape(Shape shape) {
    return recipe(ShapeRecipe.of(Objects.requireNonNull(shape, "shape")));
  }

  /** Hold the value the previous phase ended on. */
  public LengthStep constant() {
    return recipe((previousEnd, lengths) -> new Constant(previousEnd));
  }

  /** A constant {@code value} (a jump if it differs from the previous end). */
  public LengthStep constant(double value) {
    return shape(new Constant(value));
  }

  /** A straight line from the previous end to {@code to}. */
  public LengthStep linearTo(double to) {
    return recipe((previousEnd, lengths) -> new Linear(previousEnd, to));
  }

  /** Half a cosine from the previous end to {@code to}. */
  public LengthStep cosineTo(double to) {
    return recipe((previousEnd, lengths) -> new Cosine(previousEnd, to));
  }

  /** Exponential (log-linear) from the previous end to {@code to}. */
  public LengthStep exponentialTo(double to) {
    return recipe((previousEnd, lengths) -> new ExponentialTo(previousEnd, to));
  }

  /** {@code previousEnd * rate^t}. */
  public LengthStep exponential(double rate) {
    return recipe((previousEnd, lengths) -> new Exponential(previousEnd, rate));
  }

  /** Polynomial decay of {@code power} from the previous end to {@code to}. */
  public LengthStep polynomialTo(double to, double power) {
    return recipe((previousEnd, lengths) -> new Polynomial(previousEnd, to, power));
  }

  /** The WSD "1 - sqrt" cool-down from the previous end to {@code to}. */
  public LengthStep oneMinusSqrtTo(double to) {
    return recipe((previousEnd, lengths) -> new OneMinusSqrt(previousEnd, to));
  }

  /** Inverse square root decay from the previous end, with the given timescale. */
  public LengthStep inverseSqrt(double timescale) {
    return recipe((previousEnd, lengths) -> new InverseSqrt(previousEnd, timescale));
  }

  /** Step decay from the previous end by {@code factor} every {@code every} steps. */
  public LengthStep stepDecay(long every, double factor) {
    return recipe((previousEnd, lengths) -> new StepDecay(previousEnd, every, factor));
  }

  /**
   * Step decay from the previous end by {@code factor} every {@code every}, in any unit ({@code
   * stepDecay(Length.epochs(30), 0.1)}), resolved from the phase's start when the schedule is
   * built against a geometry; see {@link Schedules#stepDecay(double, Length, double)}.
   */
  public LengthStep stepDecay(Length every, double factor) {
    Objects.requireNonNull(every, "every");
    return recipe((previousEnd, lengths) -> new StepDecay(previousEnd, lengths.steps("every", every), factor));
  }

  /** Multi-step decay from the previous end by {@code factor} at each (phase-local) milestone. */
  public LengthStep milestones(double factor, long... milestones) {
    var steps = Schedules.boxed(milestones);
    return recipe((previousEnd, lengths) -> new Milestones(previousEnd, steps, factor));
  }

  /**
   * Multi-step decay from the previous end by {@code factor} at each milestone, in any unit and
   * measured from the phase's start; see {@link Schedules#milestones(double, double, Length...)}.
   */
  public LengthStep milestones(double factor, Length... milestones) {
    Length[] copy = Schedules.nonNull(milestones);
    return recipe((previousEnd, lengths) -> new Milestones(previousEnd, lengths.milestones(copy), factor));
  }

  /** Cosine warm restarts from the previous end down to {@code floor}. */
  public LengthStep cosineRestarts(double floor, long t0, long tMult) {
    return recipe((previousEnd, lengths) -> new CosineRestarts(previousEnd, floor, t0, tMult));
  }

  /**
   * Cosine warm restarts from the previous end down to {@code floor}, the first cycle {@code t0} in
   * any unit; see {@link Schedules#cosineRestarts(double, double, Length, long)}.
   */
  public LengthStep cosineRestarts(double floor, Length t0, long tMult) {
    Objects.requireNonNull(t0, "t0");
    return recipe((previousEnd, lengths) -> new CosineRestarts(previousEnd, floor, lengths.steps("t0", t0), tMult));
  }

  /** A plateau phase from the previous end, with PyTorch's defaults. */
  public LengthStep plateau() {
    return recipe((previousEnd, lengths) -> Plateau.withDefaults(previousEnd));
  }
}
