package dev.anneal.schedule;

import dev.anneal.rules.InvalidScheduleException;
import java.util.Objects;

/**
 * One phase of a {@link Sequence}: a {@link Shape} that lasts {@code steps} updates (or forever,
 * {@link #OPEN}, for a last phase whose shape allows it). Within the phase the shape sees a local
 * step starting at 0.
 */
public record Phase(Shape shape, long steps) {
  /** The length of a last phase that runs forever. */
  public static final long OPEN = Long.MAX_VALUE;

  /**
   * Checks the phase.
   *
   * @param shape the shape the phase follows
   * @param steps the updates the phase lasts, or {@link #OPEN}
   * @throws InvalidScheduleException if the length or the shape breaks a rule (see {@link ScheduleRules#phase})
   */
  public Phase {
    Objects.requireNonNull(shape, "shape");
    InvalidScheduleException.throwIfErrors(ScheduleRules.phase(shape, steps));
  }

  public boolean isOpen() {
    return steps == OPEN;
  }
}
