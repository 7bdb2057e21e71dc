package dev.anneal.cli.data;

import dev.anneal.cli.CliCode;
import dev.anneal.config.ConfigCode;
import dev.anneal.config.DidYouMean;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads comma-separated data: a header line naming the columns, then one example per line, the
 * target column holding class labels (any text; numbers are labels too) and every other column a
 * number. Blank lines are skipped; a field may be wrapped in double quotes, but may not hold a
 * comma. Every problem is reported with its line and column, the first {@value #MAX_PROBLEMS} of
 * them, all at once.
 */
public final class CsvData {
  /** How many problems of one file are reported before the rest are counted. */
  public static final int MAX_PROBLEMS = 20;

  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

  private CsvData() {}

  /**
   * The data of {@code text}, whose first line is the header.
   *
   * @param name the data's name in summaries
   * @param target the target column's name, or {@code null} for the last column
   * @throws InvalidScheduleException with every problem, at {@code line N, column NAME} (or {@code
   *     --target} when the target is missing, or the data as a whole does not fit a classifier)
   */
  public static LabeledData read(String name, String text, String target) {
    List<String> lines = text.lines().toList();
    int header = 0;
    while (header < lines.size() && lines.get(header).isBlank()) {
      header++;
    }
    if (header == lines.size()) {
      throw new InvalidScheduleException(CliCode.emptyDataFile());
    }
    List<String> columns = fields(stripBom(lines.get(header)));
    List<Violation> found = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      Integer first = seen.putIfAbsent(columns.get(c), c);
      if (first != null) {
        found.add(CliCode.duplicateColumn("line " + (header + 1), columns.get(c), first + 1, c + 1));
      }
    }
    InvalidScheduleException.throwIfErrors(found);
    return parse(name, lines, header + 1, columns, target);
  }

  /**
   * The data of {@code text}, which has no header: {@code columns} names its columns.
   *
   * @throws InvalidScheduleException as {@link #read(String, String, String)}
   */
  public static LabeledData readWithoutHeader(String name, String text, List<String> columns, String target) {
    return parse(name, text.lines().toList(), 0, columns, target);
  }

  private static LabeledData parse(String name, List<String> lines, int firstRow, List<String> columns, String target) {
    if (columns.size() < 2) {
      throw new InvalidScheduleException(CliCode.noFeatureColumns("line " + firstRow, columns.size()));
    }
    int targetColumn = targetColumn(columns, target);
    List<Violation> found = new ArrayList<>();
    int problems = 0;
    List<float[]> rows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int index = firstRow; index < lines.size(); index++) {
      String line = lines.get(index);
      if (line.isBlank()) {
        continue;
      }
      List<Violation> inRow = new ArrayList<>();
      String where = "line " + (index + 1);
      List<String> fields = fields(line);
      if (fields.size() != columns.size()) {
        inRow.add(CliCode.rowLength(where, fields.size(), columns.size()));
      } else {
        float[] row = new float[columns.size() - 1];
        for (int c = 0, f = 0; c < columns.size(); c++) {
          String field = fields.get(c);
          String at = where + ", column " + columns.get(c);
          if (c == targetColumn) {
            if (field.isEmpty()) {
              inRow.add(ConfigCode.wrongType(at, field, "a class label", "an empty field"));
            }
            continue;
          }
          if (NOT_FINITE.matcher(field).matches()) {
            inRow.add(RuleCode.nonFiniteValue(at, columns.get(c), field));
          } else if (!NUMBER.matcher(field).matches()) {
            inRow.add(ConfigCode.wrongType(at, field, "a number", field.isEmpty() ? "an empty field" : "\"" + field + "\""));
          } else {
            double value = Double.parseDouble(field);
            if (Double.isInfinite(value) || Float.isInfinite((float) value)) {
              inRow.add(RuleCode.nonFiniteValue(at, columns.get(c), field));
            }
            row[f] = (float) value;
          }
          f++;
        }
        if (inRow.isEmpty()) {
          rows.add(row);
          labels.add(fields.get(targetColumn));
        }
      }
      for (Violation violation : inRow) {
        if (problems++ < MAX_PROBLEMS) {
          found.add(violation);
        }
      }
    }
    if (problems > MAX_PROBLEMS) {
      found.add(CliCode.moreProblems(problems - MAX_PROBLEMS));
    }
    InvalidScheduleException.throwIfErrors(found);
    return labeled(name, columns, targetColumn, rows, labels);
  }

  private static LabeledData labeled(String name, List<String> columns, int targetColumn, List<float[]> rows, List<String> labels) {
    String targetName = columns.get(targetColumn);
    if (rows.size() < Split.MIN_ROWS) {
      throw new InvalidScheduleException(CliCode.notEnoughData(rows.size(), Split.MIN_ROWS));
    }
    List<String> classes = classes(labels);
    if (classes.size() < 2) {
      throw new InvalidScheduleException(CliCode.oneClass(targetName, classes.get(0)));
    }
    int most = rows.size() / 2;
    if (classes.size() > most) {
      throw new InvalidScheduleException(CliCode.tooManyClasses(targetName, classes.size(), rows.size(), most));
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      index.put(classes.get(i), i);
    }
    int[] classOf = labels.stream().mapToInt(index::get).toArray();
    List<String> featureNames = new ArrayList<>(columns);
    featureNames.remove(targetColumn);
    return new LabeledData(name, featureNames, targetName, classes, rows.toArray(new float[0][]), classOf);
  }

  /** The distinct labels: in numeric order if every label is a number, else in text order. */
  private static List<String> classes(List<String> labels) {
    boolean numeric = labels.stream().allMatch(label -> NUMBER.matcher(label).matches());
    Comparator<String> order = numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
    Map<String, String> distinct = new LinkedHashMap<>();
    for (String label : labels) {
      distinct.putIfAbsent(label, label);
    }
    TreeSet<String> sorted = new TreeSet<>(order.thenComparing(Comparator.naturalOrder()));
    sorted.addAll(distinct.keySet());
    return List.copyOf(sorted);
  }

  private static int targetColumn(List<String> columns, String target) {
    if (target == null) {
      return columns.size() - 1;
    }
    int column = columns.indexOf(target);
    if (column < 0) {
      throw new InvalidScheduleException(ConfigCode.unknownType("--target", "column", target, DidYouMean.hint(target, columns)));
    }
    return column;
  }

  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    for (String field : line.split(",", -1)) {
      String value = field.strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1).strip();
      }
      fields.add(value);
    }
    return fields;
  }

  private static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }
}
