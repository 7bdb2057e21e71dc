package dev.anneal.builder;

import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Clocked;
import java.util.Objects;

/**
 * A finished {@link Draft} counted in samples or tokens consumed ({@link Draft#clockedIn(Clock)}):
 * its bare lengths count the clock's unit, and lengths in samples or tokens are converted to it
 * exactly ({@link RunGeometry#inClock}). Immutable.
 *
 * <pre>{@code
 * Clocked lr = Schedules.linear(0, 6e-4).over(375, TOKENS.millions())
 *     .then().cosine(6e-5).over(260, TOKENS.billions())
 *     .clockedIn(Clock.TOKENS).build(geometry);
 * }</pre>
 */
public final class ClockedDraft {
  private final Draft draft;
  private final Clock clock;

  ClockedDraft(Draft draft, Clock clock) {
    this.draft = draft;
    this.clock = clock;
  }

  /**
   * The schedule, evaluated at the samples (tokens) that {@code geometry}'s batch schedule has
   * consumed before each update.
   *
   * @throws InvalidScheduleException as {@link Draft#build()}, ({@code LengthOffClock}) for a length
   *     in updates or epochs or tokens that are no whole number of samples, ({@code
   *     UnitNeedsGeometry}) when the geometry has no batch schedule, or no sequence length for tokens
   */
  public Clocked build(RunGeometry geometry) {
    Objects.requireNonNull(geometry, "geometry");
    var consumption = geometry.consumption();
    var schedule = draft.buildResolved((i, field, length, start, found) -> {
      try {
        return geometry.inClock(length, clock, "phases[" + i + "]." + field, field);
      } catch (InvalidScheduleException e) {
        found.addAll(e.violations());
        return 1;
      }
    }, 1);
    return new Clocked(schedule, clock, consumption);
  }
}
