package dev.anneal.checkpoint;

import dev.anneal.rules.Code;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Compares a checkpoint's plan with the current one and decides, by policy, which plan a resumed run uses. */
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
   * The plan to resume with at {@code step} (updates already applied).
   *
   * @throws InvalidScheduleException ({@code ScheduleChanged}) under {@link
   *     ResumePolicy#FAIL_ON_DIFFERENCE} when the definitions differ, listing every difference; ({@code
   *     CannotContinueFromZero}) when a channel cannot be scaled to its current value
   */
  public static Outcome resolve(Plan saved, Plan current, long step, ResumePolicy policy) {
    List<Difference> differences = differences(saved, current);
    if (differences.isEmpty()) {
      return new Outcome(current, differences);
    }
    return switch (policy) {
      case FAIL_ON_DIFFERENCE -> {
        List<Violation> found = new ArrayList<>();
        for (Difference difference : differences) {
          found.add(Code.SCHEDULE_CHANGED.at(difference.path(), difference.current(), difference));
        }
        throw new InvalidScheduleException(found);
      }
      case USE_CHECKPOINT -> new Outcome(saved, differences);
      case USE_NEW -> new Outcome(current, differences);
      case CONTINUE_FROM_CURRENT_VALUE -> new Outcome(continueFrom(saved, current, step), differences);
    };
  }

  private static Plan continueFrom(Plan saved, Plan current, long step) {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    List<Violation> found = new ArrayList<>();
    current.channels().forEach((name, schedule) -> {
      Schedule before = saved.channel(name);
      if (before == null) {
        channels.put(name, schedule);
        return;
      }
      double reached = before.valueAt(step);
      double planned = schedule.valueAt(step);
      if (reached == planned) {
        channels.put(name, schedule);
      } else if (planned == 0) {
        found.add(Code.CANNOT_CONTINUE_FROM_ZERO.at("channels." + name, reached, name, reached, step));
      } else {
        channels.put(name, schedule.scaledBy(reached / planned));
      }
    });
    InvalidScheduleException.throwIfErrors(found);
    return new Plan(channels);
  }

  private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
    java.util.Set<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }
}
