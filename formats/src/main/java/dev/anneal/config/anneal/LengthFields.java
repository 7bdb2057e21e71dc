package dev.anneal.config.anneal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.JsonFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lengths in units inside a shape: a step decay's {@code "every": {"epochs": 30}} and milestones
 * such as {@code "milestones": [{"epochs": 30}, 60]}. Each is measured from the start of its phase
 * and resolved with {@link LengthReader}'s rules to the schedule's own steps; the shape's field
 * reader then takes the resolved counts in place of the JSON values.
 *
 * <p>A step size is resolved once, from the phase's start: exact for updates and epochs, and for
 * samples or tokens with a constant batch; with a growing batch only the first step is exact
 * (state the decay as milestones, which are each resolved exactly).
 */
final class LengthFields {
  /** The fields that are lengths, by shape kind. */
  private static final Map<String, String> FIELDS = Map.of("step", "every", "milestones", "milestones");

  private LengthFields() {}

  /**
   * The resolved value of each length field of {@code phase} that holds a length in a unit, by
   * field name: a {@code Long}, or a {@code List<Long>} for milestones. Fields without a unit are
   * left to the shape's reader. A length that cannot be resolved is recorded and counts 1.
   *
   * @param kind the phase's shape kind, or {@code null}
   * @param start the updates before the phase
   */
  static Map<String, Object> resolve(JsonFields phase, String kind, Units units, long start) {
    Map<String, Object> resolved = new HashMap<>();
    String field = kind == null ? null : FIELDS.get(kind);
    JsonNode value = field == null ? null : phase.peek(field);
    if (value == null) {
      return resolved;
    }
    if (value.isObject()) {
      resolved.put(field, LengthReader.resolve(phase, phase.path(field), value, units, start));
    } else if (value.isArray() && hasUnit(value)) {
      List<Long> counts = new ArrayList<>();
      for (int i = 0; i < value.size(); i++) {
        JsonNode element = value.get(i);
        String path = phase.path(field) + "[" + i + "]";
        if (element.isObject()) {
          counts.add(LengthReader.resolve(phase, path, element, units, start));
        } else if (element.canConvertToExactIntegral()) {
          counts.add(element.longValue());
        } else {
          phase.problems().add(ConfigCode.wrongType(path, element.toString(), "an integer or a length such as {\"epochs\": 30}", element.toString()));
          counts.add(1L);
        }
      }
      resolved.put(field, List.copyOf(counts));
    }
    return resolved;
  }

  private static boolean hasUnit(JsonNode array) {
    for (JsonNode element : array) {
      if (element.isObject()) {
        return true;
      }
    }
    return false;
  }
}
