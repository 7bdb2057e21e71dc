package dev.anneal.cli.audit;

import java.util.List;

/**
 * A logged learning-rate series, read and checked: steps increase strictly, values are finite.
 *
 * @param format the format it was read as
 * @param stepColumn the column (or key) the steps came from
 * @param lrColumn the column (or key) the learning rates came from
 * @param points the points in the file's order, at least one
 */
public record LearningRateLog(LogFormat format, String stepColumn, String lrColumn, List<LoggedPoint> points) {
  public LearningRateLog {
    points = List.copyOf(points);
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a log holds at least one point");
    }
  }
}
