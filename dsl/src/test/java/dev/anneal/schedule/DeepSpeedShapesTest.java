package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shapes added for DeepSpeed's formulas: values derived by hand, their rules, their ranges,
 * and the one exception in the plan rules (DeepSpeed's β1 growing past 1).
 */
class DeepSpeedShapesTest {
  private static final double EXACT = 1e-15;

  private static String error(Runnable construction) {
    return assertThrows(InvalidScheduleException.class, construction::run).getMessage();
  }

  @Test
  void logWarmUpCoversHalfTheWayBySqrtNMinusOneAndArrivesAtTheLastStep() {
    LogWarmup warmup = new LogWarmup(0, 1);

    assertEquals(0.0, warmup.valueAt(0, 4));
    assertEquals(0.5, warmup.valueAt(1, 4), EXACT); // ln 2 / ln 4
    assertEquals(1.0, warmup.valueAt(3, 4), EXACT); // ln 4 / ln 4
    assertEquals(1.0, warmup.endValue(4));
    assertEquals(1.0, warmup.range(4).max(), EXACT); // steps 0..3 and the end value held after them
    // A reversed phase reads the formula at t = n, where it overshoots: the wrapper's range holds it.
    assertEquals(Math.log(5) / Math.log(4), new Reversed(warmup).range(4).max(), EXACT);
    assertTrue(warmup.rangePastEnd(4).isFinite());
    assertEquals("[OutOfRange] steps: steps (1) must lie in [2, ∞) for a log warm-up (the formula divides by ln(steps))",
        error(() -> new Phase(warmup, 1)));
  }

  /** DeepSpeed's warm-down (warmup_min_lr above the max, warmup_num_steps 2): 0.005, then 0.001 held; never below. */
  @Test
  void aLogWarmDownStaysBetweenItsEnds() {
    LogWarmup warmDown = new LogWarmup(0.005, 0.001);

    assertEquals(0.001, warmDown.valueAt(1, 2), EXACT);
    assertEquals(0.001, warmDown.range(2).min(), EXACT);
    assertEquals(0.005, warmDown.range(2).max(), EXACT);
  }

  @Test
  void linearGrowthIsContinuousOrInStairs() {
    LinearGrowth continuous = new LinearGrowth(1e-3, 1.0, 100, false);
    LinearGrowth stairs = new LinearGrowth(1e-3, 1.0, 100, true);

    assertEquals(1.5e-3, continuous.valueAt(50, Phase.OPEN), 1e-18);
    assertEquals(1e-3, stairs.valueAt(99, Phase.OPEN));
    assertEquals(2e-3, stairs.valueAt(100, Phase.OPEN));
    assertEquals(2e-3, stairs.valueAt(199, Phase.OPEN));
    assertEquals(3e-3, stairs.valueAt(200, Phase.OPEN), 1e-18);
    // Open, yet bounded over the 64-bit step range: a plan accepts a range test that never ends.
    Range range = continuous.range(Phase.OPEN);
    assertEquals(1e-3, range.min());
    assertEquals(1e-3 * (1 + Long.MAX_VALUE / 100.0), range.max(), 1e3);
    assertEquals(List.of(), Plan.of(Sequence.of(continuous, Phase.OPEN, AfterEnd.HOLD)).warnings());
    assertEquals("[NonFiniteAtStep] rate: the value at step a late step would be Infinity; every value up to the declared end must be"
        + " finite", error(() -> new Phase(new LinearGrowth(1, 1e300, 1, false), Phase.OPEN)));
  }

  @Test
  void stairCycleHoldsEachStairAndCountsFromTheIntegerPosition() {
    StairCycle cycle = new StairCycle(0, 1, 4, 6, 4, 6, false);

    assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0), values(cycle, 0, 5));
    assertEquals(5.0 / 6, cycle.valueAt(5, Phase.OPEN), EXACT); // floor((10 - 5) * 6 / 6) / 6
    assertEquals(1.0 / 6, cycle.valueAt(9, Phase.OPEN), EXACT);
    assertEquals(0.0, cycle.valueAt(10, Phase.OPEN)); // the next cycle starts
    assertEquals(1.0 - 5.0 / 6, new StairCycle(0, 1, 4, 6, 4, 6, true).valueAt(5, Phase.OPEN), EXACT);
  }

  @Test
  void stairCycleWithOneStairCountStaysContinuousInTheOtherHalf() {
    StairCycle upInStairs = new StairCycle(0, 1, 4, 6, 2, 0, false);

    assertEquals(0.0, upInStairs.valueAt(1, Phase.OPEN)); // floor(1 * 2 / 4) / 2
    assertEquals(0.5, upInStairs.valueAt(2, Phase.OPEN));
    assertEquals(5.0 / 6, upInStairs.valueAt(5, Phase.OPEN), EXACT); // (x - 1) / (r - 1) with x = 0.5, r = 0.4
  }

  @Test
  void stairCycleWithoutStairsIsPyTorchsTriangularCycleToTheBit() {
    StairCycle stairless = new StairCycle(1e-4, 1e-3, 500, 700, 0, 0, true);
    Cyclic cyclic = new Cyclic(1e-4, 1e-3, 500, 700, Cyclic.Mode.TRIANGULAR, 1.0, true);

    for (long t = 0; t <= 2500; t++) {
      assertEquals(cyclic.valueAt(t, Phase.OPEN), stairless.valueAt(t, Phase.OPEN), "t = " + t);
    }
    assertEquals("[CyclicBaseAboveMax] base: base (1) must not exceed max (0.5)",
        error(() -> new Phase(new StairCycle(1, 0.5, 4, 4, 1, 1, false), 8)));
    assertEquals("[NegativeValue] downStairs: downStairs (-2) must be at least 0",
        error(() -> new Phase(new StairCycle(0, 1, 4, 4, 1, -2, false), 8)));
  }

  @Test
  void inverseTimeDecayHalvesAtEveryOverRate() {
    InverseTimeDecay decay = new InverseTimeDecay(0.1, 1.0, 10);

    assertEquals(0.1, decay.valueAt(0, Phase.OPEN));
    assertEquals(0.05, decay.valueAt(10, Phase.OPEN));
    assertEquals(0.025, decay.valueAt(30, Phase.OPEN));
    assertEquals(0.1, decay.range(Phase.OPEN).max());
    assertTrue(decay.range(Phase.OPEN).min() > 0);
    assertEquals("[NegativeValue] rate: rate (-1) must be at least 0", error(() -> new Phase(new InverseTimeDecay(0.1, -1, 10), Phase.OPEN)));
  }

  @Test
  void postCycleMomentumNamesTheLastStepAtOrBelowOne() {
    PostCycleMomentum growth = new PostCycleMomentum(0.99, 0.01, 100);

    // 0.99 * (1 + 1e-4 * t) > 1 from t > 101.01 on.
    assertEquals(101, growth.lastStepAtMostOne(Phase.OPEN));
    assertTrue(growth.valueAt(101, Phase.OPEN) <= 1 && growth.valueAt(102, Phase.OPEN) > 1);
    assertEquals(-1, growth.lastStepAtMostOne(50));
    assertEquals(-1, new PostCycleMomentum(0.99, 0, 100).lastStepAtMostOne(Phase.OPEN));
    assertEquals(List.of("[Beta1AboveOne] rate: β1 exceeds 1 after step 101: from * (1 + rate * t / every) grows with rate 0.01 > 0"
        + " (DeepSpeed's post-cycle momentum decay) and is 1.000098 at step 102; Adam diverges with β1 >= 1"),
        growth.check(Phase.OPEN).stream().map(Violation::toString).toList());
  }

  @Test
  void aMomentumChannelMayGrowPastOneOnlyThroughPostCycleMomentumAndWarns() {
    Sequence deepSpeed = new Sequence(List.of(
        new Phase(new Constant(0.85), 1), new Phase(new Constant(0.9), 10), new Phase(new PostCycleMomentum(0.99, 0.01, 100), Phase.OPEN)));
    Plan plan = new Plan(Map.of(Plan.LR, Sequence.of(new Constant(0.1), Phase.OPEN, AfterEnd.HOLD), Plan.MOMENTUM, deepSpeed));

    assertEquals(List.of("[Beta1AboveOne] channels.momentum.phases[2].rate: β1 exceeds 1 after step 101: from * (1 + rate * t / every)"
        + " grows with rate 0.01 > 0 (DeepSpeed's post-cycle momentum decay) and is 1.000098 at step 102; Adam diverges with β1 >= 1"),
        plan.warnings().stream().map(Violation::toString).toList());

    // The rule reports the highest value of the whole range, which the growth reaches at the last 64-bit step.
    Sequence alsoTooHigh = new Sequence(List.of(new Phase(new Constant(1.5), 1), new Phase(new PostCycleMomentum(0.99, 0.01, 100), Phase.OPEN)));
    assertEquals("[MomentumOutOfRange] channels.momentum: momentum reaches 9.131138316486239E14; momentum and Adam beta1 must lie in [0, 1)",
        error(() -> new Plan(Map.of(Plan.MOMENTUM, alsoTooHigh))));
    Sequence linear = new Sequence(List.of(new Phase(new Linear(0.9, 1.2), 100)));
    assertEquals("[MomentumOutOfRange] channels.momentum: momentum reaches 1.2; momentum and Adam beta1 must lie in [0, 1)",
        error(() -> new Plan(Map.of(Plan.MOMENTUM, linear))));
  }

  @Test
  void shiftedEvaluatesItsShapeAhead() {
    Shifted cosine = new Shifted(new Cosine(1, 0), 1);

    assertEquals((1 + Math.cos(Math.PI / 4)) / 2, cosine.valueAt(0, 4), EXACT);
    assertEquals(0.0, cosine.valueAt(3, 4), EXACT);
    assertEquals(Range.of(0, 1), cosine.range(4));
    assertEquals("[NegativeValue] by: by (-1) must be at least 0", error(() -> new Phase(new Shifted(new Constant(1), -1), 3)));
    assertEquals("[NonFiniteValue] inner.to: to (NaN) must be a finite number", error(() -> new Phase(new Shifted(new Cosine(1, Double.NaN), 1), 3)));
    assertEquals("shifted", new Sequence(List.of(new Phase(cosine, 4))).explain(2).shape());
  }

  @Test
  void reversedRunsItsShapeBackwards() {
    Reversed decay = new Reversed(new Linear(0, 1));

    assertEquals(List.of(1.0, 0.75, 0.5, 0.25, 0.0), values(decay, 0, 5, 4));
    assertEquals(0.0, decay.endValue(4));
    assertEquals("[NeedsLength] steps: a reversed phase needs a length in steps; only constant, exponential, step, milestones, inverse-sqrt,"
        + " cyclic, cosine-restarts, plateau, linear-growth, stair-cycle, inverse-time and post-cycle-momentum phases (and these shifted)"
        + " may run forever", error(() -> new Phase(decay, Phase.OPEN)));
  }

  private static List<Double> values(Shape shape, long from, int count) {
    return values(shape, from, count, Phase.OPEN);
  }

  private static List<Double> values(Shape shape, long from, int count, long n) {
    return java.util.stream.LongStream.range(from, from + count).mapToObj(t -> shape.valueAt(t, n)).toList();
  }
}
