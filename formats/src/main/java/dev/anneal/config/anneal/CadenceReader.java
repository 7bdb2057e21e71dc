package dev.anneal.config.anneal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.JsonFields;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.schedule.Cadence;

/**
 * Reads a schedule's {@code "cadence"}: {@code "update"}, {@code "epoch"} (the geometry's updates
 * per epoch) or {@code {"every": N}} updates.
 */
final class CadenceReader {
  private CadenceReader() {}

  /** The cadence at {@code object}'s {@code "cadence"} key, or {@code null} (the problem recorded). */
  static Cadence read(JsonFields object, Units units) {
    String path = object.path(ScheduleReader.CADENCE);
    JsonNode raw = object.raw(ScheduleReader.CADENCE);
    if (raw.isTextual() && raw.textValue().equals("update")) {
      return Cadence.perUpdate();
    }
    if (raw.isTextual() && raw.textValue().equals("epoch")) {
      if (units.geometry() == null || units.geometry().updatesPerEpoch().isEmpty()) {
        object.problems().add(RuleCode.unitNeedsGeometry(path, ScheduleReader.CADENCE, "epoch", "epochs", "the updates per epoch in the run geometry",
            "add \"geometry\": {\"updates_per_epoch\": N} (or dataset_size and batch_size) at the top of the file"));
        return null;
      }
      return Cadence.perEpoch(units.geometry().updatesPerEpoch().getAsLong());
    }
    if (raw.isObject() && raw.size() == 1 && raw.has("every") && raw.get("every").canConvertToExactIntegral()) {
      try {
        return Cadence.every(raw.get("every").longValue());
      } catch (InvalidScheduleException e) {
        e.violations().forEach(v -> object.problems().add(v.relocated(path + ".every", null, null)));
        return null;
      }
    }
    object.problems().add(ConfigCode.wrongType(path, raw.toString(), "\"update\", \"epoch\" or {\"every\": N}", raw.toString()));
    return null;
  }
}
