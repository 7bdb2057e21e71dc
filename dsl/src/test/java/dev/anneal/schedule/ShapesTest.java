package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each shape's formula at points whose value is known by hand. */
class ShapesTest {
  private static final double EXACT = 0;

  @Test
  void linearInterpolatesAndEndsOnItsTarget() {
    Linear line = new Linear(1, 3);
    assertEquals(1, line.valueAt(0, 4), EXACT);
    assertEquals(1.5, line.valueAt(1, 4), EXACT);
    assertEquals(3, line.valueAt(4, 4), EXACT);
    assertEquals(3, line.endValue(4), EXACT);
  }

  @Test
  void cosineHalfPeriodPassesTheMidpointAtHalfway() {
    Cosine cosine = new Cosine(1, 0);
    assertEquals(1, cosine.valueAt(0, 100), EXACT);
    assertEquals(0.5, cosine.valueAt(50, 100), 1e-16);
    assertEquals(0, cosine.valueAt(100, 100), 1e-16);
    assertEquals(0, cosine.endValue(100), EXACT);
    assertEquals(1, cosine.valueAt(200, 100), 1e-16, "a continued cosine comes back up after another n steps");
  }

  @Test
  void cosineCanRise() {
    Cosine warmup = new Cosine(0, 1);
    assertEquals(0, warmup.valueAt(0, 10), 1e-16);
    assertEquals(0.5, warmup.valueAt(5, 10), 1e-16);
    assertEquals(1, warmup.valueAt(10, 10), 1e-16);
  }

  @Test
  void exponentialShapes() {
    assertEquals(0.125, new Exponential(1, 0.5).valueAt(3, Phase.OPEN), EXACT);
    ExponentialTo toTarget = new ExponentialTo(1, 0.01);
    assertEquals(0.1, toTarget.valueAt(5, 10), 1e-16);
    assertEquals(0.01, toTarget.endValue(10), EXACT);
  }

  @Test
  void polynomialOfPowerTwo() {
    Polynomial poly = new Polynomial(1, 0, 2);
    assertEquals(0.25, poly.valueAt(5, 10), EXACT);
    assertEquals(0, poly.valueAt(10, 10), EXACT);
  }

  @Test
  void oneMinusSqrt() {
    OneMinusSqrt decay = new OneMinusSqrt(1, 0);
    assertEquals(0.5, decay.valueAt(25, 100), EXACT);
    assertEquals(0, decay.valueAt(100, 100), EXACT);
  }

  @Test
  void inverseSqrtHalvesAtThreeTimescalesAndRespectsItsFloor() {
    InverseSqrt shape = new InverseSqrt(1, 100);
    assertEquals(1, shape.valueAt(0, Phase.OPEN), EXACT);
    assertEquals(0.5, shape.valueAt(300, Phase.OPEN), EXACT);
    assertEquals(0.6, new InverseSqrt(1, 100, 0.6).valueAt(300, Phase.OPEN), EXACT);
  }

  @Test
  void stepDecayDropsEveryNSteps() {
    StepDecay step = new StepDecay(1, 30, 0.5);
    assertEquals(1, step.valueAt(29, Phase.OPEN), EXACT);
    assertEquals(0.5, step.valueAt(30, Phase.OPEN), EXACT);
    assertEquals(0.25, step.valueAt(60, Phase.OPEN), EXACT);
  }

  @Test
  void milestonesCountRepeatsAsPyTorchDoes() {
    Milestones shape = new Milestones(1, List.of(2L, 5L, 5L), 0.5);
    assertEquals(1, shape.valueAt(1, Phase.OPEN), EXACT);
    assertEquals(0.5, shape.valueAt(2, Phase.OPEN), EXACT);
    assertEquals(0.125, shape.valueAt(5, Phase.OPEN), EXACT);
  }

  @Test
  void triangularCycleRisesAndFalls() {
    Cyclic cycle = new Cyclic(0, 1, 2, 2, Cyclic.Mode.TRIANGULAR, 1, false);
    double[] expected = {0, 0.5, 1, 0.5, 0, 0.5};
    for (int t = 0; t < expected.length; t++) {
      assertEquals(expected[t], cycle.valueAt(t, Phase.OPEN), 1e-16, "t = " + t);
    }
    Cyclic mirrored = new Cyclic(0, 1, 2, 2, Cyclic.Mode.TRIANGULAR, 1, true);
    assertEquals(1, mirrored.valueAt(0, Phase.OPEN), 1e-16);
    assertEquals(0, mirrored.valueAt(2, Phase.OPEN), 1e-16);
  }

  @Test
  void triangular2HalvesTheAmplitudeEachCycle() {
    Cyclic cycle = new Cyclic(0, 1, 2, 2, Cyclic.Mode.TRIANGULAR2, 1, false);
    assertEquals(1, cycle.valueAt(2, Phase.OPEN), 1e-16);
    assertEquals(0.5, cycle.valueAt(6, Phase.OPEN), 1e-16);
    assertEquals(0.25, cycle.valueAt(10, Phase.OPEN), 1e-16);
  }

  @Test
  void warmRestartsLengthenByTMult() {
    CosineRestarts restarts = new CosineRestarts(1, 0, 2, 2);
    // periods: [0, 2) of length 2, [2, 6) of length 4, [6, 14) of length 8
    assertEquals(1, restarts.valueAt(0, Phase.OPEN), EXACT);
    assertEquals(0.5, restarts.valueAt(1, Phase.OPEN), 1e-16);
    assertEquals(1, restarts.valueAt(2, Phase.OPEN), EXACT);
    assertEquals(0.5, restarts.valueAt(4, Phase.OPEN), 1e-16);
    assertEquals(1, restarts.valueAt(6, Phase.OPEN), EXACT);
    assertEquals(0.5, restarts.valueAt(10, Phase.OPEN), 1e-16);
    assertEquals(1, new CosineRestarts(1, 0, 2, 1).valueAt(4, Phase.OPEN), EXACT);
  }

  @Test
  void warmRestartsWithAFloorAboveTheStartRiseInEveryPeriodWithAWarning() {
    // PyTorch's CosineAnnealingWarmRestarts with eta_min 2 above lr 1: each period rises from 1 towards 2.
    Sequence rising = Sequence.of(new CosineRestarts(1, 2, 2, 1), Phase.OPEN, AfterEnd.HOLD);
    assertEquals(List.of("[RestartsRise] phases[0].floor: floor (2) is above from (1), so every restart period rises from 1 towards 2"
        + " instead of decaying, as PyTorch's CosineAnnealingWarmRestarts does with eta_min above the learning rate; set floor below"
        + " from for a decay"), rising.warnings().stream().map(Violation::toString).toList());
    assertEquals(List.of(1.0, 1.5, 1.0), List.of(rising.valueAt(0), rising.valueAt(1), rising.valueAt(2)));
  }

  @Test
  void warmRestartsDoNotOverflowFarOut() {
    CosineRestarts restarts = new CosineRestarts(1, 0, 1, 3);
    double value = restarts.valueAt(Long.MAX_VALUE - 1, Phase.OPEN);
    assertEquals(true, value >= 0 && value <= 1, "value " + value);
  }

  @Test
  void oneCycleTwoPhaseLinear() {
    // 10 steps, pct 0.5: up over steps 0..4 (end step 4), down over 4..9.
    OneCycle cycle = new OneCycle(0, 1, 0.1, 0.5, OneCycle.Anneal.LINEAR, false);
    assertEquals(0, cycle.valueAt(0, 10), EXACT);
    assertEquals(0.5, cycle.valueAt(2, 10), EXACT);
    assertEquals(1, cycle.valueAt(4, 10), EXACT);
    assertEquals(0.1, cycle.valueAt(9, 10), 1e-16);
    assertEquals(0.1, cycle.endValue(10), EXACT);
  }

  @Test
  void plateauReducesAfterPatienceAndCoolsDown() {
    Plateau plateau = new Plateau(1, Plateau.Mode.MIN, 0.5, 1, 0, Plateau.ThresholdMode.ABS, 1, 0.2, 0);
    PlateauState state = plateau.initialState();
    double[] metrics = {5, 5, 5, 5, 5, 5, 5};
    double[] values = new double[metrics.length];
    for (int i = 0; i < metrics.length; i++) {
      state = plateau.observe(state, metrics[i]);
      values[i] = state.value();
    }
    // best=5; bad 1; bad 2 > patience 1 -> 0.5, cooldown 1; cooldown absorbs; bad 1; bad 2 -> 0.25; …; floor 0.2
    assertEquals(List.of(1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25), box(values));
    assertEquals(7, state.observations());
  }

  private static List<Double> box(double[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }
}
