package dev.anneal.schedule;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A schedule that counts samples (or tokens) consumed rather than updates: the value of update
 * {@code step} is the wrapped schedule at the samples (tokens) consumed before that update, by the
 * run's {@link Consumption}. This is Megatron-LM's {@code OptimizerParamScheduler}, stepped by each
 * iteration's global batch: during a batch ramp a warm-up or a cosine is linear in samples, not in
 * updates, and the update on which a phase ends is the first whose consumed samples reach it.
 *
 * <p>The wrapped schedule's lengths count the clock's unit ({@code steps: 1_000_000} is a million
 * samples). Each value costs one binary search over the consumption's stretches (a handful), never
 * a walk over the updates.
 *
 * <p>Reactive phases: a metric reported after update {@code step} reaches the wrapped schedule at
 * that update's position, so the phase that was active for the update observes it; a plateau's
 * patience counts reports, as it does on any clock.
 *
 * @param schedule the schedule in the clock's unit
 * @param clock what it counts
 * @param consumption the samples consumed before each update
 */
public record Clocked(Schedule schedule, Clock clock, Consumption consumption) implements Schedule {

  /**
   * @throws InvalidScheduleException ({@code UnitNeedsGeometry}) for a {@link Clock#TOKENS} clock
   *     without a sequence length
   */
  public Clocked {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(consumption, "consumption");
    if (clock == Clock.TOKENS && !consumption.knowsTokens()) {
      throw new InvalidScheduleException(RuleCode.unitNeedsGeometry("clock", "clock", "tokens", "tokens", "a sequence length in the run geometry",
          "give sequence_length"));
    }
  }

  /** The samples or tokens (by the clock) consumed before update {@code step}: the wrapped schedule's step. */
  public long position(long step) {
    return consumption.position(clock, step);
  }

  @Override
  public double valueAt(long step) {
    requireWithinEnd(step);
    return schedule.valueAt(position(step));
  }

  @Override
  public double valueAt(long step, ScheduleState state) {
    requireWithinEnd(step);
    return schedule.valueAt(position(step), state);
  }

  /** An end of {@link AfterEnd#FAIL} is reported in updates, the step the caller asked for. */
  private void requireWithinEnd(long step) {
    Schedule.requireStep(step);
    if (schedule.afterEnd() != AfterEnd.FAIL) {
      return;
    }
    OptionalLong end = declaredEnd();
    if (end.isPresent() && step >= end.getAsLong()) {
      throw new InvalidScheduleException(RuleCode.stepBeyondEnd("step", step, end.getAsLong()));
    }
  }

  @Override
  public ScheduleState initialState() {
    return schedule.initialState();
  }

  @Override
  public ScheduleState observe(ScheduleState state, long step, double metric) {
    Schedule.requireStep(step);
    return schedule.observe(state, position(step), metric);
  }

  @Override
  public boolean isReactive() {
    return schedule.isReactive();
  }

  /** The update's samples (and tokens), its batch, and the wrapped schedule's explanation at that position. */
  @Override
  public Explanation explain(long step) {
    Schedule.requireStep(step);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("clock", clock.jsonName());
    long samples = consumption.samplesBefore(step);
    inputs.put("samples_before", samples);
    if (consumption.knowsTokens()) {
      inputs.put("tokens_before", consumption.position(Clock.TOKENS, step));
    }
    inputs.put("global_batch", consumption.batchOf(step));
    long position = position(step);
    return new Explanation(step, valueAt(step), "", step, "clocked", "clocked in " + clock.jsonName(),
        "schedule(" + clock.jsonName() + " consumed before the update)", inputs, List.of(schedule.explain(position)), "");
  }

  /** The first update whose consumed samples (tokens) reach the wrapped schedule's end. */
  @Override
  public OptionalLong declaredEnd() {
    OptionalLong end = schedule.declaredEnd();
    return end.isPresent() ? OptionalLong.of(consumption.updatesToReach(clock, end.getAsLong())) : end;
  }

  @Override
  public AfterEnd afterEnd() {
    return schedule.afterEnd();
  }

  /** The wrapped schedule's phases, whose lengths count the clock's unit, not updates. */
  @Override
  public List<Phase> phases() {
    return schedule.phases();
  }

  @Override
  public Range range() {
    return schedule.range();
  }

  @Override
  public List<Violation> warnings() {
    return schedule.warnings();
  }
}
