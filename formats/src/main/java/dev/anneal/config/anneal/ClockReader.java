package dev.anneal.config.anneal;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.JsonFields;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Consumption;
import dev.anneal.schedule.Schedule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads a schedule with {@code "clock": "samples"} or {@code "tokens"}: its other keys are a
 * schedule whose lengths count the clock's unit ({@code {"tokens": 375e6}} converted exactly, bare
 * counts taken as that unit), evaluated at what the file's geometry's batch schedule has consumed
 * before each update ({@link Clocked}). A clock needs the geometry's batch (and, for tokens, its
 * sequence length); it cannot be combined with a cadence.
 */
final class ClockReader {
  private static final List<String> CLOCKS = Arrays.stream(Clock.values()).map(Clock::jsonName).toList();

  private ClockReader() {}

  /** The clocked schedule {@code object} describes, or {@code null} (the problems recorded). */
  static Schedule clocked(JsonFields object, Units units) {
    int before = ScheduleReader.count(object);
    String path = object.path(ScheduleReader.CLOCK);
    String name = object.optChoice(ScheduleReader.CLOCK, CLOCKS, null);
    Clock clock = name == null ? null : Clock.byJsonName(name);
    if (units.clock() != null || units.updatesPerStep() != 1 || object.peek(ScheduleReader.CADENCE) != null) {
      object.problems().add(ConfigCode.unknownKey(path, ScheduleReader.CLOCK,
          "; a schedule clocked in samples or tokens is evaluated once per update: give no cadence with it, and the clock once, on the outer schedule"));
      object.allow(ScheduleReader.CADENCE);
    }
    Consumption consumption = clock == null ? null : consumption(object, units, path, clock);
    Units inner = clock == null || consumption == null ? units : units.clocked(clock);
    List<String> keys = object.keys();
    Schedule schedule = keys.contains("phases") ? ScheduleReader.sequence(object, inner)
        : keys.contains("factors") ? ScheduleReader.product(object, inner)
        : keys.contains("factor") || keys.contains("schedule") ? ScheduleReader.scaled(object, inner)
        : null;
    if (schedule == null && ScheduleReader.count(object) == before) {
      object.problems().add(ConfigCode.missingKey(object.path("phases"),
          "'phases'; a clock goes beside a schedule's own keys: {\"clock\": \"tokens\", \"phases\": […]}"));
    }
    if (schedule == null || consumption == null || ScheduleReader.count(object) > before) {
      return null;
    }
    return object.build(() -> new Clocked(schedule, clock, consumption), Map.of());
  }

  /** What the geometry's batch schedule consumes per update, or {@code null} (the problem recorded). */
  private static Consumption consumption(JsonFields object, Units units, String path, Clock clock) {
    String fix = "add \"geometry\": {\"batch_steps\": …} (or global_batch, batch_ramp, batch_size)"
        + (clock == Clock.TOKENS ? " and \"sequence_length\"" : "") + " at the top of the file (docs/units.md)";
    if (units.geometry() == null) {
      object.problems().add(RuleCode.unitNeedsGeometry(path, ScheduleReader.CLOCK, clock.jsonName(), clock.jsonName(), "a run geometry", fix));
      return null;
    }
    try {
      Consumption consumption = units.geometry().consumption();
      if (clock == Clock.TOKENS && !consumption.knowsTokens()) {
        object.problems().add(RuleCode.unitNeedsGeometry(path, ScheduleReader.CLOCK, clock.jsonName(), clock.jsonName(),
            "a sequence length in the run geometry", "add \"sequence_length\" to \"geometry\""));
        return null;
      }
      return consumption;
    } catch (InvalidScheduleException e) {
      e.violations().forEach(v -> object.problems().add(v.relocated(path, null, null)));
      return null;
    }
  }
}
