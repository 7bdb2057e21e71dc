package dev.anneal.annotation;

import dev.anneal.geometry.Unit;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.OneCycle;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One phase of a {@link TrainingSchedule} or {@link Channel}: a {@link Curve} lasting {@code steps}
 * updates. Lengths and values are expressions: numbers ({@code "2_000"}, {@code "3e-4"}), and in a
 * schedule on a record the names of its components, combined with {@code + - * /}, parentheses,
 * unary minus and the functions {@code min}, {@code max}, {@code round}, {@code floor}, {@code
 * ceil}, {@code sqrt} and {@code pow} ({@code "total - warmup"}, {@code "peak * minRatio"}, {@code
 * "round(total * 0.03)"}, {@code "pow(dModel, -0.5)"}). They mean what they mean in Java, each
 * function {@link Math}'s: an expression of integers is an integer ({@code "total / 10"} rounds
 * toward zero), {@code round} gives a {@code long} and {@code floor}, {@code ceil}, {@code sqrt}
 * and {@code pow} doubles, and lengths in updates must be integers. An attribute left at its
 * default ({@code ""}) is not given.
 */
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface PhaseSpec {
  /** The length of a last phase that never ends. */
  String FOREVER = "forever";

  /** The shape of the phase. */
  Curve shape();

  /**
   * The phase's length in updates, an integer expression, or {@link #FOREVER}. In a channel of a
   * {@link TrainingPlan} after the first, leaving it out takes the length of the first channel's
   * phase at the same position.
   */
  String steps() default "";

  /**
   * The unit {@code steps} counts: {@link Unit#UPDATES} by default. In epochs, samples or tokens
   * the length is resolved to updates (at compile time for a fixed schedule) against the annotation's {@link
   * TrainingSchedule#geometry()} (or {@link TrainingPlan#geometry()}), by {@link
   * dev.anneal.geometry.RunGeometry}'s rules, each phase ending at the first update whose position
   * reaches its start plus its length; {@code steps} may then be a double ({@code "2.5"} epochs,
   * {@code "375e6"} tokens), but must be whole in every unit but epochs. On a record, whose
   * components are known only at run time, the generated class resolves the length the same way
   * when it is built from a config.
   */
  Unit unit() default Unit.UPDATES;

  /** The value of a {@link Curve#CONSTANT} phase; by default where the previous phase ended. */
  String value() default "";

  /** The start value; by default where the previous phase ended (the first phase must give it). */
  String from() default "";

  /** The end value of a decaying or rising curve. */
  String to() default "";

  /** The peak of a one-cycle phase, the max of a cyclic one. */
  String peak() default "";

  /** The rate per step of an exponential phase. */
  String rate() default "";

  /** The power of a polynomial phase. */
  String power() default "";

  /** The number of cosine periods over the phase (0.5 = half a period, from → to). */
  String cycles() default "";

  /** The timescale of an inverse-square-root phase. */
  String timescale() default "";

  /** The lowest value of an inverse-sqrt, restarts or plateau phase. */
  String floor() default "";

  /** The multiplier of a step, milestones or plateau phase. */
  String factor() default "";

  /** Steps between decays of a step phase. */
  String every() default "";

  /** The phase-local steps at which a milestones phase decays. */
  String[] milestones() default {};

  /** Steps up of each cycle of a cyclic phase. */
  String up() default "";

  /** Steps down of each cycle of a cyclic phase. */
  String down() default "";

  /** How the amplitude of a cyclic phase changes. */
  Cyclic.Mode cyclicMode() default Cyclic.Mode.TRIANGULAR;

  /** The amplitude factor per step of an exp-range cyclic phase. */
  String gamma() default "";

  /** Whether a cyclic phase runs from peak down (how PyTorch cycles momentum). */
  boolean mirrored() default false;

  /** The first restart period of a cosine-restarts phase. */
  String t0() default "";

  /** How much longer each restart period is than the previous one. */
  String tMult() default "";

  /** The fraction of a one-cycle phase spent rising. */
  String pctStart() default "";

  /** How a one-cycle phase moves between its values. */
  OneCycle.Anneal anneal() default OneCycle.Anneal.COS;

  /** Whether a one-cycle phase goes back down to its start before the final anneal. */
  boolean threePhase() default false;

  /** Observations without improvement a plateau phase tolerates. */
  String patience() default "";
}
