package dev.anneal.builder;

import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.CosineRestarts;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.Exponential;
import dev.anneal.schedule.ExponentialTo;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.OneCycle;
import dev.anneal.schedule.OneMinusSqrt;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.StepDecay;
import dev.anneal.geometry.Length;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where a fluent schedule starts: pick the first phase's shape, give its length, then chain more
 * phases with {@link Draft#then()}:
 *
 * <pre>{@code
 * Schedule lr = Schedules.linear(0, 3e-4).over(2_000)
 *     .then().constant().over(10_000)
 *     .then().cosineTo(3e-5).over(88_000)
 *     .build();
 * }</pre>
 *
 * Every stage is immutable, so a half-built schedule ({@code Schedules.linear(0, 3e-4).over(2_000)})
 * can be kept and finished several ways. Arguments are checked in {@link Draft#build()}, all at
 * once: it throws one {@link dev.anneal.rules.InvalidScheduleException} listing every violation
 * with its path ({@code phases[1].to}). Values are absolute; for values relative to the
 * optimizer's learning rate build with factors and bind them with {@code scaledBy(baseLr)}.
 *
 * <p>Lengths may be given in epochs, samples or tokens and the schedule stepped per epoch, against
 * a {@link dev.anneal.geometry.RunGeometry} ({@code docs/units.md}):
 *
 * <pre>{@code
 * Schedule lr = Schedules.linear(0, 6e-5).over(375, TOKENS.millions())
 *     .then().cosineTo(6e-6).over(259.625, TOKENS.billions())
 *     .build(geometry);
 * Stepped stepLr = Schedules.stepDecay(0.1, 30, 0.1).over(90, EPOCHS)
 *     .steppedPerEpoch().build(RunGeometry.ofUpdatesPerEpoch(45));
 * }</pre>
 *
 * <p>Step sizes, milestones, a cycle's halves and a restart period may be given in units too
 * ({@code stepDecay(0.1, Length.epochs(30), 0.1)}): each is measured from the start of its phase
 * and resolved by the same rules as a phase's length when the schedule is built against a
 * geometry. A step size is resolved once: exact in updates and epochs, and in samples or tokens
 * with a constant batch; with a batch that grows only its first step is, so give milestones.
 */
public final class Schedules {
  private Schedules() {}

  /** A phase of any {@link Shape}. */
  public static LengthStep shape(Shape shape) {
    return recipe(ShapeRecipe.of(Objects.requireNonNull(shape, "shape")));
  }

  private static LengthStep recipe(ShapeRecipe recipe) {
    return new LengthStep(Draft.EMPTY, recipe);
  }

  /** A constant {@code value}. */
  public static LengthStep constant(double value) {
    return shape(new Constant(value));
  }

  /** A straight line from {@code from} to {@code to}. */
  public static LengthStep linear(double from, double to) {
    return shape(new Linear(from, to));
  }

  /** Half a cosine from {@code from} to {@code to}. */
  public static LengthStep cosine(double from, double to) {
    return shape(new Cosine(from, to));
  }

  /** {@code from * rate^t}. */
  public static LengthStep exponential(double from, double rate) {
    return shape(new Exponential(from, rate));
  }

  /** Exponential (log-linear) from {@code from} to {@code to}; both greater than 0. */
  public static LengthStep exponentialTo(double from, double to) {
    return shape(new ExponentialTo(from, to));
  }

  /** {@code to + (from - to) * (1 - t/n)^power}. */
  public static LengthStep polynomial(double from, double to, double power) {
    return shape(new Polynomial(from, to, power));
  }

  /** {@code max(floor, peak / sqrt((t + timescale) / timescale))}, floor 0. */
  public static LengthStep inverseSqrt(double peak, double timescale) {
    return shape(new InverseSqrt(peak, timescale));
  }

  /** {@code from * factor^floor(t / every)}. */
  public static LengthStep stepDecay(double from, long every, double factor) {
    return shape(new StepDecay(from, every, factor));
  }

  /**
   * {@code from * factor^floor(t / every)} with {@code every} in any unit: {@code
   * stepDecay(0.1, Length.epochs(30), 0.1)} stepped per update decays every 30 epochs' worth of
   * updates. Resolved from the phase's start when built with {@link Draft#build(
   * dev.anneal.geometry.RunGeometry)}; {@link Draft#build()} refuses a unit other than updates
   * ({@code UnitNeedsGeometry} at {@code phases[i].every}).
   */
  public static LengthStep stepDecay(double from, Length every, double factor) {
    Objects.requireNonNull(every, "every");
    return recipe((previousEnd, lengths) -> new StepDecay(from, lengths.steps("every", every), factor));
  }

  /** {@code from * factor^(milestones passed)}. */
  public static LengthStep milestones(double from, double factor, long... milestones) {
    return shape(new Milestones(from, boxed(milestones), factor));
  }

  /**
   * {@code from * factor^(milestones passed)}, each milestone in any unit and measured from the
   * phase's start: {@code milestones(0.1, 0.1, Length.epochs(30), Length.epochs(60))}. Each is
   * resolved exactly, also with a batch that grows. Paths in diagnostics are {@code
   * phases[i].milestones[k]}.
   */
  public static LengthStep milestones(double from, double factor, Length... milestones) {
    Length[] copy = nonNull(milestones);
    return recipe((previousEnd, lengths) -> new Milestones(from, lengths.milestones(copy), factor));
  }

  /** A triangular cycle between {@code base} and {@code max}, up and down in the given steps. */
  public static LengthStep cyclic(double base, double max, long up, long down) {
    return shape(new Cyclic(base, max, up, down, Cyclic.Mode.TRIANGULAR, 1.0, false));
  }

  /**
   * A triangular cycle between {@code base} and {@code max}, its halves in any unit ({@code
   * cyclic(1e-4, 1e-3, Length.epochs(2), Length.epochs(2))}); each half is resolved as a length
   * from the phase's start.
   */
  public static LengthStep cyclic(double base, double max, Length up, Length down) {
    Objects.requireNonNull(up, "up");
    Objects.requireNonNull(down, "down");
    return recipe((previousEnd, lengths) -> new Cyclic(base, max, lengths.steps("up", up), lengths.steps("down", down),
        Cyclic.Mode.TRIANGULAR, 1.0, false));
  }

  /** Cosine annealing from {@code from} to {@code floor} with warm restarts every t0, t0·tMult, … steps. */
  public static LengthStep cosineRestarts(double from, double floor, long t0, long tMult) {
    return shape(new CosineRestarts(from, floor, t0, tMult));
  }

  /**
   * Cosine annealing with warm restarts, the first period {@code t0} in any unit (resolved from the
   * phase's start); later periods are {@code tMult} times the one before, counted in the
   * schedule's steps.
   */
  public static LengthStep cosineRestarts(double from, double floor, Length t0, long tMult) {
    Objects.requireNonNull(t0, "t0");
    return recipe((previousEnd, lengths) -> new CosineRestarts(from, floor, lengths.steps("t0", t0), tMult));
  }

  /** A two-phase cosine one-cycle: {@code start → peak} over {@code pctStart} of the phase, then {@code peak → end}. */
  public static LengthStep oneCycle(double start, double peak, double end, double pctStart) {
    return shape(new OneCycle(start, peak, end, pctStart, OneCycle.Anneal.COS, false));
  }

  /** A plateau phase from {@code initial} with PyTorch's {@code ReduceLROnPlateau} defaults. */
  public static LengthStep plateau(double initial) {
    return shape(Plateau.withDefaults(initial));
  }

  static List<Long> boxed(long... values) {
    return Arrays.stream(values).boxed().toList();
  }

  /** A copy of {@code lengths}, none of them {@code null}, so later changes to the caller's array are not seen. */
  static Length[] nonNull(Length... lengths) {
    Length[] copy = lengths.clone();
    for (int k = 0; k < copy.length; k++) {
      Objects.requireNonNull(copy[k], "milestones[" + k + "]");
    }
    return copy;
  }
}
