package dev.anneal.cli.audit;

import dev.anneal.cli.CliCode;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV log: a header line naming the columns, then one row per logged step. Fields are split at
 * commas and may be wrapped in double quotes (as spreadsheet and TensorBoard exports write them);
 * blank lines are skipped; other columns (the loss, the epoch) are left alone.
 */
final class CsvLog {
  private CsvLog() {}

  static LearningRateLog read(String text, LogColumns columns) {
    List<String> lines = text.lines().toList();
    int headerAt = 0;
    while (lines.get(headerAt).isBlank()) {
      headerAt++;
    }
    String headerPath = "line " + (headerAt + 1);
    List<String> names = fields(lines.get(headerAt));
    int step = columns.stepIndex(names, headerPath);
    int lr = columns.lrIndex(names, headerPath);
    LogValues values = new LogValues();
    for (int i = headerAt + 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String path = "line " + (i + 1);
      List<String> row = fields(lines.get(i));
      if (row.size() != names.size()) {
        values.problem(CliCode.rowLength(path, row.size(), names.size()));
        continue;
      }
      Long at = values.step(row.get(step), path);
      Double rate = values.lr(row.get(lr), path);
      if (at != null && rate != null) {
        values.add(at, rate, path);
      }
    }
    return values.log(LogFormat.CSV, names.get(step), names.get(lr), headerPath, "the header is followed by no rows");
  }

  private static List<String> fields(String line) {
    return Arrays.stream(line.split(",", -1)).map(String::strip).map(CsvLog::unquoted).toList();
  }

  private static String unquoted(String field) {
    return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"") ? field.substring(1, field.length() - 1) : field;
  }
}
