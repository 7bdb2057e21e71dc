package dev.anneal.cli.chart;

import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.ShapeNames;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Stepped;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one phase of a schedule lies on the timeline, for marking charts.
 *
 * @param index the phase's index ({@code phases[index]})
 * @param start its first step
 * @param end the step after its last, or {@link Phase#OPEN} if it runs forever
 * @param kind its shape's kind as configs name it, e.g. {@code reversed}
 * @param name its shape as a person names it, e.g. {@code linear decay} (see {@link ShapeNames})
 */
public record PhaseSpan(int index, long start, long end, String kind, String name) {
  /**
   * The phases of {@code schedule} (of its first factor, for a product), in order, their starts
   * and ends in updates: a schedule stepped per epoch (or every N updates) counts its own steps, so
   * its phases begin at their own step times the updates one step spans; one on a sample or token
   * clock at the first update whose consumption reaches each end.
   */
  public static List<PhaseSpan> of(Schedule schedule) {
    if (schedule instanceof Stepped stepped) {
      long span = stepped.cadence().updates();
      return of(stepped.schedule()).stream()
          .map(phase -> new PhaseSpan(phase.index(), inUpdates(phase.start(), span), inUpdates(phase.end(), span), phase.kind(), phase.name()))
          .toList();
    }
    List<PhaseSpan> spans = new ArrayList<>();
    long start = 0;
    List<Phase> phases = schedule.phases();
    for (int i = 0; i < phases.size(); i++) {
      Phase phase = phases.get(i);
      long end = phase.isOpen() || start > Phase.OPEN - phase.steps() ? Phase.OPEN : start + phase.steps();
      spans.add(new PhaseSpan(i, start, end, phase.shape().kind(), ShapeNames.of(phase.shape(), phase.steps())));
      start = end;
    }
    if (schedule instanceof Clocked clocked) {
      // Its phases count samples or tokens: each end is the first update whose consumption reaches it.
      return spans.stream().map(span -> new PhaseSpan(span.index(), clocked.consumption().updatesToReach(clocked.clock(), span.start()),
          clocked.consumption().updatesToReach(clocked.clock(), span.end()), span.kind(), span.name())).toList();
    }
    return spans;
  }

  /** {@code steps} own steps in updates; an open end stays open (Stepped caps finite ends below it). */
  private static long inUpdates(long steps, long span) {
    return steps == Phase.OPEN ? Phase.OPEN : steps * span;
  }

  /** The label a drawn chart gives it: its index and name, e.g. {@code 2: cosine decay}. */
  public String label() {
    return index + ": " + name;
  }
}
