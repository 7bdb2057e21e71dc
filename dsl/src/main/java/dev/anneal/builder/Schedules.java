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
import java.util.Arrays;
import java.util.List;

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
 */
public final class Schedules {
  private Schedules() {}

  /** A phase of any {@link Shape}. */
  public static LengthStep shape(Shape shape) {
    return new LengthStep(Draft.EMPTY, shape);
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

  /** {@code from * factor^(milestones passed)}. */
  public static LengthStep milestones(double from, double factor, long... milestones) {
    return shape(new Milestones(from, boxed(milestones), factor));
  }

  /** A triangular cycle between {@code base} and {@code max}, up and down in the given steps. */
  public static LengthStep cyclic(double base, double max, long up, long down) {
    return shape(new Cyclic(base, max, up, down, Cyclic.Mode.TRIANGULAR, 1.0, false));
  }

  /** Cosine annealing from {@code from} to {@code floor} with warm restarts every t0, t0·tMult, … steps. */
  public static LengthStep cosineRestarts(double from, double floor, long t0, long tMult) {
    return shape(new CosineRestarts(from, floor, t0, tMult));
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
}
