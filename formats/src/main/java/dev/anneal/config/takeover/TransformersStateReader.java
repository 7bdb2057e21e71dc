package dev.anneal.config.takeover;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the transformers Trainer's {@code trainer_state.json}: {@code global_step} (optimizer
 * updates done), {@code max_steps}, and each {@code learning_rate} of {@code log_history}. The
 * Trainer logs after {@code optimizer.step()}, {@code lr_scheduler.step()} and {@code global_step +=
 * 1}, taking {@code lr_scheduler.get_last_lr()[0]}: the lr logged at {@code step} s is the one the
 * update after it (index s, counting from 0) uses.
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
      fields.noteRead("log_history", new com.fasterxml.jackson.databind.node.TextNode(logged.size() + " learning rates"));
    }
    fields.throwIfProblems();
    List<Violation> notes = new ArrayList<>();
    OptionalDouble next = logged.containsKey(globalStep) ? OptionalDouble.of(logged.get(globalStep)) : OptionalDouble.empty();
    if (next.isEmpty()) {
      notes.add(TakeOverCode.noNextValue("log_history", globalStep, "no learning_rate was logged at step " + globalStep));
    }
    return new ForeignState(StateFormat.TRANSFORMERS, "trainer_state", fields.read(), globalStep, next, Optional.empty(),
        Optional.empty(), logged, OptionalLong.of(maxSteps), Optional.empty(), notes);
  }
}
