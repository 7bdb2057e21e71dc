package dev.anneal.cli.train;

import dev.anneal.cli.CliCode;
import dev.anneal.cli.chart.PhaseSpan;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a run's length meets its plan: the updates it runs, the plan's declared end (the latest end
 * of its channels), and where in the plan the run stops. A run that stops before the end, or runs
 * past it, is a warning: the schedule the user chose is not the schedule that runs.
 *
 * @param updates the updates the run applies
 * @param source what set the length, as the summary says it: {@code --steps 40}, {@code --epochs
 *     20, 2 per epoch}, {@code the plan's declared end}, {@code 20 epochs, the plan declares no end}
 * @param flag the option that set it ({@code --steps}, {@code --epochs}), or {@code null} if the plan did
 * @param plan the plan
 */
public record RunLength(long updates, String source, String flag, Plan plan) {
  /** The plan's declared end: the latest end among its channels; empty if every channel runs forever. */
  public OptionalLong declaredEnd() {
    return declaredEnd(plan);
  }

  /** The declared end of {@code plan}: the latest end among its channels; empty if every channel runs forever. */
  public static OptionalLong declaredEnd(Plan plan) {
    return plan.channels().values().stream().map(Schedule::declaredEnd)
        .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).max();
  }

  /**
   * The summary line, e.g. {@code length: 40 updates (--epochs 20, 2 per epoch); the plan declares
   * 3000; stops in phase 0 (linear) at update 40 of 3000}.
   */
  public String summary() {
    OptionalLong end = declaredEnd();
    if (end.isEmpty()) {
      return "length: " + updates + " updates (" + source + ")";
    }
    String where = updates > end.getAsLong()
        ? "stops " + (updates - end.getAsLong()) + " updates past its end"
        : "stops in " + phaseAt(updates - 1) + " at update " + updates + " of " + end.getAsLong();
    if (flag == null) {
      return "length: " + updates + " updates, " + source + "; " + where;
    }
    return "length: " + updates + " updates (" + source + "); the plan declares " + end.getAsLong() + "; " + where;
  }

  /**
   * The warning when the run and the plan differ in length: where it stops and how to run the whole
   * plan, or what the plan does after its end and how to stop there. None for a plan with no end.
   *
   * @param perEpoch updates per epoch, for the {@code --epochs} that covers the plan
   */
  public Optional<Violation> warning(long perEpoch) {
    OptionalLong declared = declaredEnd();
    if (declared.isEmpty() || declared.getAsLong() == updates) {
      return Optional.empty();
    }
    long end = declared.getAsLong();
    String at = flag == null ? "--config" : flag;
    if (updates < end) {
      long epochs = (end + perEpoch - 1) / perEpoch;
      return Optional.of(CliCode.runStopsBeforeEnd(at, phaseAt(updates - 1), updates, end,
          "train the whole plan with --steps " + end + " or --epochs " + epochs));
    }
    return Optional.of(CliCode.runPassesEnd(at, updates, updates - end, end, afterEnd(end),
        "stop at its end with --steps " + end));
  }

  /** {@code phase 0 (linear)}: the phase of the channel that ends last (the learning rate's, on a tie) at {@code step}. */
  private String phaseAt(long step) {
    Schedule longest = plan.lr();
    long longestEnd = longest.declaredEnd().orElse(-1);
    for (Schedule schedule : plan.channels().values()) {
      if (schedule.declaredEnd().orElse(-1) > longestEnd) {
        longest = schedule;
        longestEnd = schedule.declaredEnd().getAsLong();
      }
    }
    PhaseSpan found = null;
    for (PhaseSpan span : PhaseSpan.of(longest)) {
      if (span.start() <= step) {
        found = span;
      }
    }
    return found == null ? "phase 0" : "phase " + found.index() + " (" + found.kind() + ")";
  }

  /** What each channel that ends before the run does after its end: {@code lr holds 3e-5}. */
  private String afterEnd(long planEnd) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Schedule> channel : plan.channels().entrySet()) {
      Schedule schedule = channel.getValue();
      OptionalLong end = schedule.declaredEnd();
      if (end.isEmpty() || end.getAsLong() >= updates) {
        continue;
      }
      String name = channel.getKey();
      parts.add(schedule.afterEnd() == AfterEnd.CONTINUE
          ? name + " follows its last phase's formula on"
          : name + " holds " + Numbers.show(schedule.valueAt(end.getAsLong())));
    }
    return String.join(", ", parts);
  }
}
