package dev.anneal.config.pytorch;

import static dev.anneal.config.pytorch.PyTorchFormatErrorsTest.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.Formats;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Single-scheduler arguments that look wrong but that torch runs without an exception (it checks
 * none of them): each is read with a warning that says what torch does and the likely fix, and the
 * curve is torch's. Expected values are hand-derived from torch 1.13's {@code lr_scheduler.py}; the
 * golden-edge cases ({@link PyTorchEdgeGoldenTest}) check whole curves.
 */
class PyTorchUpstreamRunsTest {
  private static final String SGD = "{\"type\": \"SGD\", \"lr\": 0.1, \"momentum\": 0.9}";

  private Plan plan;
  private List<String> warnings;

  @Test
  void multiStepGammaAboveOneGrowsAtEachMilestone() {
    read(SGD, "{\"type\": \"MultiStepLR\", \"kwargs\": {\"milestones\": [30, 60], \"gamma\": 2}}");

    assertWarnings("[GammaAboveOne] scheduler.kwargs.gamma: gamma (2) is above 1, so torch's MultiStepLR raises the learning rate"
        + " at each milestone, to 0.4 after the last; a decay needs a gamma below 1");
    assertEquals(0.1, plan.lr().valueAt(29));
    assertEquals(0.2, plan.lr().valueAt(30));
    assertEquals(0.4, plan.lr().valueAt(1_000_000));
  }

  @Test
  void stepGammaAboveOneGrowsUntilTheLearningRateOverflows() {
    read(SGD, "{\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 10, \"gamma\": 1.5}}");

    // 1.5^1750 is below Double.MAX_VALUE and 1.5^1751 above it: the plan holds steps 0..17508 (level 1750 from 17500).
    assertWarnings("[GammaAboveOne] scheduler.kwargs.gamma: gamma (1.5) is above 1, so torch's StepLR raises the learning rate"
        + " every 10 steps; Anneal's plan holds its first 17509 steps, as the factor gamma^k overflows soon after; a decay needs a gamma"
        + " below 1");
    assertEquals(0.1 * 1.5, plan.lr().valueAt(10), 1e-17);
    assertEquals(0.1 * Math.pow(1.5, 1750), plan.lr().valueAt(17508));
    assertThrows(InvalidScheduleException.class, () -> plan.lr().valueAt(17509));
  }

  @Test
  void aNegativeStepSizeDecaysAtEveryMultipleOfItsMagnitude() {
    read(SGD, "{\"type\": \"StepLR\", \"kwargs\": {\"step_size\": -3, \"gamma\": 0.5}}");

    assertWarnings("[NegativeStepSize] scheduler.kwargs.step_size: step_size (-3) is negative; torch's StepLR decays at each step"
        + " that step_size divides, and Python's modulo finds those at every multiple of 3 whatever the sign, so the learning rate"
        + " decays every 3 steps; write step_size 3");
    // torch 1.13: 0.1 at steps 0..2, 0.05 at 3..5, 0.025 at 6.
    assertEquals(List.of(0.1, 0.1, 0.05, 0.05, 0.025), List.of(plan.lr().valueAt(0), plan.lr().valueAt(2), plan.lr().valueAt(3),
        plan.lr().valueAt(5), plan.lr().valueAt(6)));
  }

  @Test
  void exponentialGammaAboveOneIsARangeTestUntilTheLearningRateOverflows() {
    read(SGD, "{\"type\": \"ExponentialLR\", \"kwargs\": {\"gamma\": 1.1}}");

    // 1.1^7447 is below Double.MAX_VALUE and 1.1^7448 above it.
    assertWarnings("[GammaAboveOne] scheduler.kwargs.gamma: gamma (1.1) is above 1, so torch's ExponentialLR raises the learning rate"
        + " at every step; Anneal's plan holds its first 7447 steps, as the factor gamma^t overflows soon after; a decay needs a gamma"
        + " below 1");
    assertEquals(0.1 * 1.1 * 1.1, plan.lr().valueAt(2), 1e-17);
    assertThrows(InvalidScheduleException.class, () -> plan.lr().valueAt(7447));
  }

  @Test
  void gammaZeroZeroesTheLearningRateAtTheFirstDecay() {
    read(SGD, "{\"type\": \"StepLR\", \"kwargs\": {\"step_size\": 5, \"gamma\": 0}}");
    assertWarnings("[GammaZero] scheduler.kwargs.gamma: gamma is 0, so torch's StepLR sets the learning rate to 0 at step 5 and keeps it"
        + " there, and no later update changes the model; a decay needs a gamma between 0 and 1");
    assertEquals(List.of(0.1, 0.0, 0.0), List.of(plan.lr().valueAt(4), plan.lr().valueAt(5), plan.lr().valueAt(1000)));

    read(SGD, "{\"type\": \"MultiStepLR\", \"kwargs\": {\"milestones\": [20, 10, 10], \"gamma\": 0}}");
    assertWarnings("[GammaZero] scheduler.kwargs.gamma: gamma is 0, so torch's MultiStepLR sets the learning rate to 0 at step 10 and keeps"
            + " it there, and no later update changes the model; a decay needs a gamma between 0 and 1",
        "[MilestonesUnsorted] scheduler.kwargs.milestones: milestones [20, 10, 10] are not in increasing order;"
            + " PyTorch counts them as a set, so they act as [10, 10, 20]");
    assertEquals(List.of(0.1, 0.0, 0.0), List.of(plan.lr().valueAt(9), plan.lr().valueAt(10), plan.lr().valueAt(25)));

    read(SGD, "{\"type\": \"ExponentialLR\", \"kwargs\": {\"gamma\": 0}}");
    assertWarnings("[GammaZero] scheduler.kwargs.gamma: gamma is 0, so torch's ExponentialLR sets the learning rate to 0 at step 1 and keeps"
        + " it there, and no later update changes the model; a decay needs a gamma between 0 and 1");
    assertEquals(List.of(0.1, 0.0), List.of(plan.lr().valueAt(0), plan.lr().valueAt(1)));
  }

  @Test
  void polynomialPowerZeroNeverMovesTheLearningRate() {
    read(SGD, "{\"type\": \"PolynomialLR\", \"kwargs\": {\"total_iters\": 10, \"power\": 0}}");

    assertWarnings("[PowerZero] scheduler.kwargs.power: power is 0, so torch's PolynomialLR keeps the learning rate at 0.1 for good"
        + " (x ** 0 is 1, even 0.0 ** 0 at total_iters); use power 1 for a linear decay to 0");
    for (long step : new long[] {0, 5, 10, 11, 1000}) {
      assertEquals(0.1, plan.lr().valueAt(step));
    }
  }

  @Test
  void cyclicStepSizeDownZeroIsASawtooth() {
    read(SGD, "{\"type\": \"CyclicLR\", \"kwargs\": {\"base_lr\": 0.001, \"max_lr\": 0.011, \"step_size_up\": 10, \"step_size_down\": 0,"
        + " \"cycle_momentum\": false}}");

    assertWarnings("[SawtoothCycle] scheduler.kwargs.step_size_down: step_size_down is 0, which torch keeps (only None means"
        + " step_size_up), so each cycle rises for 10 steps and drops back to base_lr in one step, a sawtooth; leave step_size_down"
        + " out for a symmetric cycle");
    assertEquals(0.001, plan.lr().valueAt(0));
    assertEquals(0.006, plan.lr().valueAt(5), 1e-17);
    assertEquals(0.001, plan.lr().valueAt(10));
    assertEquals(0.003, plan.lr().valueAt(12), 1e-17);
  }

  @Test
  void cyclicBaseAboveMaxCyclesUpsideDownForTheLearningRateAndTheMomentum() {
    read(SGD, "{\"type\": \"CyclicLR\", \"kwargs\": {\"base_lr\": 0.2, \"max_lr\": 0.1, \"step_size_up\": 10,"
        + " \"base_momentum\": 0.95, \"max_momentum\": 0.85}}");

    assertWarnings(
        "[InvertedCycle] scheduler.kwargs.base_lr: base_lr (0.2) is above max_lr (0.1), so torch's CyclicLR cycles the learning rate"
            + " upside down, from 0.2 towards 0.1 and back; swap the two values for the usual cycle",
        "[InvertedCycle] scheduler.kwargs.base_momentum: base_momentum (0.95) is above max_momentum (0.85), so torch's CyclicLR cycles"
            + " the momentum upside down, from 0.85 towards 0.95 and back; swap the two values for the usual cycle");
    Schedule lr = plan.lr();
    Schedule momentum = plan.channel(Plan.MOMENTUM);
    // Bit for bit what torch 1.13 gives at steps 0, 3, 10 and 20.
    assertEquals(List.of(0.2, 0.17000000000000004, 0.1, 0.2), List.of(lr.valueAt(0), lr.valueAt(3), lr.valueAt(10), lr.valueAt(20)));
    assertEquals(List.of(0.85, 0.88, 0.95, 0.85),
        List.of(momentum.valueAt(0), momentum.valueAt(3), momentum.valueAt(10), momentum.valueAt(20)));
  }

  @Test
  void cyclicExpRangeGammaAboveOneGrowsTheCyclesUntilGammaToTheTOverflows() {
    read(SGD, "{\"type\": \"CyclicLR\", \"kwargs\": {\"base_lr\": 0.0, \"max_lr\": 0.001, \"step_size_up\": 5,"
        + " \"step_size_down\": 3, \"mode\": \"exp_range\", \"gamma\": 1.01, \"cycle_momentum\": false}}");

    assertWarnings("[GammaAboveOne] scheduler.kwargs.gamma: gamma (1.01) is above 1, so torch's CyclicLR raises the learning rate peak"
        + " higher in every cycle (the amplitude gamma^t grows at every step); Anneal's plan holds its first 71332 steps, as gamma^t"
        + " overflows soon after; a decay needs a gamma below 1");
    // torch 1.13 (CyclicLR(SGD(lr=0.1, momentum=0.9), 0.0, 0.001, step_size_up=5, step_size_down=3, mode='exp_range', gamma=1.01,
    // cycle_momentum=False)) at steps 0, 1, 5, 7, 100 and 1000; its step() to step 71333 raises OverflowError (1.01 ** 71333). The plan ends a step earlier, where the bound of the
    // cyclic shape (its amplitude one step past its end) is still finite.
    long[] steps = {0, 1, 5, 7, 100, 1000};
    double[] torch = {0.0, 0.000202, 0.0010510100501000001, 0.00035737845070233666, 0.002163851063537223, 0.0};
    for (int i = 0; i < steps.length; i++) {
      assertEquals(torch[i], plan.lr().valueAt(steps[i]), Math.max(1e-12, 1e-9 * torch[i]), "step " + steps[i]);
    }
    assertTrue(Double.isFinite(plan.lr().valueAt(71331)));
    assertThrows(InvalidScheduleException.class, () -> plan.lr().valueAt(71332));
  }

  @Test
  void cyclicExpRangeGammaZeroFlattensTheCycleToBaseLr() {
    read(SGD, "{\"type\": \"CyclicLR\", \"kwargs\": {\"base_lr\": 0.001, \"max_lr\": 0.01, \"step_size_up\": 4,"
        + " \"mode\": \"exp_range\", \"gamma\": 0}}");

    assertWarnings("[CycleFlattened] scheduler.kwargs.gamma: gamma is 0 in mode exp_range, so torch's CyclicLR scales the cycle by"
        + " 0 ** t, which is 0 from step 1 on: the learning rate stays at base_lr (0.001) and the momentum at max_momentum (0.9) and"
        + " never cycles; use a gamma between 0 and 1 to shrink the cycles step by step");
    // torch 1.13 (CyclicLR(SGD(lr=0.1, momentum=0.9), 0.001, 0.01, step_size_up=4, mode='exp_range', gamma=0.0)), steps 0..11:
    // lr 0.001 and momentum 0.9 at every step.
    for (long step = 0; step < 12; step++) {
      assertEquals(0.001, plan.lr().valueAt(step));
      assertEquals(0.9, plan.channel(Plan.MOMENTUM).valueAt(step));
    }
  }

  @Test
  void cosineEtaMinAboveTheLearningRateRisesTowardsIt() {
    read(SGD, "{\"type\": \"CosineAnnealingLR\", \"kwargs\": {\"T_max\": 100, \"eta_min\": 0.5}}");

    assertWarnings("[FloorAboveStart] scheduler.kwargs.eta_min: eta_min (0.5) is above the learning rate (0.1), so torch's"
        + " CosineAnnealingLR raises the learning rate towards eta_min where a decay was probably meant; set eta_min below the learning rate");
    assertEquals(0.1, plan.lr().valueAt(0), 1e-16);
    assertEquals(0.5, plan.lr().valueAt(100), 1e-15);
  }

  @Test
  void plateauMinLrAboveTheLearningRateNeverReduces() {
    read(SGD, "{\"type\": \"ReduceLROnPlateau\", \"kwargs\": {\"patience\": 0, \"min_lr\": 0.5}}");

    assertWarnings("[MinLrAboveLr] scheduler.kwargs.min_lr: min_lr (0.5) is above the learning rate (0.1), so torch's"
        + " ReduceLROnPlateau never changes it: a reduction would raise it to min_lr, and torch applies only a change that lowers it"
        + " by more than eps; set min_lr below the learning rate");
    // A metric that never improves: with patience 0 torch tries to reduce at every step and never does.
    Schedule lr = plan.lr();
    ScheduleState state = lr.initialState();
    for (int step = 0; step < 20; step++) {
      assertEquals(0.1, lr.valueAt(step, state));
      state = lr.observe(state, step, 1.0 + step);
    }
  }

  private void read(String optimizer, String scheduler) {
    var imported = Formats.byName("pytorch").read(config(optimizer, scheduler));
    plan = imported.plan();
    // The notes naming optimizer settings a scheduler leaves alone are pinned by PyTorchIgnoredKeysTest.
    warnings = imported.warnings().stream().filter(v -> v.severity() != Severity.NOTE).map(Violation::toString).toList();
  }

  private void assertWarnings(String... expected) {
    assertEquals(List.of(expected), warnings);
  }
}
