package dev.anneal.checkpoint;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares a checkpoint's plan with the current one and decides, by policy, which plan a resumed
 * run uses. The one place that reads a {@link ResumePolicy}: {@link #choose} turns it and the
 * differences into a {@link Choice}, which {@link #resolve} applies to a single plan and {@link
 * GroupResume#decide} to each parameter group of a training run.
 */
public final class ResumeCheck {
  private ResumeCheck() {}

  /**
   * The outcome of a resume check.
   *
   * @param plan the plan the resumed run uses
   * @param differences every difference found between the checkpoint's definition and the current one
   */
  public record Outcome(Plan plan, List<Difference> differences) {
    public Outcome {
      differences = List.copyOf(differences);
    }
  }

  /** What a resume applies, once a policy has judged the differences. */
  public enum Choice {
    /** The current plans: nothing differs, or {@link ResumePolicy#USE_NEW}. */
    CURRENT,
    /** The checkpoint's plans ({@link ResumePolicy#USE_CHECKPOINT}). */
    CHECKPOINT,
    /**
     * The current plans, each changed channel continued from the value the checkpoint's run had
     * reached ({@link ResumePolicy#CONTINUE_FROM_CURRENT_VALUE}).
     */
    CONTINUED,
    /**
     * The checkpoint's plans, each changed channel fitted from the resume step to the end of the
     * current plan's channel ({@link ResumePolicy#REFIT_TO_NEW_END}).
     */
    REFITTED
  }

  /**
   * What {@code policy} makes of {@code differences} (every one found, for a whole run).
   *
   * @throws InvalidScheduleException ({@code ScheduleChanged}) under {@link
   *     ResumePolicy#FAIL_ON_DIFFERENCE} when there are differences, listing every one
   */
  public static Choice choose(ResumePolicy policy, List<Difference> differences) {
    if (differences.isEmpty()) {
      return Choice.CURRENT;
    }
    return switch (policy) {
      case FAIL_ON_DIFFERENCE -> {
        List<Violation> found = new ArrayList<>();
        for (Difference difference : differences) {
          found.add(CheckpointCode.scheduleChanged(difference.path(), difference.saved(), difference.current()));
        }
        throw new InvalidScheduleException(found);
      }
      case USE_CHECKPOINT -> Choice.CHECKPOINT;
      case USE_NEW -> Choice.CURRENT;
      case CONTINUE_FROM_CURRENT_VALUE -> Choice.CONTINUED;
      case REFIT_TO_NEW_END -> Choice.REFITTED;
    };
  }

  /** Every difference between two definitions, sorted by path. */
  public static List<Difference> differences(Plan saved, Plan current) {
    Map<String, String> before = Canonical.of(saved);
    Map<String, String> now = Canonical.of(current);
    List<Difference> out = new ArrayList<>();
    for (String path : new TreeSet<>(union(before, now))) {
      String was = before.get(path);
      String is = now.get(path);
      if (!Objects.equals(was, is)) {
        out.add(new Difference(path, was, is));
      }
    }
    return out;
  }

  /**
   * The plan to resume with at {@code step} (updates already applied), for a saved plan without
   * reactive phases, or whose plateau phases had not reduced anything: the same as {@link
   * #resolve(Plan, Map, Plan, long, ResumePolicy)} with each channel's initial state.
   */
  public static Outcome resolve(Plan saved, Plan current, long step, ResumePolicy policy) {
    return resolve(saved, Map.of(), current, step, policy);
  }

  /**
   * The plan to resume with at {@code step} (updates already applied). {@code savedStates} holds the
   * checkpoint's reactive state per channel (what its plateau phases had reduced the value to);
   * {@link ResumePolicy#CONTINUE_FROM_CURRENT_VALUE} continues from the value the saved run would
   * have applied next, that state included. A channel missing from it starts from its initial state.
   *
   * @throws InvalidScheduleException ({@code ScheduleChanged}) under {@link
   *     ResumePolicy#FAIL_ON_DIFFERENCE} when the definitions differ, listing every difference; ({@code
   *     CannotContinueFromZero}, {@code NoValueToContinue}) when a channel cannot be scaled to its
   *     current value
   */
  public static Outcome resolve(Plan saved, Map<String, ScheduleState> savedStates, Plan current, long step, ResumePolicy policy) {
    Objects.requireNonNull(savedStates, "savedStates");
    List<Difference> differences = differences(saved, current);
    Plan resumed = switch (choose(policy, differences)) {
      case CURRENT -> current;
      case CHECKPOINT -> saved;
      case CONTINUED -> continueFrom(saved, savedStates, current, step);
      case REFITTED -> refitted(saved, current, step);
    };
    return new Outcome(resumed, differences);
  }

  private static Plan continueFrom(Plan saved, Map<String, ScheduleState> savedStates, Plan current, long step) {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    List<Violation> found = new ArrayList<>();
    current.channels().forEach((name, schedule) -> {
      Schedule before = saved.findChannel(name).orElse(null);
      if (before == null) {
        channels.put(name, schedule);
        return;
      }
      double reached;
      try {
        reached = before.valueAt(step, savedStates.getOrDefault(name, before.initialState()));
      } catch (InvalidScheduleException ended) {
        reached = Double.NaN; // the saved schedule ends there (after-end FAIL): nothing to continue from
      }
      Continuation continued = continueFrom("channels." + name, name, reached, schedule, step);
      if (continued.problem() != null) {
        found.add(continued.problem());
      } else {
        channels.put(name, continued.schedule());
      }
    });
    InvalidScheduleException.throwIfErrors(found);
    return new Plan(channels);
  }

  private static Plan refitted(Plan saved, Plan current, long step) {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    List<Violation> found = new ArrayList<>();
    current.channels().forEach((name, schedule) -> {
      Schedule before = saved.findChannel(name).orElse(null);
      Schedule fitted;
      if (before == null) {
        fitted = schedule; // a channel the checkpoint did not schedule starts as declared
      } else if (Canonical.of(before).equals(Canonical.of(schedule))) {
        fitted = before; // unchanged: nothing to fit
      } else {
        fitted = refitTo("channels." + name, name, before, schedule, step, found);
      }
      if (fitted != null) {
        channels.put(name, fitted);
      }
    });
    InvalidScheduleException.throwIfErrors(found);
    return new Plan(channels);
  }

  /**
   * The checkpoint's schedule {@code saved} of one channel fitted from {@code step} to the end of
   * {@code current} (the same channel now), or null with the problem added to {@code found}. The one
   * rule that the dsl's and the runtime's {@link ResumePolicy#REFIT_TO_NEW_END} both apply.
   */
  static Schedule refitTo(String path, String name, Schedule saved, Schedule current, long step, List<Violation> found) {
    if (!Replan.hasEndToFit(saved)) {
      return saved; // one value throughout, or no end: the checkpoint's schedule goes on as it was
    }
    if (current.declaredEnd().isEmpty()) {
      found.add(CheckpointCode.replanUnsupported(path, name,
          "the current schedule has no declared end (its last phase runs forever), so there is no new end to fit the checkpoint's schedule to; give its last phase a length"));
      return null;
    }
    return Replan.refitChannel(path, name, saved, step, current.declaredEnd().getAsLong(), found);
  }

  /**
   * A channel's new schedule continued from the value {@code reached} that the checkpoint's run
   * would have applied at {@code step}: the new schedule scaled by {@code reached} over its own value
   * there (unchanged if they are equal), or the problem that prevents it.
   *
   * @param schedule the continued schedule; null when {@code problem} is set
   * @param problem {@code NoValueToContinue} (no value reached: {@code NaN}) or {@code
   *     CannotContinueFromZero} (the new schedule is 0 there)
   */
  public record Continuation(Schedule schedule, Violation problem) {}

  /**
   * Continues {@code schedule} (channel {@code channel}, reported at {@code path}) from {@code
   * reached} at {@code step}; {@code reached} is {@code NaN} when the checkpoint's schedule had no
   * value there. The one rule that the dsl's and the runtime's resume both apply.
   */
  public static Continuation continueFrom(String path, String channel, double reached, Schedule schedule, long step) {
    if (Double.isNaN(reached)) {
      return new Continuation(null, CheckpointCode.noValueToContinue(path, step));
    }
    double planned = schedule.valueAt(step, schedule.initialState());
    if (planned == reached) {
      return new Continuation(schedule, null);
    }
    if (planned == 0) {
      return new Continuation(null, CheckpointCode.cannotContinueFromZero(path, channel, reached, step));
    }
    return new Continuation(schedule.scaledBy(reached / planned), null);
  }

  private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
    java.util.Set<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }
}
