package dev.anneal.annotation;

import dev.anneal.schedule.AfterEnd;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One channel of a {@link TrainingPlan}: a named hyperparameter and its phases. A phase that
 * leaves out {@code steps} takes the length of the first channel's phase at the same position, so
 * momentum or weight decay can follow the learning rate's phases without repeating them.
 */
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Channel {
  /** The channel: {@code lr}, {@code momentum}, {@code weight_decay} or another lower-case name. */
  String name();

  /** The phases, in order. */
  PhaseSpec[] phases();

  /** What happens at and past the end of the last phase; by default {@link AfterEnd#HOLD}. */
  AfterEnd afterEnd() default AfterEnd.HOLD;
}
