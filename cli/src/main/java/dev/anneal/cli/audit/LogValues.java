package dev.anneal.cli.audit;

import dev.anneal.cli.CliCode;
import dev.anneal.rules.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks every log reader shares: a step is a whole number of at least 0, a learning rate a
 * finite number, and the steps increase. Problems are gathered, so one run names them all (up to
 * {@link #SHOWN}).
 */
final class LogValues {
  /** The most problems named one by one; the rest are counted. */
  static final int SHOWN = 10;

  private final List<Violation> problems = new ArrayList<>();
  private final List<LoggedPoint> points = new ArrayList<>();

  /** A step written as text ({@code 12}; {@code 12.0} as pandas writes it), or {@code null} after noting why not. */
  Long step(String text, String path) {
    try {
      BigDecimal value = new BigDecimal(text.strip());
      if (value.signum() >= 0 && value.stripTrailingZeros().scale() <= 0 && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
        return value.longValueExact();
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // noted below
    }
    problem(CliCode.badLogValue(path, text, "the step", "'" + text.strip() + "'", "a whole number of at least 0"));
    return null;
  }

  /** A learning rate written as text, or {@code null} after noting why not. */
  Double lr(String text, String path) {
    try {
      double value = Double.parseDouble(text.strip());
      if (Double.isFinite(value) && !text.strip().endsWith("d") && !text.strip().endsWith("f")) {
        return value;
      }
    } catch (NumberFormatException e) {
      // noted below
    }
    problem(CliCode.badLogValue(path, text, "the learning rate", "'" + text.strip() + "'", "a finite number"));
    return null;
  }

  /** One more problem of the log. */
  void problem(Violation problem) {
    problems.add(problem);
  }

  /** Adds a point, checking that its step comes after the last one. */
  void add(long step, double lr, String where) {
    if (!points.isEmpty() && step <= points.get(points.size() - 1).step()) {
      problem(CliCode.logStepsOutOfOrder(where, step, points.get(points.size() - 1).step()));
      return;
    }
    points.add(new LoggedPoint(step, lr, where));
  }

  /**
   * The log, once every row is read.
   *
   * @param emptyWhere where an empty log was looked at, and {@code emptyWhy} what it holds instead
   * @throws UnreadableLog with the problems noted, or ({@code EmptyLog}) when there are none and no point either
   */
  LearningRateLog log(LogFormat format, String stepColumn, String lrColumn, String emptyWhere, String emptyWhy) {
    if (!problems.isEmpty()) {
      List<Violation> shown = new ArrayList<>(problems.subList(0, Math.min(SHOWN, problems.size())));
      if (problems.size() > SHOWN) {
        shown.add(CliCode.moreProblems(problems.size() - SHOWN));
      }
      throw new UnreadableLog(shown);
    }
    if (points.isEmpty()) {
      throw new UnreadableLog(CliCode.emptyLog(emptyWhere, emptyWhy));
    }
    return new LearningRateLog(format, stepColumn, lrColumn, points);
  }
}
