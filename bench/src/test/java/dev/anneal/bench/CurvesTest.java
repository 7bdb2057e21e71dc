package dev.anneal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.tracker.Tracker;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks compare like with like: each generated schedule is the builder's schedule, value
 * for value, and DJL's trackers draw the same curve to float precision. No timing here.
 */
class CurvesTest {
  /**
   * DJL evaluates its trackers in float, from float parameters (3e-6f, 3e-4f, 3e-5f), with about
   * five roundings per value; Anneal computes in double. Each float rounding is at most 2^-24
   * relative, so ten of them stay below 6e-7.
   */
  private static final double FLOAT_ROUNDINGS = 6e-7;

  @Test
  void generatedSchedulesAreTheBuildersSchedules() {
    assertEquals(Curves.warmupCosine(), WarmupCosineSchedule.SCHEDULE.interpreted());
    assertEquals(Curves.warmupStableDecay(), WarmupStableDecaySchedule.SCHEDULE.interpreted());
    assertEquals(Curves.longWarmupCosine(), LongWarmupCosineSchedule.SCHEDULE.interpreted());
    Plan plan = Curves.oneCycleMomentum();
    assertEquals(plan.lr(), OneCycleMomentumPlan.Lr.SCHEDULE.interpreted());
    assertEquals(plan.channel(Plan.MOMENTUM), OneCycleMomentumPlan.Momentum.SCHEDULE.interpreted());
  }

  @Test
  void generatedSteppersAndValueAtEqualTheInterpretedValuesBitForBit() {
    assertSameEveryStep(Curves.warmupCosine(), WarmupCosineSchedule.SCHEDULE, WarmupCosineSchedule.SCHEDULE.stepper()::next, 100_010);
    assertSameEveryStep(Curves.warmupStableDecay(), WarmupStableDecaySchedule.SCHEDULE,
        WarmupStableDecaySchedule.SCHEDULE.stepper()::next, 100_010);
    Plan plan = Curves.oneCycleMomentum();
    assertSameEveryStep(plan.lr(), OneCycleMomentumPlan.Lr.SCHEDULE, OneCycleMomentumPlan.Lr.SCHEDULE.stepper()::next, 10_010);
    assertSameEveryStep(plan.channel(Plan.MOMENTUM), OneCycleMomentumPlan.Momentum.SCHEDULE,
        OneCycleMomentumPlan.Momentum.SCHEDULE.stepper()::next, 10_010);
  }

  private static void assertSameEveryStep(Schedule interpreted, Schedule generated, StepperNext stepper, int steps) {
    for (int step = 0; step < steps; step++) {
      double expected = interpreted.valueAt(step);
      assertEquals(expected, generated.valueAt(step), "valueAt(" + step + ")");
      assertEquals(expected, stepper.next(), "stepper at step " + step);
    }
  }

  /** A generated stepper's {@code next()}. */
  private interface StepperNext {
    double next();
  }

  @Test
  void djlTrackersDrawTheSameWarmupAndCosineToFloatPrecision() {
    Tracker djl = Curves.djlWarmupCosine();
    // By hand: the warm-up starts at 3e-6 and reaches the peak 3e-4 at step 2,000; half-way down
    // the cosine (step 2,000 + 49,000) is the mean of peak and floor; the floor 3e-5 holds after.
    assertEquals(3e-6, djl.getNewValue(0), 3e-6 * FLOAT_ROUNDINGS);
    assertEquals(3e-4, djl.getNewValue(2_000), 3e-4 * FLOAT_ROUNDINGS);
    assertEquals((3e-4 + 3e-5) / 2, djl.getNewValue(51_000), 3e-4 * FLOAT_ROUNDINGS);
    assertEquals(3e-5, djl.getNewValue(100_000), 3e-5 * FLOAT_ROUNDINGS);
    assertEquals(3e-5, djl.getNewValue(500_000), 3e-5 * FLOAT_ROUNDINGS);
    assertCloseEveryStep(Curves.warmupCosine()::valueAt, djl, 100_010);
    assertCloseEveryStep(Curves.longWarmupCosine()::valueAt, Curves.djlLongWarmupCosine(), 10_000_010);
  }

  private static void assertCloseEveryStep(LongToDoubleFunction anneal, Tracker djl, int steps) {
    double worst = 0;
    int worstStep = -1;
    for (int step = 0; step < steps; step++) {
      double expected = anneal.applyAsDouble(step);
      double relative = Math.abs(djl.getNewValue(step) - expected) / expected;
      if (relative > worst) {
        worst = relative;
        worstStep = step;
      }
    }
    assertTrue(worst <= FLOAT_ROUNDINGS, "DJL differs from Anneal by " + worst + " (relative) at step " + worstStep);
  }

  @Test
  void djlOptimizersAskForStepOneOnTheFirstUpdate() {
    // DJL's update count starts at 1: DJL's first update uses the curve's value at 1, not at 0 as
    // Anneal (and PyTorch) do. The benchmarks time the same curve either way.
    Tracker djl = Curves.djlWarmupCosine();
    TrackerCalls calls = new TrackerCalls(djl);
    assertEquals(djl.getNewValue(1), calls.learningRate("w"));
    assertEquals(djl.getNewValue(1), calls.learningRate("b"));
    assertEquals(djl.getNewValue(2), calls.learningRate("w"));
  }
}
