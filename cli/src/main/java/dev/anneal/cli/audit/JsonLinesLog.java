package dev.anneal.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anneal.cli.CliCode;
import dev.anneal.config.Json;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSON lines log: one object per line. The step and learning-rate keys are chosen among the keys
 * of every line, as a CSV's columns are; a line without the learning-rate key (an evaluation
 * record) is skipped, a line with it must hold the step too.
 */
final class JsonLinesLog {
  private JsonLinesLog() {}

  static LearningRateLog read(String text, LogColumns columns) {
    List<String> lines = text.lines().toList();
    List<JsonNode> objects = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    LogValues values = new LogValues();
    Set<String> keys = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String path = "line " + (i + 1);
      try {
        JsonNode node = Json.parse(lines.get(i));
        if (!node.isObject()) {
          values.problem(CliCode.badLogValue(path, null, "the line", "a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
              "a JSON object such as {\"step\": 0, \"lr\": 0.001}"));
          continue;
        }
        node.fieldNames().forEachRemaining(keys::add);
        objects.add(node);
        paths.add(path);
      } catch (InvalidScheduleException e) {
        // The parser saw one line as the whole text: its "line 1" is this line.
        int line = i + 1;
        e.violations().forEach(problem -> values.problem(new Violation(problem.code(), problem.path(),
            problem.message().replaceFirst("^line 1, ", "line " + line + ", "), problem.value())));
      }
    }
    if (objects.isEmpty()) {
      return values.log(LogFormat.JSON_LINES, null, null, "", "no line holds a JSON object");
    }
    List<String> names = List.copyOf(keys);
    String keysPath = "the keys of " + (objects.size() == 1 ? paths.get(0) : "every line");
    String step = names.get(columns.stepIndex(names, keysPath));
    String lr = names.get(columns.lrIndex(names, keysPath));
    for (int i = 0; i < objects.size(); i++) {
      JsonNode object = objects.get(i);
      if (!object.has(lr)) {
        continue;
      }
      String path = paths.get(i);
      Long at = object.has(step) ? values.step(object.get(step).asText(), path) : missingStep(values, path, step);
      Double rate = object.get(lr).isNumber() ? values.lr(object.get(lr).asText(), path) : notANumber(values, path, object.get(lr));
      if (at != null && rate != null) {
        values.add(at, rate, path);
      }
    }
    return values.log(LogFormat.JSON_LINES, step, lr, "", "no line holds the key '" + lr + "'");
  }

  private static Long missingStep(LogValues values, String path, String step) {
    values.problem(CliCode.badLogValue(path, null, "the step", "missing", "the key '" + step + "' beside the learning rate"));
    return null;
  }

  private static Double notANumber(LogValues values, String path, JsonNode lr) {
    values.problem(CliCode.badLogValue(path, lr.toString(), "the learning rate", lr.toString(), "a finite number"));
    return null;
  }
}
