package dev.anneal.config.pytorch;

import dev.anneal.schedule.OneCycle;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * torch 1.13's {@code OneCycleLR} phase by phase, for a {@code pct_start} that leaves a phase
 * without a step (0, 1, or too few total steps), which Anneal's {@link OneCycle} shape refuses.
 * torch computes each phase's {@code end_step} as a float ({@code pct_start * total_steps - 1}, then
 * {@code 2 * pct_start * total_steps - 2} with three phases, then {@code total_steps - 1}), picks at
 * step {@code t} the first phase whose end is not below {@code t} (else the last one), and divides
 * by that phase's length {@code end_step - start_step}, where the first phase starts at 0 and each
 * next one at the previous end. A phase no step picks is never divided by; a picked phase of length
 * 0 raises ZeroDivisionError there.
 *
 * @param ends each phase's end step, as torch computes it
 */
record OneCyclePhases(double[] ends) {

  /** The phases of {@code OneCycleLR} with {@code pctStart} over {@code total} steps. */
  static OneCyclePhases of(double pctStart, long total, boolean threePhase) {
    double firstEnd = pctStart * total - 1;
    return threePhase
        ? new OneCyclePhases(new double[] {firstEnd, 2 * pctStart * total - 2, total - 1})
        : new OneCyclePhases(new double[] {firstEnd, total - 1});
  }

  /** Where phase {@code i} starts: 0 for the first, else the previous end. */
  double start(int i) {
    return i == 0 ? 0 : ends[i - 1];
  }

  /**
   * The phase of length 0 that torch picks first among steps {@code 0..last} (it raises
   * ZeroDivisionError at that phase's {@link #firstStep}), or -1 if none is picked.
   */
  int zeroLengthPicked(long last) {
    int found = -1;
    for (int i = 0; i < ends.length; i++) {
      long to = i == ends.length - 1 ? last : Math.min(last, (long) Math.floor(ends[i]));
      if (ends[i] - start(i) == 0 && firstStep(i) <= to && (found < 0 || firstStep(i) < firstStep(found))) {
        found = i;
      }
    }
    return found;
  }

  /** The phases (from 0) that no step of {@code 0..total - 1} picks. */
  List<Integer> skipped(long total) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < ends.length; i++) {
      if (steps(i, total) == 0) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * Steps {@code 0..total - 1} as Anneal phases, each picked torch phase a {@link Segment} from its
   * start value to its end value with torch's progress {@code (t - start_step) / (end_step -
   * start_step)}. The caller has made sure no step divides by zero.
   *
   * @param values the value at each phase boundary: start, peak, end (two phases) or start, peak,
   *     start, end (three phases)
   */
  List<Phase> phases(double[] values, OneCycle.Anneal anneal, long total) {
    Segment.Curve curve = anneal == OneCycle.Anneal.COS ? Segment.Curve.COSINE : Segment.Curve.LINEAR;
    List<Phase> out = new ArrayList<>();
    for (int i = 0; i < ends.length; i++) {
      long steps = steps(i, total);
      if (steps == 0) {
        continue;
      }
      long first = firstStep(i);
      double span = ends[i] - start(i);
      out.add(new Phase(new Segment(curve, values[i], values[i + 1], 1, first - start(i), span), steps));
    }
    return out;
  }

  /** How many of steps {@code 0..total - 1} torch gives phase {@code i}. */
  private long steps(int i, long total) {
    long first = firstStep(i);
    long last = i == ends.length - 1 ? total - 1 : Math.min(total - 1, (long) Math.floor(ends[i]));
    return Math.max(0, last - first + 1);
  }

  /** The first step that can pick phase {@code i}: 0, or the first integer past the previous end. */
  long firstStep(int i) {
    return i == 0 ? 0 : Math.max(0, (long) Math.floor(ends[i - 1]) + 1);
  }
}
