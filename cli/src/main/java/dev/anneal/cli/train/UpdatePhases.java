package dev.anneal.cli.train;

import dev.anneal.cli.chart.PhaseSpan;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Stepped;
import java.util.List;

/**
 * A schedule's phases on the timeline of optimizer updates, which the train command's log counts.
 * {@link PhaseSpan#of} places phases in the schedule's own steps; a schedule stepped per epoch (or
 * every N updates) counts epochs there, so its phases begin at their own step times the updates one
 * step spans.
 */
public final class UpdatePhases {
  private UpdatePhases() {}

  /** The phases of {@code schedule}, their starts and ends in updates. */
  public static List<PhaseSpan> of(Schedule schedule) {
    if (!(schedule instanceof Stepped stepped)) {
      return PhaseSpan.of(schedule);
    }
    long span = stepped.cadence().updates();
    return PhaseSpan.of(stepped.schedule()).stream()
        .map(phase -> new PhaseSpan(phase.index(), inUpdates(phase.start(), span), inUpdates(phase.end(), span), phase.kind(), phase.name()))
        .toList();
  }

  /** {@code steps} own steps in updates; an open end stays open (Stepped caps finite ends below it). */
  private static long inUpdates(long steps, long span) {
    return steps == Phase.OPEN ? Phase.OPEN : steps * span;
  }
}
