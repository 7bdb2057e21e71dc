package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.PlanRules;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Range;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.util.TreeSet;

/**
 * The properties every valid schedule has at every step it is probed at ({@link Probes}): a finite
 * value inside its declared {@link Schedule#range()} and its channel's bounds, or, past the end of
 * a schedule declared {@link AfterEnd#FAIL}, the {@code StepBeyondEnd} error and nothing else.
 */
final class PlanProperties {
  /** Anneal's promise against upstream, also what {@code convert} accepts. */
  static final double ABSOLUTE = 1e-12;

  static final double RELATIVE = 1e-9;

  private PlanProperties() {}

  /** Finite, inside the range and the channel's bounds at every probe, with and without a stalled metric. */
  static void assertInBounds(String channel, Schedule schedule) {
    Range range = schedule.range();
    assertTrue(range.isFinite(), () -> channel + ": a valid schedule with an unbounded range " + range + ": " + schedule);
    boolean beta1Excursion = PlanRules.channel(channel, schedule).stream().anyMatch(v -> v.code() == RuleCode.BETA1_ABOVE_ONE);
    for (long step : Probes.of(schedule, channel.hashCode())) {
      Double value = valueOrNull(schedule, step);
      if (value == null) {
        continue;
      }
      assertValue(channel, schedule, range, beta1Excursion, step, value);
    }
    if (schedule.isReactive()) {
      // A stalled metric drives every plateau down through its factor, patience and floor.
      ScheduleState state = schedule.initialState();
      long end = Math.min(schedule.declaredEnd().orElse(2_000), 2_000);
      for (long step = 0; step < end; step++) {
        if (valueOrNull(schedule, step) == null) {
          break; // a factor of a product that fails past its own end
        }
        double value = schedule.valueAt(step, state);
        assertValue(channel, schedule, range, beta1Excursion, step, value);
        state = schedule.observe(state, step, 1.0);
      }
    }
  }

  private static void assertValue(String channel, Schedule schedule, Range range, boolean beta1Excursion, long step, double value) {
    assertTrue(Double.isFinite(value), () -> channel + " at step " + step + " is " + value + ": " + schedule);
    double slack = 1e-12 * Math.max(1, Math.max(Math.abs(range.min()), Math.abs(range.max())));
    assertTrue(value >= range.min() - slack && value <= range.max() + slack,
        () -> channel + " at step " + step + " is " + value + ", outside its declared range " + range + ": " + schedule);
    switch (channel) {
      case Plan.LR, Plan.WEIGHT_DECAY -> assertTrue(value >= 0, () -> channel + " at step " + step + " is negative (" + value + "): " + schedule);
      case Plan.MOMENTUM -> assertTrue(value >= 0 && (value < 1 || beta1Excursion),
          () -> "momentum at step " + step + " is " + value + ", outside [0, 1): " + schedule);
      default -> { }
    }
  }

  /**
   * The value at {@code step}, or null where the schedule refuses it: only past the end of a
   * schedule (or a factor of a product) declared {@link AfterEnd#FAIL}, with {@code StepBeyondEnd}.
   */
  static Double valueOrNull(Schedule schedule, long step) {
    try {
      return schedule.valueAt(step);
    } catch (InvalidScheduleException e) {
      assertEquals(RuleCode.STEP_BEYOND_END, e.violations().get(0).code(), () -> "step " + step + ": " + e.getMessage());
      assertTrue(failsBy(schedule, step), () -> "refused step " + step + " but no part of the schedule fails there: " + schedule);
      return null;
    }
  }

  /** Whether {@code schedule}, a factor or the scaled schedule inside it is declared FAIL and ends at or before {@code step}. */
  private static boolean failsBy(Schedule schedule, long step) {
    if (schedule instanceof Product product) {
      return product.factors().stream().anyMatch(factor -> failsBy(factor, step));
    }
    if (schedule instanceof Scaled scaled) {
      return failsBy(scaled.schedule(), step);
    }
    return schedule.afterEnd() == AfterEnd.FAIL && schedule.declaredEnd().isPresent() && step >= schedule.declaredEnd().getAsLong();
  }

  /** Equal within {@link #ABSOLUTE} / {@link #RELATIVE} at every probe of either schedule; refused at the same steps. */
  static void assertSameCurve(String what, Schedule expected, Schedule actual) {
    TreeSet<Long> steps = Probes.of(expected, 1);
    steps.addAll(Probes.of(actual, 2));
    for (long step : steps) {
      Double want = valueOrNull(expected, step);
      Double got = valueOrNull(actual, step);
      if (want == null || got == null) {
        assertEquals(want, got, () -> what + " at step " + step + ": one refuses the step, the other does not");
        continue;
      }
      double bound = Math.max(ABSOLUTE, RELATIVE * Math.abs(want));
      if (!(Math.abs(want - got) <= bound) && !want.equals(got)) {
        fail(what + " at step " + step + ": expected " + want + " but was " + got + "\n  expected " + expected + "\n  actual   " + actual);
      }
    }
  }
}
