package dev.anneal.schedule;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A relative schedule bound to a base value: {@code factor * schedule(step)}. This is how values
 * "relative to the optimizer's learning rate" become absolute (PyTorch's {@code LambdaLR} computes
 * {@code base_lr * lambda(step)} the same way).
 */
public record Scaled(double factor, Schedule schedule) implements Schedule {
  public Scaled {
    Objects.requireNonNull(schedule, "schedule");
    List<Violation> found = new ArrayList<>();
    Rules.finite(found, "factor", factor);
    InvalidScheduleException.throwIfErrors(found);
  }

  @Override
  public double valueAt(long step) {
    // A finite factor times a finite value can still pass the largest double.
    return FiniteValues.at(step, factor * schedule.valueAt(step));
  }

  @Override
  public double valueAt(long step, ScheduleState state) {
    return FiniteValues.at(step, factor * schedule.valueAt(step, state));
  }

  @Override
  public ScheduleState observe(ScheduleState state, long step, double metric) {
    return schedule.observe(state, step, metric);
  }

  @Override
  public boolean isReactive() {
    return schedule.isReactive();
  }

  @Override
  public Explanation explain(long step) {
    return new Explanation(
        step, valueAt(step), "", step, "scaled", "scaled", "factor * value", Map.of("factor", factor), List.of(schedule.explain(step)), "");
  }

  @Override
  public OptionalLong declaredEnd() {
    return schedule.declaredEnd();
  }

  @Override
  public AfterEnd afterEnd() {
    return schedule.afterEnd();
  }

  @Override
  public List<Phase> phases() {
    return schedule.phases();
  }

  @Override
  public Range range() {
    return new Range(factor, factor).times(schedule.range());
  }

  @Override
  public List<Violation> warnings() {
    return schedule.warnings();
  }
}
