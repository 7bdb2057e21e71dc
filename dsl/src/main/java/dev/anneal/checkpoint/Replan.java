package dev.anneal.checkpoint;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.ExponentialTo;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.LogWarmup;
import dev.anneal.schedule.OneMinusSqrt;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Segment;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.ShapeNames;
import dev.anneal.schedule.Stepped;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-plans a run from a step it has reached: the run keeps every value it has used, continues from
 * the value it has at that step, and the rest of its plan is fitted to a new end. Both entries
 * return a plan that gives, at every step before {@code step} and at {@code step} itself, the
 * original plan's value bit for bit.
 *
 * <ul>
 *   <li>{@link #refit}: a longer or shorter run. Phases that ended before the step stay as they
 *       were; the phase holding it and every later one are stretched or shrunk by the same factor,
 *       so a decay still reaches its floor at the new end.
 *   <li>{@link #decayNow}: the warm-up–stable–decay practice of branching the cool-down from any
 *       checkpoint of the stable phase: the plan's own decay, started at the step, over a given
 *       number of updates.
 * </ul>
 *
 * <p>Every channel with a declared end is re-planned. A channel that holds one value throughout, or
 * whose last phase runs forever (it has no end to fit), is kept as it is; a plan none of whose
 * channels ends is refused. What cannot be re-planned exactly is refused, every channel's problem at
 * once: schedules stepped per epoch ({@link Stepped}) or driven by a sample clock ({@link Clocked}),
 * whose phases are not counted in updates; reactive (plateau) phases, whose values follow metrics;
 * products of schedules. All lengths are in optimizer updates.
 */
public final class Replan {
  private Replan() {}

  /**
   * {@code plan} re-planned at {@code step} (updates applied) to end at {@code end}.
   *
   * <p>With {@code O} a channel's declared end, each boundary {@code B} at or after {@code step}
   * moves to {@code step + round((B - step) * (end - step) / (O - step))}, rounded half up in exact
   * integer arithmetic. Rounding the boundaries, not the lengths, keeps every phase within half an
   * update of its exact share and makes the last boundary land on {@code end} exactly (the last
   * phase absorbs what rounding left over). The phase holding {@code step} keeps its first {@code
   * step - start} updates and gets the rest to its moved boundary; its shape is evaluated over its
   * new length and, where that would not give the run's value at {@code step}, mapped affinely so
   * that it starts from that value and ends on its own end value (see {@link Refitted}). Later
   * phases follow their own shapes over their new lengths.
   *
   * @throws InvalidScheduleException ({@code ReplanEndNotAfterStep}) if {@code end <= step}; per
   *     channel ({@code ReplanNoDeclaredEnd}, {@code ReplanAfterEnd}, {@code ReplanUnsupported},
   *     {@code ReplanPhaseTooShort}, {@code ReplanFlatAtStep}), every problem at once; and the
   *     shapes' own rules for a phase at its new length
   */
  public static Plan refit(Plan plan, long step, long end) {
    Schedule.requireStep(step);
    if (end <= step) {
      throw new InvalidScheduleException(CheckpointCode.replanEndNotAfterStep("end", end, step));
    }
    return eachChannel(plan, end, (path, name, schedule, found) -> refit(path, name, schedule, step, end, found));
  }

  /**
   * {@code plan} with its cool-down branched at {@code step} (updates applied), which must lie in a
   * stable (constant) phase followed by a decay phase: the plan keeps its phases up to {@code
   * step}, then follows the decay phase's shape over {@code updates} updates (mapped affinely to
   * start from the value at {@code step} if the shape starts elsewhere, as in {@link #refit}), then
   * any phases that followed the decay, unchanged. The decay ends at {@code step + updates}.
   *
   * @throws InvalidScheduleException ({@code DecayNowLength}) if {@code updates < 1}; per channel
   *     ({@code DecayNowOutsideStable}, {@code DecayNowWithoutDecay}, {@code ReplanAfterEnd}, {@code
   *     ReplanUnsupported}, {@code ReplanFlatAtStep}), every problem at once
   */
  public static Plan decayNow(Plan plan, long step, long updates) {
    Schedule.requireStep(step);
    if (updates < 1) {
      throw new InvalidScheduleException(CheckpointCode.decayNowLength("updates", updates));
    }
    return eachChannel(plan, step + updates, (path, name, schedule, found) -> decayNow(path, name, schedule, step, updates, found));
  }

  /** Re-plans one channel, or adds why it cannot be and returns null. */
  private interface ChannelReplan {
    Schedule apply(String path, String name, Schedule schedule, List<Violation> found);
  }

  private static Plan eachChannel(Plan plan, long end, ChannelReplan replan) {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    List<Violation> found = new ArrayList<>();
    boolean anyEnds = plan.channels().values().stream().anyMatch(schedule -> schedule.declaredEnd().isPresent());
    plan.channels().forEach((name, schedule) -> {
      String path = "channels." + name;
      if (holdsOneValue(schedule)) {
        channels.put(name, schedule);
      } else if (schedule.declaredEnd().isEmpty()) {
        // A channel that runs forever has no end to fit: kept as it is (exact, as it never ends).
        // A plan none of whose channels ends has nothing to re-plan at all.
        if (!anyEnds) {
          found.add(CheckpointCode.replanNoDeclaredEnd(path, name, end));
        }
        channels.put(name, schedule);
      } else {
        channels.put(name, replan.apply(path, name, schedule, found));
      }
    });
    InvalidScheduleException.throwIfErrors(found);
    return new Plan(channels);
  }

  /**
   * One channel re-planned as {@link #refit} does (kept if it holds one value throughout), or null
   * with its problems added to {@code found}: the rule {@link ResumePolicy#REFIT_TO_NEW_END} applies.
   */
  static Schedule refitChannel(String path, String name, Schedule schedule, long step, long end, List<Violation> found) {
    if (end <= step) {
      found.add(CheckpointCode.replanEndNotAfterStep(path, end, step));
      return null;
    }
    return hasEndToFit(schedule) ? refit(path, name, schedule, step, end, found) : schedule;
  }

  /** Whether a re-plan changes {@code schedule}: it has a declared end and more than one value. */
  static boolean hasEndToFit(Schedule schedule) {
    return schedule.declaredEnd().isPresent() && !holdsOneValue(schedule);
  }

  private static boolean holdsOneValue(Schedule schedule) {
    return !schedule.isReactive() && schedule.range().min() == schedule.range().max();
  }

  private static Schedule refit(String path, String name, Schedule schedule, long step, long end, List<Violation> found) {
    if (schedule instanceof Scaled scaled) {
      // A relative schedule bound to a base value: re-plan the relative one, keep the factor.
      Schedule inner = refit(path, name, scaled.schedule(), step, end, found);
      return inner == null ? null : new Scaled(scaled.factor(), inner);
    }
    Sequence sequence = sequence(path, name, schedule, found);
    if (sequence == null) {
      return null;
    }
    long oldEnd = sequence.declaredEnd().getAsLong();
    if (step >= oldEnd) {
      found.add(CheckpointCode.replanAfterEnd(path, step, name, oldEnd, end));
      return null;
    }
    List<Phase> phases = sequence.phases();
    int holding = indexAt(sequence, step);
    double factor = (double) (end - step) / (oldEnd - step);
    List<Phase> fitted = new ArrayList<>();
    long movedBefore = step;
    boolean fits = true;
    for (int index = holding; index < phases.size(); index++) {
      Phase phase = phases.get(index);
      long boundary = sequence.startOf(index) + phase.steps();
      long moved = step + scaledRounded(boundary - step, end - step, oldEnd - step);
      long length = moved - movedBefore;
      if (length < 1) {
        found.add(CheckpointCode.replanPhaseTooShort(path + ".phases[" + index + "]", end, index, name, length,
            index == holding ? boundary - step : phase.steps(), factor));
        fits = false;
      } else if (index == holding) {
        fitted.add(new Phase(phase.shape(), step - sequence.startOf(index) + length));
      } else {
        fitted.add(new Phase(phase.shape(), length));
      }
      movedBefore = moved;
    }
    if (!fits) {
      return null;
    }
    long start = sequence.startOf(holding);
    return anchoredAt(path, name, sequence, step, phases.subList(0, holding), fitted, start, holding, step - start,
        "the phase lengths from here fitted to end at " + end + " (was " + oldEnd + ")", found);
  }

  private static Schedule decayNow(String path, String name, Schedule schedule, long step, long updates, List<Violation> found) {
    if (schedule instanceof Scaled scaled) {
      Schedule inner = decayNow(path, name, scaled.schedule(), step, updates, found);
      return inner == null ? null : new Scaled(scaled.factor(), inner);
    }
    Sequence sequence = sequence(path, name, schedule, found);
    if (sequence == null) {
      return null;
    }
    if (sequence.declaredEnd().isPresent() && step >= sequence.declaredEnd().getAsLong()) {
      found.add(CheckpointCode.replanAfterEnd(path, step, name, sequence.declaredEnd().getAsLong(), step + updates));
      return null;
    }
    List<Phase> phases = sequence.phases();
    int stable = indexAt(sequence, step);
    Phase holding = phases.get(stable);
    if (!(holding.shape() instanceof Constant)) {
      found.add(CheckpointCode.decayNowOutsideStable(path + ".phases[" + stable + "]", step, name, stable,
          ShapeNames.of(holding.shape(), holding.steps())));
      return null;
    }
    if (stable == phases.size() - 1) {
      found.add(CheckpointCode.decayNowWithoutDecay(path + ".phases[" + stable + "]", stable, name, step));
      return null;
    }
    List<Phase> kept = new ArrayList<>(phases.subList(0, stable));
    long stableSoFar = step - sequence.startOf(stable);
    if (stableSoFar > 0) {
      kept.add(new Phase(holding.shape(), stableSoFar));
    }
    List<Phase> fitted = new ArrayList<>();
    fitted.add(new Phase(phases.get(stable + 1).shape(), updates));
    fitted.addAll(phases.subList(stable + 2, phases.size()));
    return anchoredAt(path, name, sequence, step, kept, fitted, step, stable + 1, 0,
        "the decay phase branched from the stable phase over " + updates + " updates, ending at " + (step + updates), found);
  }

  /**
   * The {@link Refitted} schedule that keeps {@code original} before {@code step} and follows
   * {@code fitted} from {@code afterStart}, its first phase mapped to start from the original's
   * value at {@code step} (local step {@code local} of that phase) where it does not already.
   */
  private static Schedule anchoredAt(String path, String name, Sequence original, long step, List<Phase> kept,
      List<Phase> fitted, long afterStart, int firstIndex, long local, String how, List<Violation> found) {
    Sequence after;
    try {
      after = new Sequence(fitted, original.afterEnd());
    } catch (InvalidScheduleException refused) {
      for (Violation violation : refused.violations()) {
        found.add(violation.under(path));
      }
      return null;
    }
    double reached = original.valueAt(step);
    Phase first = fitted.get(0);
    double planned = first.shape().valueAt(local, first.steps());
    double endValue = first.shape().endValue(first.steps());
    double ratio = Double.NaN;
    if (planned != reached) {
      if (!movesStraight(first.shape())) {
        found.add(CheckpointCode.replanUnsupported(path, name, "its " + first.shape().kind() + " phase would have to be mapped"
            + " to start from the run's value " + Values.show(reached) + " at step " + step + ", which is exact only for a shape"
            + " that moves straight from its start to its end value (linear, cosine over half a period, polynomial,"
            + " one-minus-sqrt, exponential-to, log-warmup, segment); resume with policy CONTINUE_FROM_CURRENT_VALUE"));
        return null;
      }
      ratio = (reached - endValue) / (planned - endValue);
      if (planned == endValue || !Double.isFinite(ratio)) {
        found.add(CheckpointCode.replanFlatAtStep(path, name, reached, step, first.shape().kind(), endValue));
        return null;
      }
    }
    return new Refitted(original, step, kept, after, afterStart, firstIndex, reached, ratio, how);
  }

  /**
   * Whether the shape moves monotonically from its first value to its end value, so that its values
   * from any step on lie between its value there and its end value, and the affine map of {@link
   * Refitted} keeps them between the run's value and the end value. Listed by kind rather than
   * asked of the shapes: the map is this class's concern, and a shape not listed is refused, never
   * mapped on trust.
   */
  private static boolean movesStraight(Shape shape) {
    return shape instanceof Linear || shape instanceof Polynomial || shape instanceof OneMinusSqrt
        || shape instanceof ExponentialTo || shape instanceof LogWarmup || shape instanceof Segment
        || shape instanceof Cosine cosine && cosine.cycles() == Cosine.HALF_PERIOD;
  }

  /** The schedule as a {@link Sequence} of phases counted in updates, or null with the reason added. */
  private static Sequence sequence(String path, String name, Schedule schedule, List<Violation> found) {
    String reason = null;
    if (schedule.isReactive()) {
      reason = "it has a reactive (plateau) phase, whose values follow the metrics observed, not a length; resume with policy USE_NEW and a schedule for the new length";
    } else if (schedule instanceof Stepped) {
      reason = "it is stepped once per epoch, so its phases count epochs, not updates, and a fit in updates would not land on epoch boundaries; give its lengths in updates";
    } else if (schedule instanceof Clocked) {
      reason = "it follows a sample clock, so its phases count samples, not updates, and a fit in updates would not follow the clock; give its lengths in updates";
    } else if (schedule instanceof Refitted) {
      reason = "it was re-planned already; re-plan the original plan instead";
    } else if (!(schedule instanceof Sequence)) {
      reason = "it is a " + schedule.getClass().getSimpleName()
          + ", not one sequence of phases, so it has no single timeline to fit; re-plan the plans it is made of before combining them";
    }
    if (reason != null) {
      found.add(CheckpointCode.replanUnsupported(path, name, reason));
      return null;
    }
    return (Sequence) schedule;
  }

  /** The index of the phase that holds {@code step}, which is before the sequence's declared end. */
  private static int indexAt(Sequence sequence, long step) {
    List<Phase> phases = sequence.phases();
    for (int index = 0; index < phases.size() - 1; index++) {
      if (step < sequence.startOf(index + 1)) {
        return index;
      }
    }
    return phases.size() - 1;
  }

  /** {@code round(value * numerator / denominator)}, halves rounded up, exact for any longs. */
  static long scaledRounded(long value, long numerator, long denominator) {
    BigInteger twice = BigInteger.valueOf(value).multiply(BigInteger.valueOf(numerator)).shiftLeft(1)
        .add(BigInteger.valueOf(denominator));
    return twice.divide(BigInteger.valueOf(denominator).shiftLeft(1)).longValueExact();
  }
}
