package dev.anneal.cli.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows a log through the curve allowing its lag behind the curve to change, as a resume or a
 * skipped update changes it: at each logged step {@code s} the log should hold the curve's value
 * at {@code s - lag}. Where it does not, the walk looks for the new lag:
 * <ul>
 *   <li>a lag grown by at most the updates since the previous logged step: updates that did not step
 *       the schedule (in a log of every step, the value is then held); a resume that replays no more
 *       steps than lie between two logged ones reads the same, and is reported as skipped updates;
 *   <li>else any lag whose curve value is the logged one and that the next {@link #CONFIRM} logged
 *       values confirm (at least one: a jump at the last logged value is not told): a resume that
 *       restarted, replayed or jumped the schedule.
 * </ul>
 * The walk fails where neither explains a value. Where the curve is flat a lag cannot be seen, so
 * updates skipped there show where the curve moves again, all at once, and may read as a replay.
 */
final class LagWalk {
  /** How many following logged values must confirm a lag found by search (fewer at the end of the log). */
  static final int CONFIRM = 3;

  /** The most breaks a log may have before the walk gives up: more is noise, not a fault. */
  static final int MAX_BREAKS = 50;

  /** The most curve steps scanned for the value after a jump (32 MB of values). */
  static final int MAX_SCAN = 4_000_000;

  /**
   * What the walk found: every break, or the index of the first logged value it could not explain.
   *
   * @param breaks the breaks found before {@code failedAt}
   * @param failedAt the index of the value no lag explains, or -1 when every value is explained
   */
  record Result(List<Break> breaks, int failedAt) {
    boolean explained() {
      return failedAt < 0;
    }
  }

  private final long[] steps;
  private final double[] logged;
  private final ExactCurve curve;
  private final Tolerance tolerance;
  private double[] scanned;

  LagWalk(long[] steps, double[] logged, ExactCurve curve, Tolerance tolerance) {
    this.steps = steps;
    this.logged = logged;
    this.curve = curve;
    this.tolerance = tolerance;
  }

  Result walk() {
    List<Break> breaks = new ArrayList<>();
    long lag = 0;
    for (int i = 0; i < steps.length; i++) {
      if (fits(i, lag)) {
        continue;
      }
      Break found = skipped(i, lag);
      if (found == null) {
        found = jumped(i, lag);
      }
      if (found == null || breaks.size() == MAX_BREAKS) {
        return new Result(breaks, i);
      }
      breaks.add(found);
      lag = found.lagAfter();
    }
    return new Result(breaks, -1);
  }

  /**
   * A lag grown by 1 to the updates since the previous logged step: those updates did not step the
   * schedule. Of the lags that put the value on the curve, the one the next values confirm best,
   * then the smallest (where the curve is flat the lag cannot be seen yet).
   */
  private Break skipped(int i, long lag) {
    long gap = i == 0 ? steps[0] : steps[i] - steps[i - 1];
    long best = -1;
    int bestScore = -1;
    for (long next = lag + 1; next <= lag + gap && next <= steps[i]; next++) {
      if (fits(i, next)) {
        int score = confirmed(i, next);
        if (score > bestScore) {
          best = next;
          bestScore = score;
        }
      }
    }
    // No confirmation asked: the value must already lie on the curve a few updates back, and in a
    // sparse log the next interval may hold skips of its own (fp16 overflows come in bursts).
    return best >= 0 ? new Break(Fault.SKIPPED_UPDATES, steps[i], lag, best) : null;
  }

  /** Any other lag that puts the logged value on the curve and that the next values confirm: a resume. */
  private Break jumped(int i, long lag) {
    double[] values = scanned();
    long best = Long.MIN_VALUE;
    int bestScore = -1;
    for (int t = 0; t < values.length; t++) {
      long next = steps[i] - t;
      if (next == lag || !tolerance.matches(logged[i], values[t])) {
        continue;
      }
      int score = confirmed(i, next);
      if (score > bestScore || score == bestScore && Math.abs(next - lag) < Math.abs(best - lag)) {
        best = next;
        bestScore = score;
      }
    }
    // A jump needs at least one later value to confirm it: a lone value could lie on the curve anywhere.
    if (bestScore < Math.max(1, needed(i))) {
      return null;
    }
    long gap = i == 0 ? steps[0] + 1 : steps[i] - steps[i - 1];
    long curveStep = steps[i] - best;
    Fault fault = best < lag ? Fault.RESUME_JUMP_AHEAD : curveStep < gap ? Fault.RESUME_RESTART : Fault.RESUME_REPLAY;
    return new Break(fault, steps[i], lag, best);
  }

  /** The curve over the steps a jump may land on: up to twice the last logged step, computed once. */
  private double[] scanned() {
    if (scanned == null) {
      long last = steps[steps.length - 1];
      scanned = curve.values((int) Math.min(MAX_SCAN, 2 * last + 2));
    }
    return scanned;
  }

  /** How many of the next {@link #CONFIRM} values, in a row, {@code lag} explains. */
  private int confirmed(int i, long lag) {
    int score = 0;
    for (int j = i + 1; j < steps.length && j <= i + CONFIRM && fits(j, lag); j++) {
      score++;
    }
    return score;
  }

  private int needed(int i) {
    return Math.min(CONFIRM, steps.length - 1 - i);
  }

  private boolean fits(int i, long lag) {
    return tolerance.matches(logged[i], curve.at(steps[i] - lag));
  }
}
