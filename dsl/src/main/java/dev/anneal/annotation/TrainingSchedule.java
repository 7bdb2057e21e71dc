package dev.anneal.annotation;

import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Plan;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a schedule as its phases, in order, and has the annotation processor check it and
 * generate a {@code final} class implementing {@link dev.anneal.schedule.Schedule} with
 * precomputed constants and a stepper.
 *
 * <p>On a class or interface the schedule is fixed: every expression is a constant, and every
 * rule of the model runs at compile time. The class {@code <Name>Schedule} has a single instance,
 * {@code SCHEDULE}.
 *
 * <pre>{@code
 * @TrainingSchedule(phases = {
 *     @PhaseSpec(shape = LINEAR, steps = "2_000", from = "0", to = "3e-4"),
 *     @PhaseSpec(shape = CONSTANT, steps = "10_000"),
 *     @PhaseSpec(shape = COSINE, steps = "88_000", to = "3e-5")})
 * interface GptLearningRate {}
 * }</pre>
 *
 * <p>On a record the schedule is parameterized: expressions may name its numeric components. The
 * processor type-checks them and derives the conditions a config must meet (a length {@code
 * "total - warmup"} requires {@code total > warmup}); the generated class has {@code
 * validate(config)}, which returns every violation, and {@code of(config)}, which refuses an
 * invalid config with all of them at once.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(java.lang.annotation.ElementType.TYPE)
public @interface TrainingSchedule {
  /** The phases, in order. */
  PhaseSpec[] phases();

  /** What happens at and past the end of the last phase; by default {@link AfterEnd#HOLD}. */
  AfterEnd afterEnd() default AfterEnd.HOLD;

  /**
   * Which hyperparameter the schedule drives, for the bounds the rules check: {@link Plan#LR} by
   * default (never below 0), {@link Plan#MOMENTUM} (in [0, 1)), {@link Plan#WEIGHT_DECAY}, or a
   * free scalar.
   */
  String channel() default Plan.LR;

  /**
   * The run geometry that phases with a {@link PhaseSpec#unit()} other than updates are resolved
   * against; without it, such a phase is an error ({@code UnitNeedsGeometry}).
   */
  Geometry geometry() default @Geometry;

  /**
   * What the schedule counts, at most one: none (the default) counts updates; {@link Clock#SAMPLES}
   * or {@link Clock#TOKENS} counts the samples or tokens consumed before each update, by the
   * {@link #geometry()}'s batch schedule, as Megatron-LM's scheduler does and as the builder's
   * {@code clockedIn(clock).build(geometry)} builds it. On a clock a bare length counts the clock's
   * unit, a length in samples or tokens is converted to it exactly, and {@code valueAt(step)} is the
   * phases' value at the position of update {@code step}. Only a fixed schedule (not a record's) can
   * be clocked.
   */
  Clock[] clock() default {};

  /** The simple name of the generated class; by default the annotated type's name + {@code Schedule}. */
  String name() default "";
}
