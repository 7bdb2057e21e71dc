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
 * A schedule stepped at a {@link Cadence} coarser than every update: its own step {@code k} spans
 * updates {@code k·n … k·n + n - 1} ({@code n = cadence.updates()}), so the value is held through
 * each span, exactly as a PyTorch loop that calls {@code scheduler.step()} once after each epoch
 * holds it. The wrapped schedule counts its own steps (epochs, say): a {@code StepDecay} every 30
 * of them decays every 30 epochs.
 *
 * <p>Reactive phases observe at the cadence: of the metrics reported after each update, only the
 * one after the last update of a span reaches the wrapped schedule (an epoch's validation loss,
 * as {@code scheduler.step(val_loss)} once per epoch sees it).
 *
 * @param schedule the schedule in its own steps
 * @param cadence how many updates one of its steps spans
 */
public record Stepped(Schedule schedule, Cadence cadence) implements Schedule {

  /**
   * @throws InvalidScheduleException ({@code LengthOverflow}) if the declared end in updates would
   *     pass {@link Long#MAX_VALUE}
   */
  public Stepped {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(cadence, "cadence");
    OptionalLong end = schedule.declaredEnd();
    if (end.isPresent() && end.getAsLong() > (Phase.OPEN - 1) / cadence.updates()) {
      throw new InvalidScheduleException(RuleCode.lengthOverflow("cadence", end.getAsLong(), (Phase.OPEN - 1) / cadence.updates()));
    }
  }

  /** The wrapped schedule's own step that update {@code step} falls in. */
  public long ownStep(long step) {
    return step / cadence.updates();
  }

  @Override
  public double valueAt(long step) {
    Schedule.requireStep(step);
    return schedule.valueAt(ownStep(step));
  }

  @Override
  public double valueAt(long step, ScheduleState state) {
    Schedule.requireStep(step);
    return schedule.valueAt(ownStep(step), state);
  }

  @Override
  public ScheduleState initialState() {
    return schedule.initialState();
  }

  @Override
  public ScheduleState observe(ScheduleState state, long step, double metric) {
    Schedule.requireStep(step);
    boolean lastOfSpan = (step + 1) % cadence.updates() == 0;
    return lastOfSpan ? schedule.observe(state, ownStep(step), metric) : state;
  }

  @Override
  public boolean isReactive() {
    return schedule.isReactive();
  }

  @Override
  public Explanation explain(long step) {
    Schedule.requireStep(step);
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("cadence", cadence.kind());
    inputs.put("updates_per_step", cadence.updates());
    inputs.put("own_step", ownStep(step));
    String name = cadence instanceof Cadence.Every ? "stepped every " + cadence.updates() + " updates" : "stepped per " + cadence.kind();
    return new Explanation(step, valueAt(step), "", step, "stepped", name,
        "schedule(floor(step / updates_per_step))", inputs, List.of(schedule.explain(ownStep(step))), "");
  }

  /** The wrapped schedule's end, in updates: its own steps times the updates each spans. */
  @Override
  public OptionalLong declaredEnd() {
    OptionalLong end = schedule.declaredEnd();
    return end.isPresent() ? OptionalLong.of(end.getAsLong() * cadence.updates()) : end;
  }

  @Override
  public AfterEnd afterEnd() {
    return schedule.afterEnd();
  }

  /** The wrapped schedule's phases, whose lengths count its own steps, not updates. */
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
