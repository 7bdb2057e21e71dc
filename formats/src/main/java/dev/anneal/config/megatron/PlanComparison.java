package dev.anneal.config.megatron;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Values;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The check behind every flag file Anneal writes: the plan read back from the flags gives the
 * plan's values, channel by channel, to 1e-9 relative (rounding, never a different curve).
 */
final class PlanComparison {
  /** Curves with more steps than this are compared near every boundary and at evenly spread steps. */
  private static final long FULL_COMPARISON = 2_000_000;

  private static final double RELATIVE = 1e-9;

  private PlanComparison() {}

  /**
   * Checks that {@code written}, the plan read back from the flags, gives every channel of {@code
   * plan} over its whole declared horizon (and a step past it).
   *
   * @throws InvalidScheduleException ({@code Unsupported}) naming the first step that differs
   */
  static void verify(Plan plan, Plan written) {
    for (Map.Entry<String, Schedule> channel : plan.channels().entrySet()) {
      Schedule expected = channel.getValue();
      Schedule actual = written.channel(channel.getKey());
      for (long step : steps(expected, actual)) {
        double want = expected.valueAt(step);
        double got = actual.valueAt(step);
        if (!close(want, got)) {
          throw PlanDecompiler.unsupported("channels." + channel.getKey(), "Megatron cannot reproduce this plan: at step " + step + " the nearest Megatron schedule gives "
              + Values.show(got) + " where the plan has " + Values.show(want));
        }
      }
    }
  }

  private static boolean close(double a, double b) {
    return a == b || Math.abs(a - b) <= RELATIVE * Math.max(Math.abs(a), Math.abs(b));
  }

  /** Every step up to the horizon, or, for long plans, every boundary's neighbourhood and an even spread. */
  private static long[] steps(Schedule expected, Schedule actual) {
    long horizon = Math.max(end(expected), end(actual)) + 2;
    if (horizon <= FULL_COMPARISON) {
      long[] all = new long[(int) horizon];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    TreeSet<Long> chosen = new TreeSet<>();
    for (Schedule schedule : List.of(expected, actual)) {
      long start = 0;
      for (Phase phase : schedule.phases()) {
        for (long d = -3; d <= 3; d++) {
          chosen.add(Math.max(0, Math.min(horizon - 1, start + d)));
        }
        start = phase.isOpen() ? start : start + phase.steps();
      }
    }
    for (long k = 0; k <= 100_000; k++) {
      chosen.add(k * (horizon - 1) / 100_000);
    }
    return chosen.stream().mapToLong(Long::longValue).toArray();
  }

  private static long end(Schedule schedule) {
    OptionalLong end = schedule.declaredEnd();
    if (end.isPresent()) {
      return end.getAsLong();
    }
    long start = 0;
    for (Phase phase : schedule.phases()) {
      start = phase.isOpen() ? start : start + phase.steps();
    }
    return start;
  }
}
