package dev.anneal.cli.audit;

import dev.anneal.cli.CliCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a log with a config's curve and names the fault that explains where they part, trying
 * the explanations from the most constrained to the least, each of which must explain every logged
 * value: identical; a constant index shift (off by one, of up to {@link #MAX_SHIFT} updates); a
 * constant stretch factor (2 to {@link #MAX_FACTOR}, with any offset within one factor); then a
 * walk ({@link LagWalk}) that allows the lag to change at resumes and skipped updates. What none
 * explains is {@link Fault#UNEXPLAINED}. A pure function of its inputs.
 */
public final class FaultClassifier {
  /** The largest constant index shift tried. */
  static final int MAX_SHIFT = 16;

  /** The largest stretch factor tried (gradient accumulation or devices counted as updates). */
  static final int MAX_FACTOR = 64;

  private final long[] steps;
  private final long[] logSteps;
  private final double[] logged;
  private final List<LoggedPoint> points;
  private final ExactCurve curve;
  private final Tolerance tolerance;

  private FaultClassifier(LearningRateLog log, long firstUpdate, ExactCurve curve, Tolerance tolerance) {
    this.points = log.points();
    int n = points.size();
    this.steps = new long[n];
    this.logSteps = new long[n];
    this.logged = new double[n];
    for (int i = 0; i < n; i++) {
      LoggedPoint point = points.get(i);
      logSteps[i] = point.step();
      steps[i] = point.step() - firstUpdate;
      logged[i] = point.lr();
    }
    this.curve = curve;
    this.tolerance = tolerance;
  }

  /**
   * What explains {@code log} against {@code curve}.
   *
   * @param firstUpdate the step the log gives the first update (0 or 1): the log's step {@code n} is
   *     the curve's step {@code n - firstUpdate}, the value update {@code n - firstUpdate + 1} uses
   * @throws UnreadableLog ({@code BadLogValue}) if the log has a step below {@code firstUpdate}
   */
  public static Finding classify(LearningRateLog log, long firstUpdate, ExactCurve curve, Tolerance tolerance) {
    LoggedPoint first = log.points().get(0);
    if (first.step() < firstUpdate) {
      throw new UnreadableLog(CliCode.badLogValue(first.where(), first.step(), "the step", String.valueOf(first.step()),
          "at least " + firstUpdate + ", as --first-update " + firstUpdate + " numbers the first update " + firstUpdate));
    }
    return new FaultClassifier(log, firstUpdate, curve, tolerance).classify();
  }

  private Finding classify() {
    Parting parting = firstParting();
    if (parting == null) {
      return new Finding(Fault.IDENTICAL, "identical: " + (steps.length == 1 ? "the logged value is" : "each of the " + steps.length
          + " logged values is") + " the config's", null, Map.of(), List.of(), null);
    }
    Finding shifted = shift(parting);
    if (shifted != null) {
      return shifted;
    }
    Finding stretched = stretch(parting);
    if (stretched != null) {
      return stretched;
    }
    LagWalk.Result walk = new LagWalk(steps, logged, curve, tolerance).walk();
    if (!walk.explained()) {
      int at = walk.failedAt();
      String from = steps[at] == parting.step() ? "" : "; the changes of lag up to step " + steps[at] + " are: " + describe(walk.breaks());
      return new Finding(Fault.UNEXPLAINED, "unexplained: the log parts from the config's curve at step " + parting.step()
          + ", and no index shift, stretch factor, resume or skipped updates explains the logged value at step " + steps[at] + from,
          "check that the config is the run's (the same peak, length, warm-up and scheduler): anneal curve CONFIG prints the values audit compares with",
          Map.of(), walk.breaks(), parting);
    }
    return lagged(walk.breaks(), parting);
  }

  private Parting firstParting() {
    for (int i = 0; i < steps.length; i++) {
      double expected = curve.at(steps[i]);
      if (!tolerance.matches(logged[i], expected)) {
        return new Parting(steps[i], logSteps[i], points.get(i).where(), logged[i], expected);
      }
    }
    return null;
  }

  /** A constant shift {@code d}: the log's step {@code s} holds the curve's value at {@code s + d}. */
  private Finding shift(Parting parting) {
    if (steps.length < 2) {
      return null;
    }
    for (int size = 1; size <= MAX_SHIFT; size++) {
      for (int d : new int[] {size, -size}) {
        if (everyFits(i -> steps[i] + d)) {
          return shifted(d, parting);
        }
      }
    }
    return null;
  }

  private Finding shifted(int d, Parting parting) {
    Map<String, Long> parameters = Map.of("shift", (long) d);
    if (d == 1) {
      return new Finding(Fault.INDEX_SHIFT, "off by one: the log's step s holds the config's value at step s+1, the next update's: "
          + "the learning rate was read after scheduler.step(), or the scheduler was stepped once before the first update",
          "log the learning rate the update uses: read it before scheduler.step()", parameters, List.of(), parting);
    }
    if (d == -1) {
      return new Finding(Fault.INDEX_SHIFT, "off by one: the log's step s holds the config's value at step s-1, the previous update's: "
          + "the log numbers the first update 1, or the scheduler's first step came one update late",
          "if the log numbers updates from 1, audit with --first-update 1; otherwise step the scheduler after every optimizer.step() from the first",
          parameters, List.of(), parting);
    }
    String way = d > 0 ? "ahead" : "behind";
    return new Finding(Fault.INDEX_SHIFT, "index shift: the log's step s holds the config's value at step s" + (d > 0 ? "+" : "") + d
        + ": the schedule runs " + Math.abs(d) + " updates " + way + " of the log from its first step",
        d > 0 ? "the scheduler was stepped " + d + " times before the first update: step it once after each optimizer.step()"
            : "the scheduler started " + -d + " updates late, or the log counts " + -d + " steps before the first update: start both at the first update",
        parameters, List.of(), parting);
  }

  /** A constant stretch factor {@code k} with an offset {@code d}: fast ({@code k·s + d}) or slow ({@code ⌊(s + d) / k⌋}). */
  private Finding stretch(Parting parting) {
    if (steps.length < 3) {
      return null;
    }
    for (int k = 2; k <= MAX_FACTOR; k++) {
      int factor = k;
      for (int size = 0; size <= k; size++) {
        for (int d : size == 0 ? new int[] {0} : new int[] {size, -size}) {
          if (everyFits(i -> factor * steps[i] + d)) {
            return stretched(k, d, true, parting);
          }
          if (everyFits(i -> steps[i] + d < 0 ? -1 : Math.floorDiv(steps[i] + d, factor))) {
            return stretched(k, d, false, parting);
          }
        }
      }
    }
    return null;
  }

  private Finding stretched(int k, int d, boolean fast, Parting parting) {
    Map<String, Long> parameters = new LinkedHashMap<>();
    parameters.put("factor", (long) k);
    parameters.put("offset", (long) d);
    parameters.put("fast", fast ? 1L : 0L);
    String offset = d == 0 ? "" : (d > 0 ? "+" : "") + d;
    if (fast) {
      return new Finding(Fault.STRETCH, "stretch ×" + k + ": the log's step s holds the config's value at step " + k + "·s" + offset
          + ": the schedule ran " + k + " steps per logged update, as when the scheduler is stepped once per micro-batch "
          + "(gradient accumulation, or " + k + " devices, counted as updates); the run ends the schedule " + k + " times too early",
          "step the scheduler once per optimizer update (after optimizer.step(), outside the accumulation loop)", parameters, List.of(), parting);
    }
    return new Finding(Fault.STRETCH, "stretch ÷" + k + ": the log's step s holds the config's value at step ⌊(s" + offset + ")/" + k
        + "⌋: the log counts " + k + " steps for each step of the schedule (micro-batches, devices or samples logged as steps)",
        "audit a log of optimizer updates, or divide the log's steps by " + k, parameters, List.of(), parting);
  }

  private boolean everyFits(java.util.function.IntToLongFunction curveStep) {
    for (int i = 0; i < steps.length; i++) {
      if (!tolerance.matches(logged[i], curve.at(curveStep.applyAsLong(i)))) {
        return false;
      }
    }
    return true;
  }

  private static Finding lagged(List<Break> breaks, Parting parting) {
    Fault fault = breaks.stream().map(Break::fault).distinct().count() == 1 ? breaks.get(0).fault() : Fault.SEVERAL;
    String fix = switch (fault) {
      case SKIPPED_UPDATES -> "expected with mixed-precision loss scaling, which skips the optimizer step on overflow and transformers and "
          + "accelerate then skip the scheduler step: the schedule ends " + breaks.get(breaks.size() - 1).lagAfter()
          + " updates later than planned; to end on time, step the scheduler on skipped updates too, or plan for them";
      case RESUME_RESTART -> "when resuming, load the scheduler's state_dict with the optimizer's";
      case RESUME_REPLAY -> "resume the step counter with the optimizer and scheduler, from the same checkpoint";
      case RESUME_JUMP_AHEAD -> "resume the scheduler from the checkpoint the step counter comes from, and step it only after optimizer.step()";
      default -> "fix each break in turn: " + String.join("; ", breaks.stream().map(FaultClassifier::fixOf).distinct().toList());
    };
    String summary = switch (fault) {
      case SKIPPED_UPDATES -> {
        long total = breaks.get(breaks.size() - 1).lagAfter();
        yield "skipped updates: " + total + (total == 1 ? " update" : " updates") + " did not step the schedule (first seen at "
            + stepList(breaks) + "), so the log runs " + total + (total == 1 ? " update" : " updates") + " behind the curve from step " + breaks.get(breaks.size() - 1).step()
            + ": mixed-precision overflow steps";
      }
      case SEVERAL -> "several faults: " + describe(breaks);
      default -> describe(breaks);
    };
    return new Finding(fault, summary, fix, Map.of(), breaks, parting);
  }

  private static String fixOf(Break change) {
    return switch (change.fault()) {
      case SKIPPED_UPDATES -> "skipped updates come from mixed-precision overflow";
      case RESUME_RESTART -> "load the scheduler's state when resuming";
      case RESUME_REPLAY -> "resume the step counter from the same checkpoint";
      default -> "resume the scheduler from the step counter's checkpoint";
    };
  }

  private static String stepList(List<Break> breaks) {
    List<String> steps = breaks.stream().map(change -> String.valueOf(change.step())).toList();
    if (steps.size() > 8) {
      return "steps " + String.join(", ", steps.subList(0, 8)) + " and " + (steps.size() - 8) + " more";
    }
    return steps.size() == 1 ? "step " + steps.get(0)
        : "steps " + String.join(", ", steps.subList(0, steps.size() - 1)) + " and " + steps.get(steps.size() - 1);
  }

  /** Each break in words, in step order. */
  static String describe(List<Break> breaks) {
    return breaks.isEmpty() ? "none" : String.join("; ", breaks.stream().map(FaultClassifier::describe).toList());
  }

  private static String describe(Break change) {
    long at = change.step();
    return switch (change.fault()) {
      case SKIPPED_UPDATES -> (change.updates() == 1 ? "an update" : change.updates() + " updates") + " skipped before step " + at
          + " (it holds the value of step " + change.curveStep() + ")";
      case RESUME_RESTART -> "resume restarted the schedule: from step " + at + " the log follows the curve from its start again "
          + "(step " + at + " holds the value of step " + change.curveStep() + "), as when a run resumes without the scheduler's state";
      case RESUME_REPLAY -> "resume replayed " + change.updates() + " updates: from step " + at + " the log follows the curve "
          + change.updates() + " steps back (step " + at + " holds the value of step " + change.curveStep()
          + "), as when a run resumes from an older checkpoint while its step counter goes on";
      default -> "jump ahead at a resume: from step " + at + " the log follows the curve " + change.updates() + " steps ahead (step " + at
          + " holds the value of step " + change.curveStep() + "), as when the scheduler's state comes from a later checkpoint than the step counter";
    };
  }
}
