package dev.anneal.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares several hyperparameters scheduled together (a {@link dev.anneal.schedule.Plan}): each
 * {@link Channel} is checked as a {@link TrainingSchedule} is, plus the plan's own rules (momentum
 * in [0, 1), weight decay at least 0). The generated class {@code <Name>Plan} holds one generated
 * schedule class per channel and {@code plan()}.
 *
 * <pre>{@code
 * @TrainingPlan(channels = {
 *     @Channel(name = "lr", phases = {
 *         @PhaseSpec(shape = LINEAR, steps = "300", from = "0.004", to = "0.1"),
 *         @PhaseSpec(shape = COSINE, steps = "700", to = "4e-7")}),
 *     @Channel(name = "momentum", phases = {
 *         @PhaseSpec(shape = LINEAR, from = "0.95", to = "0.85"),
 *         @PhaseSpec(shape = COSINE, to = "0.95")})})
 * interface OneCycleSgd {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(java.lang.annotation.ElementType.TYPE)
public @interface TrainingPlan {
  /** The channels; the first sets the phase lengths the others may share. */
  Channel[] channels();

  /**
   * The run geometry that phases with a {@link PhaseSpec#unit()} other than updates are resolved
   * against; without it, such a phase is an error ({@code UnitNeedsGeometry}).
   */
  Geometry geometry() default @Geometry;

  /** The simple name of the generated class; by default the annotated type's name + {@code Plan}. */
  String name() default "";
}
