package dev.anneal.checkpoint;

import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Explanation;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Range;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A schedule re-planned at step {@code at} ({@link Replan}): before it, the original schedule, bit
 * for bit; from it, a fitted {@link Sequence} whose step 0 is the global step {@code afterStart}.
 *
 * <p>The first fitted phase may be <em>anchored</em>: its shape, evaluated over its new length,
 * would not give the run's value at {@code at}, so its values are mapped affinely, {@code e + (x -
 * e) * ratio} with {@code e} the phase's end value, so that the phase starts from the run's value
 * {@code anchorValue} and still ends on {@code e} (a decay still reaches its floor). At {@code at}
 * itself the anchored phase returns {@code anchorValue} as it is: the affine map computed in
 * floating point could be an ulp off, and a resumed run must not move by one.
 */
final class Refitted implements Schedule {
  private final Schedule before;
  private final long at;
  private final List<Phase> prefix;
  private final Sequence after;
  private final long afterStart;
  private final int afterFirstIndex;
  private final long anchoredLength;
  private final double anchorValue;
  private final double anchorEnd;
  private final double ratio;
  private final String how;

  /**
   * @param before the original schedule, which gives every step before {@code at}
   * @param prefix the phases before the fitted ones, as {@link #phases()} lists them
   * @param after the fitted phases
   * @param afterStart the global step of {@code after}'s step 0 ({@code <= at})
   * @param afterFirstIndex the index, among the original's phases, of {@code after}'s first phase (for paths)
   * @param anchorValue the run's value at {@code at}
   * @param ratio the affine map's factor for the first fitted phase, or {@code NaN} if the phase
   *     already gives {@code anchorValue} at {@code at} and needs no map
   * @param how what the re-plan did, for explanations, e.g. {@code phase lengths fitted to end at 2000}
   */
  Refitted(Schedule before, long at, List<Phase> prefix, Sequence after, long afterStart, int afterFirstIndex,
      double anchorValue, double ratio, String how) {
    this.how = how;
    this.before = before;
    this.at = at;
    this.prefix = List.copyOf(prefix);
    this.after = after;
    this.afterStart = afterStart;
    this.afterFirstIndex = afterFirstIndex;
    Phase first = after.phases().get(0);
    this.anchoredLength = Double.isNaN(ratio) ? 0 : first.steps();
    this.anchorValue = anchorValue;
    this.anchorEnd = first.shape().endValue(first.steps());
    this.ratio = ratio;
  }

  /** The step the plan was re-planned at. */
  long at() {
    return at;
  }

  /** The schedule before the re-plan. */
  Schedule original() {
    return before;
  }

  /** The fitted phases, counted from {@link #afterStart()}. */
  Sequence fitted() {
    return after;
  }

  /** The global step of the fitted phases' step 0. */
  long afterStart() {
    return afterStart;
  }

  /** The run's value at {@link #at()}. */
  double anchorValue() {
    return anchorValue;
  }

  /** The first fitted phase's affine factor, or {@code NaN} when it is not mapped. */
  double ratio() {
    return ratio;
  }

  @Override
  public double valueAt(long step) {
    Schedule.requireStep(step);
    if (step < at) {
      return before.valueAt(step);
    }
    long local = step - afterStart;
    double raw = after.valueAt(local);
    if (local >= anchoredLength) {
      return raw;
    }
    return step == at ? anchorValue : anchored(raw);
  }

  private double anchored(double raw) {
    return anchorEnd + (raw - anchorEnd) * ratio;
  }

  @Override
  public Explanation explain(long step) {
    Schedule.requireStep(step);
    if (step < at) {
      Explanation was = before.explain(step);
      return new Explanation(step, was.value(), was.phase(), was.localStep(), was.shape(), was.name(), was.formula(),
          was.inputs(), was.parts(), join(was.note(), "before the re-plan at step " + at + ": the original plan"));
    }
    long local = step - afterStart;
    Explanation fitted = after.explain(local);
    int index = afterFirstIndex + phaseIndexOf(fitted.phase());
    String formula = fitted.formula();
    long end = declaredEnd().getAsLong();
    String note = "re-planned at step " + at + ": " + how;
    if (step >= end) {
      // The fitted sequence's own note counts from its start; say it in the run's steps.
      note = (afterEnd() == AfterEnd.HOLD ? "past the declared end (" + end + "): holding the last phase's end value"
          : "past the declared end (" + end + "): continuing the last phase's formula") + "; " + note;
    }
    if (local < anchoredLength) {
      formula = "e + (x - e) * ratio, x = " + formula;
      note = note + "; this phase is mapped to start from the run's value " + Values.show(anchorValue)
          + " at step " + at + " and end on e = " + Values.show(anchorEnd) + " (ratio " + Values.show(ratio) + ")";
    }
    return new Explanation(step, valueAt(step), "phases[" + index + "]", fitted.localStep(), fitted.shape(), fitted.name(),
        formula, fitted.inputs(), fitted.parts(), note);
  }

  private static int phaseIndexOf(String path) {
    return Integer.parseInt(path.substring("phases[".length(), path.length() - 1));
  }

  private static String join(String first, String second) {
    return first.isEmpty() ? second : first + "; " + second;
  }

  @Override
  public OptionalLong declaredEnd() {
    return OptionalLong.of(afterStart + after.declaredEnd().getAsLong());
  }

  @Override
  public AfterEnd afterEnd() {
    return after.afterEnd();
  }

  /** The phases of the new timeline: those kept, then the fitted ones with their new lengths. */
  @Override
  public List<Phase> phases() {
    List<Phase> out = new ArrayList<>(prefix);
    out.addAll(after.phases());
    return List.copyOf(out);
  }

  @Override
  public Range range() {
    Range range = before.range().union(after.range());
    if (anchoredLength > 0) {
      // Only shapes that move straight to their end are mapped (Replan.movesStraight): from the
      // anchor on, the mapped values lie between the run's value and the end value.
      range = range.union(Range.of(anchorValue, anchorEnd));
    }
    return range;
  }

  @Override
  public List<Violation> warnings() {
    return after.warnings();
  }

  @Override
  public String toString() {
    return "Refitted[at " + at + ", " + before + " then from " + afterStart + " " + after + "]";
  }
}
