package dev.anneal.config.takeover;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the transformers Trainer's {@code trainer_state.json}: {@code global_step} (optimizer
 * updates done), {@code max_steps}, and each {@code learning_rate} of {@code log_history} with its
 * {@code step}.
 */
final class TransformersStateReader {
  private TransformersStateReader() {}

  static ForeignState read(JsonNode state) {
    StateFields fields = new StateFields(state, StateFormat.TRANSFORMERS);
    long globalStep = fields.count("global_step", 0, "counts the optimizer updates done (the update to resume at)");
    long maxSteps = fields.count("max_steps", 0, "is the run's planned length in updates");
    SortedMap<Long, Double> logged = new TreeMap<>();
    JsonNode history = state.get("log_history");
    if (history == null || !history.isArray()) {
      fields.problem(TakeOverCode.stateFieldMissing("log_history", StateFormat.TRANSFORMERS.display(), "log_history",
          "holds the learning rates the Trainer logged"));
    } else {
      for (int i = 0; i < history.size(); i++) {
        JsonNode entry = history.get(i);
        JsonNode lr = entry.get("learning_rate");
        JsonNode step = entry.get("step");
        if (lr == null) {
          continue; // an evaluation or the final summary: no lr
        }
        String path = "log_history[" + i + "]";
        if (!lr.isNumber() || !Double.isFinite(lr.asDouble()) || step == null || !step.canConvertToExactIntegral() || step.asLong() < 0) {
          fields.problem(TakeOverCode.stateFieldInvalid(path, path, entry.toString(), "a finite learning_rate with a whole step of at least 0"));
          continue;
        }
        logged.put(step.asLong(), lr.asDouble());
      }
      fields.noteRead("log_history", logged.size() + " learning rates logged");
    }
    fields.throwIfProblems();
    // Which update each logged lr belongs to depends on the transformers version: TransformersLogs decides it against the config.
    return new ForeignState(StateFormat.TRANSFORMERS, "trainer_state", fields.read(), globalStep, OptionalDouble.empty(), Optional.empty(),
        Optional.empty(), logged, OptionalLong.of(maxSteps), Optional.empty(), List.of());
  }
}
