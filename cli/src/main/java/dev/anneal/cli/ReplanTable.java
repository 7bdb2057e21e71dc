package dev.anneal.cli;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Values;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A channel's plan beside its re-planned one, as {@code explain --replan} prints it: the value of
 * each at step 0, the re-plan step, every phase boundary of either and both ends.
 */
final class ReplanTable {
  private ReplanTable() {}

  /** The table's lines, a header and one row per step, indented by two spaces. */
  static List<String> lines(Schedule old, Schedule replanned, long at) {
    TreeSet<Long> steps = new TreeSet<>();
    steps.add(0L);
    steps.add(at);
    boundaries(old, steps);
    boundaries(replanned, steps);
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "  %-10s %-24s %s", "step", "old", "re-planned"));
    for (long step : steps) {
      out.add(String.format(Locale.ROOT, "  %-10d %-24s %s%s", step, value(old, step), value(replanned, step),
          step == at ? "   <- re-planned here" : ""));
    }
    return out;
  }

  /** The start of every phase and the declared end. */
  private static void boundaries(Schedule schedule, TreeSet<Long> steps) {
    long start = 0;
    for (Phase phase : schedule.phases()) {
      if (phase.isOpen()) {
        break;
      }
      start += phase.steps();
      steps.add(start);
    }
    schedule.declaredEnd().ifPresent(steps::add);
  }

  private static String value(Schedule schedule, long step) {
    try {
      return Values.show(schedule.valueAt(step));
    } catch (InvalidScheduleException pastEnd) {
      return "(ended)"; // after-end FAIL: the plan has no value there
    }
  }
}
