package dev.anneal.cli;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A file of metrics, one number per line: line {@code i + 1} is the metric reported after update
 * {@code i + 1} (the loss a plateau phase watches). Numbers are written as JSON or Python write
 * them; blank lines at the end are ignored, anywhere else they are an error, since they would shift
 * every later metric by one update.
 */
final class MetricsFile {
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

  private MetricsFile() {}

  /**
   * The metrics of {@code file}.
   *
   * @throws CommandFailure naming every line that is not a finite number
   */
  static double[] read(Path file) {
    List<String> lines = new ArrayList<>(Inputs.text(file).lines().toList());
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    List<Violation> problems = new ArrayList<>();
    double[] metrics = new double[lines.size()];
    for (int i = 0; i < metrics.length; i++) {
      String text = lines.get(i).strip();
      String where = "line " + (i + 1);
      if (text.isEmpty()) {
        problems.add(ConfigCode.wrongType(where, "", "a number", "an empty line"));
      } else if (NOT_FINITE.matcher(text).matches()) {
        problems.add(RuleCode.nonFiniteValue(where, "metric", text));
      } else if (!NUMBER.matcher(text).matches()) {
        problems.add(ConfigCode.wrongType(where, text, "a number", "\"" + text + "\""));
      } else {
        metrics[i] = Double.parseDouble(text);
        if (Double.isInfinite(metrics[i])) {
          problems.add(RuleCode.nonFiniteValue(where, "metric", text));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw CommandFailure.badInput(file, problems);
    }
    return metrics;
  }
}
