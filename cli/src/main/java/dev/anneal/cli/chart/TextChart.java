package dev.anneal.cli.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * A channel drawn with characters, for a terminal without a display ({@code anneal plot --out -}):
 * {@value #HEIGHT} rows by {@value #WIDTH} columns, each column the range of the values of its
 * steps. Phase boundaries are {@code :} columns and {@code +} ticks under the axis, labelled with
 * their step and, on the lines below, the phase that starts there; the declared end is {@code |}
 * and {@code E}, labelled {@code end}. Labels that would touch go on a further line.
 */
public final class TextChart {
  static final int WIDTH = 64;
  static final int HEIGHT = 10;

  private TextChart() {}

  /** The lines of the chart of {@code values} (steps {@code 0 … values.length-1}). */
  public static List<String> lines(String title, double[] values, List<PhaseSpan> phases, OptionalLong declaredEnd) {
    int n = values.length;
    int columns = Math.min(WIDTH, n);
    double min = Arrays.stream(values).min().orElse(0);
    double max = Arrays.stream(values).max().orElse(0);
    char[][] grid = new char[HEIGHT][columns];
    for (char[] row : grid) {
      Arrays.fill(row, ' ');
    }
    char[] axis = new char[columns];
    Arrays.fill(axis, '-');
    List<Label> steps = new ArrayList<>();
    List<Label> names = new ArrayList<>();
    for (PhaseSpan phase : phases) {
      if (phase.start() >= n) {
        break;
      }
      int column = columnOf(phase.start(), n, columns);
      if (phase.start() > 0) {
        axis[column] = '+';
        for (char[] row : grid) {
          row[column] = ':';
        }
      }
      steps.add(new Label(column, Long.toString(phase.start())));
      names.add(new Label(column, phase.name()));
    }
    if (declaredEnd.isPresent() && declaredEnd.getAsLong() < n) {
      int column = columnOf(declaredEnd.getAsLong(), n, columns);
      axis[column] = 'E';
      for (char[] row : grid) {
        row[column] = '|';
      }
      steps.add(new Label(column, Long.toString(declaredEnd.getAsLong())));
      names.add(new Label(column, "end"));
    }
    for (int c = 0; c < columns; c++) {
      int from = (int) ((long) c * n / columns);
      int to = (int) ((long) (c + 1) * n / columns);
      double low = Double.POSITIVE_INFINITY;
      double high = Double.NEGATIVE_INFINITY;
      for (int i = from; i < to; i++) {
        low = Math.min(low, values[i]);
        high = Math.max(high, values[i]);
      }
      for (int r = rowOf(high, min, max); r <= rowOf(low, min, max); r++) {
        grid[r][c] = '*';
      }
    }
    String top = Ticks.label(max);
    String bottom = Ticks.label(min);
    int margin = Math.max(top.length(), bottom.length());
    List<String> lines = new ArrayList<>();
    lines.add(title + ", steps 0 to " + (n - 1));
    for (int r = 0; r < HEIGHT; r++) {
      String label = r == 0 ? top : r == HEIGHT - 1 ? bottom : "";
      lines.add(pad(label, margin) + (label.isEmpty() ? " |" : " +") + new String(grid[r]).stripTrailing());
    }
    lines.add(" ".repeat(margin) + " +" + new String(axis));
    lines.addAll(labels(" ".repeat(margin + 2), steps));
    lines.addAll(labels(" ".repeat(margin + 2), names));
    return lines;
  }

  private record Label(int column, String text) {}

  /** The labels, each at its column, on as few lines as keep them apart (at most three; a fourth overlap is dropped). */
  private static List<String> labels(String indent, List<Label> labels) {
    List<StringBuilder> rows = new ArrayList<>();
    for (Label label : labels) {
      for (int r = 0; r < 3; r++) {
        if (r == rows.size()) {
          rows.add(new StringBuilder());
        }
        StringBuilder row = rows.get(r);
        if (label.column() >= row.length() + (row.length() == 0 ? 0 : 1)) {
          row.append(" ".repeat(label.column() - row.length())).append(label.text());
          break;
        }
      }
    }
    return rows.stream().map(row -> (indent + row).stripTrailing()).toList();
  }

  private static int columnOf(long step, int n, int columns) {
    return (int) Math.min(columns - 1, step * columns / n);
  }

  private static int rowOf(double value, double min, double max) {
    if (max == min) {
      return HEIGHT / 2;
    }
    return (int) Math.round((max - value) / (max - min) * (HEIGHT - 1));
  }

  private static String pad(String text, int width) {
    return " ".repeat(width - text.length()) + text;
  }
}
