package dev.anneal.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.cli.CliCode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.Json;
import dev.anneal.rules.InvalidScheduleException;

/**
 * transformers' {@code trainer_state.json}: the entries of {@code log_history} that hold a
 * {@code learning_rate}, each at its {@code step} (evaluation entries and the final summary hold
 * none and are skipped). {@code --step-column} and {@code --lr-column} name other keys.
 *
 * <p>Trainer logs every {@code logging_steps} updates, after {@code optimizer.step()},
 * {@code lr_scheduler.step()} and {@code global_step += 1}, with {@code learning_rate =
 * lr_scheduler.get_last_lr()[0]}: the entry at step {@code g} holds the learning rate of update
 * {@code g + 1}, which is the curve's value at step {@code g}. So its steps need no shift
 * ({@code --first-update 0}), and the series is sparse: audit compares at the logged steps only.
 */
final class TrainerStateLog {
  static final String HISTORY = "log_history";

  private TrainerStateLog() {}

  static LearningRateLog read(String text, LogColumns columns) {
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (InvalidScheduleException e) {
      throw new UnreadableLog(e.violations());
    }
    JsonNode history = root.isObject() ? root.get(HISTORY) : null;
    if (history == null || !history.isArray()) {
      throw new UnreadableLog(ConfigCode.wrongType(HISTORY, null, "an array of log entries (a trainer_state.json)",
          history == null ? "no " + HISTORY : history.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    String step = columns.step() != null ? columns.step() : "step";
    String lr = columns.lr() != null ? columns.lr() : "learning_rate";
    LogValues values = new LogValues();
    for (int i = 0; i < history.size(); i++) {
      JsonNode entry = history.get(i);
      String path = HISTORY + "[" + i + "]";
      if (!entry.isObject() || !entry.has(lr)) {
        continue;
      }
      if (!entry.has(step)) {
        values.problem(CliCode.badLogValue(path, null, "the step", "missing", "the key '" + step + "' beside the learning rate"));
        continue;
      }
      Long at = values.step(entry.get(step).asText(), path + "." + step);
      Double rate = entry.get(lr).isNumber() ? values.lr(entry.get(lr).asText(), path + "." + lr) : null;
      if (!entry.get(lr).isNumber()) {
        values.problem(CliCode.badLogValue(path + "." + lr, entry.get(lr).toString(), "the learning rate", entry.get(lr).toString(), "a finite number"));
      }
      if (at != null && rate != null) {
        values.add(at, rate, path);
      }
    }
    return values.log(LogFormat.TRAINER_STATE, step, lr, HISTORY, "no entry holds '" + lr + "'");
  }
}
