package dev.anneal.checkpoint;

import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resume of one parameter group from its saved channels: how its plan differs from the
 * checkpoint's, and, once {@link ResumeCheck#choose} has decided for the whole run, the plan and
 * reactive state the group resumes with. The runtime reads its checkpoints into {@link
 * SavedChannel}s, asks here for each group, and only applies the answers; so the policy is decided
 * in this package alone, for a single plan ({@link ResumeCheck#resolve}) and for groups alike.
 */
public final class GroupResume {
  private GroupResume() {}

  /**
   * What one group resumes with.
   *
   * @param plan the plan in force
   * @param states the reactive state of each of its channels, by name
   * @param problems why the group cannot resume as chosen ({@code CheckpointWithoutDefinition},
   *     {@code CannotContinueFromZero}, {@code NoValueToContinue}); empty when it can
   */
  public record Decision(Plan plan, Map<String, ScheduleState> states, List<Violation> problems) {
    public Decision {
      states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
      problems = List.copyOf(problems);
    }
  }

  /**
   * Every difference between a group's saved channels and its current plan, by path relative to
   * the group (a channel saved without definition compares by fingerprint alone, at its name).
   * Not sorted: the caller sorts the differences of all groups together.
   */
  public static List<Difference> differences(Map<String, SavedChannel> saved, Plan current) {
    List<Difference> out = new ArrayList<>();
    Map<String, Schedule> defined = new LinkedHashMap<>();
    Map<String, Schedule> compared = new LinkedHashMap<>(current.channels());
    saved.forEach((name, channel) -> {
      if (channel.definition() != null) {
        defined.put(name, channel.definition());
        return;
      }
      // No definition saved: the fingerprints alone tell whether the schedule changed.
      Schedule schedule = compared.remove(name);
      String fingerprint = schedule == null ? null : Fingerprint.of(schedule);
      if (!channel.fingerprint().equals(fingerprint)) {
        out.add(new Difference(name, "schedule " + shortened(channel.fingerprint()) + " (no definition saved)",
            fingerprint == null ? null : "schedule " + shortened(fingerprint)));
      }
    });
    out.addAll(ResumeCheck.differences(new Plan(defined), new Plan(compared)));
    return out;
  }

  /**
   * The plan and state a group resumes with under {@code choice}, at {@code step} (updates already
   * applied); problems are reported under {@code path} (e.g. {@code groups.body}).
   *
   * @param saved the group's saved channels by name; {@code null} if the checkpoint lacks the group
   *     (not under {@link ResumeCheck.Choice#CHECKPOINT}, which resumes the checkpoint's groups)
   * @param current the group's current plan; {@code null} if the run lacks the group (only under
   *     {@link ResumeCheck.Choice#CHECKPOINT})
   */
  public static Decision decide(ResumeCheck.Choice choice, String path, Map<String, SavedChannel> saved, Plan current, long step) {
    Map<String, SavedChannel> before = saved == null ? Map.of() : saved;
    return switch (choice) {
      case CURRENT -> current(before, current);
      case CHECKPOINT -> checkpoint(path, before, current);
      case CONTINUED -> continued(path, before, current, step);
      case REFITTED -> refitted(path, before, current, step);
    };
  }

  /** The current plan; reactive state kept for every channel whose schedule did not change. */
  private static Decision current(Map<String, SavedChannel> saved, Plan current) {
    Map<String, ScheduleState> states = new LinkedHashMap<>();
    current.channels().forEach((name, schedule) -> {
      SavedChannel was = saved.get(name);
      states.put(name, unchanged(was, schedule) ? was.state() : schedule.initialState());
    });
    return new Decision(current, states, List.of());
  }

  /**
   * The checkpoint's plan with its reactive state. A channel saved without a definition can be
   * taken only where the current plan holds the very same schedule.
   */
  private static Decision checkpoint(String path, Map<String, SavedChannel> saved, Plan current) {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    Map<String, ScheduleState> states = new LinkedHashMap<>();
    List<Violation> found = new ArrayList<>();
    saved.forEach((name, channel) -> {
      Schedule schedule = channel.definition();
      if (schedule == null) {
        Schedule candidate = current == null ? null : current.findChannel(name).orElse(null);
        if (!unchanged(channel, candidate)) {
          found.add(CheckpointCode.checkpointWithoutDefinition(path + "." + name, channel.unwritable(), ResumePolicy.USE_CHECKPOINT));
          return;
        }
        schedule = candidate;
      }
      channels.put(name, schedule);
      states.put(name, channel.state());
    });
    return new Decision(new Plan(channels), states, found);
  }

  /**
   * The current plan with each changed channel scaled so that at {@code step} it gives the value
   * the saved run had reached (reactive reductions included), so the run continues without a jump.
   */
  private static Decision continued(String path, Map<String, SavedChannel> saved, Plan current, long step) {
    return eachChanged(saved, current, (name, was, schedule, found) -> {
      ResumeCheck.Continuation continued = ResumeCheck.continueFrom(path + "." + name, name, was.nextValue(), schedule, step);
      if (continued.problem() != null) {
        found.add(continued.problem());
        return null;
      }
      return continued.schedule();
    });
  }

  /**
   * Each changed channel's checkpoint schedule fitted from {@code step} to the end of the current
   * one ({@link ResumeCheck#refitTo}); unchanged channels keep their schedule and reactive state.
   */
  private static Decision refitted(String path, Map<String, SavedChannel> saved, Plan current, long step) {
    return eachChanged(saved, current, (name, was, schedule, found) -> {
      if (was.definition() == null) {
        found.add(CheckpointCode.checkpointWithoutDefinition(path + "." + name, was.unwritable(), ResumePolicy.REFIT_TO_NEW_END));
        return null;
      }
      return ResumeCheck.refitTo(path + "." + name, name, was.definition(), schedule, step, found);
    });
  }

  /** What a policy makes of one changed channel the checkpoint scheduled: its schedule, or null with the problem in {@code found}. */
  private interface ChannelChange {
    Schedule apply(String name, SavedChannel was, Schedule current, List<Violation> found);
  }

  /**
   * The current plan with {@code change} applied to each channel that differs from the checkpoint's:
   * an unchanged channel keeps its schedule and reactive state, a changed one starts from its
   * initial state, and a channel the checkpoint did not schedule starts as declared.
   */
  private static Decision eachChanged(Map<String, SavedChannel> saved, Plan current, ChannelChange change) {
    Map<String, Schedule> channels = new LinkedHashMap<>(current.channels());
    Map<String, ScheduleState> states = new LinkedHashMap<>();
    List<Violation> found = new ArrayList<>();
    current.channels().forEach((name, schedule) -> {
      SavedChannel was = saved.get(name);
      if (unchanged(was, schedule)) {
        states.put(name, was.state());
        return;
      }
      states.put(name, schedule.initialState());
      if (was == null) {
        return;
      }
      Schedule changed = change.apply(name, was, schedule, found);
      if (changed != null) {
        channels.put(name, changed);
      }
    });
    return new Decision(new Plan(channels), states, found);
  }

  /** Whether {@code schedule} is the very schedule {@code saved} was (both present). */
  private static boolean unchanged(SavedChannel saved, Schedule schedule) {
    return saved != null && schedule != null && saved.fingerprint().equals(Fingerprint.of(schedule));
  }

  private static String shortened(String fingerprint) {
    return fingerprint.substring(0, 12) + "…";
  }
}
