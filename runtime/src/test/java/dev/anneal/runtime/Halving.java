package dev.anneal.runtime;

import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Explanation;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Range;
import dev.anneal.schedule.Schedule;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A schedule class of the user's own, as generated code or a hand-written {@code Schedule} would
 * be: {@code start · 0.5^⌊step / every⌋}. Anneal JSON has no form for it.
 */
record Halving(double start, long every) implements Schedule {
  @Override
  public double valueAt(long step) {
    Schedule.requireStep(step);
    return start * Math.pow(0.5, step / every);
  }

  @Override
  public Explanation explain(long step) {
    return new Explanation(step, valueAt(step), "", step, "halving", "halving", "start * 0.5^floor(step / every)",
        Map.of("start", start, "every", every), List.of(), "");
  }

  @Override
  public OptionalLong declaredEnd() {
    return OptionalLong.empty();
  }

  @Override
  public AfterEnd afterEnd() {
    return AfterEnd.HOLD;
  }

  @Override
  public List<Phase> phases() {
    return List.of();
  }

  @Override
  public Range range() {
    return new Range(0, start);
  }
}
