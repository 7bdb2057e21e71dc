package dev.anneal.config.anneal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.JsonFields;
import dev.anneal.geometry.Length;
import dev.anneal.geometry.Unit;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a phase's {@code "steps"} given in a unit, {@code {"tokens": 375e6}}, and resolves it
 * against the file's geometry to the schedule's own steps (updates, steps of its cadence, or the
 * samples or tokens of its clock).
 */
final class LengthReader {
  private static final String UNITS = String.join(", ", Arrays.stream(Unit.values()).map(Unit::jsonName).toList());

  private LengthReader() {}

  /**
   * The phase's length in the schedule's steps, measured from {@code start} (the updates before
   * the phase), or 1 with the problem recorded.
   */
  static long steps(JsonFields object, Units units, long start) {
    return resolve(object, object.path("steps"), object.raw("steps"), units, start);
  }

  /**
   * The length {@code raw} ({@code {"<unit>": amount}}, written at {@code path} in {@code object})
   * in the schedule's own steps, measured from {@code start} updates, or 1 with the problem recorded.
   */
  static long resolve(JsonFields object, String path, JsonNode raw, Units units, long start) {
    Length length = length(object, path, raw);
    if (length == null) {
      return 1;
    }
    if (units.geometry() == null && length.unit() != Unit.UPDATES) {
      object.problems().add(RuleCode.unitNeedsGeometry(path, field(path), length, length.unit().jsonName(), "a run geometry",
          "add \"geometry\": {…} at the top of the file (docs/units.md)"));
      return 1;
    }
    if (units.clock() != null) {
      // A clocked schedule counts samples or tokens: the length converts exactly, never to updates.
      try {
        return units.geometry().inClock(length, units.clock(), path, field(path));
      } catch (InvalidScheduleException e) {
        e.violations().forEach(object.problems()::add);
        return 1;
      }
    }
    long updates;
    try {
      updates = length.unit() == Unit.UPDATES ? length.count() : units.geometry().updates(length, start, path);
    } catch (InvalidScheduleException e) {
      for (Violation violation : e.violations()) {
        object.problems().add(violation);
      }
      return 1;
    }
    if (updates % units.updatesPerStep() != 0) {
      object.problems().add(RuleCode.lengthOffCadence(path, field(path), length, updates, units.updatesPerStep()));
      return 1;
    }
    return updates / units.updatesPerStep();
  }

  /** The key a path ends with, as messages name the field: {@code steps}, {@code every}, {@code milestones[1]}. */
  private static String field(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** {@code {"<unit>": amount}}, or {@code null} (the problem recorded). */
  private static Length length(JsonFields object, String path, JsonNode raw) {
    Iterator<Map.Entry<String, JsonNode>> fields = raw.fields();
    if (raw.size() != 1) {
      object.problems().add(ConfigCode.wrongType(path, raw.toString(), "one unit and its amount, such as {\"epochs\": 3}", raw.toString()));
      return null;
    }
    Map.Entry<String, JsonNode> only = fields.next();
    Unit unit = Unit.byJsonName(only.getKey());
    if (unit == null) {
      object.problems().add(ConfigCode.unknownKey(path + "." + only.getKey(), only.getKey(), "; a length is in one of: " + UNITS));
      return null;
    }
    if (!only.getValue().isNumber()) {
      object.problems().add(ConfigCode.wrongType(path + "." + only.getKey(), only.getValue().toString(), "a number", only.getValue().toString()));
      return null;
    }
    try {
      return new Length(only.getValue().decimalValue(), unit);
    } catch (InvalidScheduleException e) {
      e.violations().forEach(v -> object.problems().add(v.relocated(path + "." + only.getKey(), null, null)));
      return null;
    }
  }
}
