package dev.anneal.config.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenAssert;
import dev.anneal.golden.GoldenCase;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The presets used from Java: PyTorch's defaults, golden parity, and violations named by PyTorch's keyword arguments. */
class PyTorchSchedulersTest {

  @Test
  void stepLrMatchesGolden() {
    GoldenCase golden = GoldenCase.named("pytorch", "steplr");
    Plan plan = new StepLR(30).build(PyTorchOptimizer.sgd(0.1, 0.9)).plan();

    GoldenAssert.assertCurve("StepLR", golden.lr(), plan.lr().values(0, golden.steps()));
  }

  @Test
  void constantLrDefaultsAreTorchs() {
    GoldenCase golden = GoldenCase.named("pytorch", "constantlr"); // recorded with factor 1/3, total_iters 5
    Plan plan = new ConstantLR().build(PyTorchOptimizer.sgd(0.05, 0.9)).plan();

    GoldenAssert.assertCurve("ConstantLR()", golden.lr(), plan.lr().values(0, golden.steps()));
  }

  @Test
  void oneCycleOnAdamWCyclesBeta1() {
    GoldenCase golden = GoldenCase.named("pytorch", "onecyclelr-cos-adamw");
    Plan plan = OneCycleLR.ofTotalSteps(0.01, 1000).build(PyTorchOptimizer.adamW(0.001).withBetas(0.95, 0.999)).plan();

    GoldenAssert.assertCurve("OneCycleLR lr", golden.lr(), plan.lr().values(0, golden.steps()));
    GoldenAssert.assertCurve("OneCycleLR beta1", golden.momentum(), plan.channel(Plan.MOMENTUM).values(0, golden.steps()));
  }

  @Test
  void oneCycleByEpochsEqualsOneCycleByTotalSteps() {
    Schedule byEpochs = OneCycleLR.ofEpochs(0.05, 12, 100).withThreePhase(true).build(PyTorchOptimizer.sgd(0.05, 0.9)).plan().lr();
    GoldenCase golden = GoldenCase.named("pytorch", "onecyclelr-three-phase"); // total_steps 1200

    GoldenAssert.assertCurve("OneCycleLR epochs x steps_per_epoch", golden.lr(), byEpochs.values(0, golden.steps()));
  }

  @Test
  void cyclicLrWithMomentumMatchesGolden() {
    GoldenCase golden = GoldenCase.named("pytorch", "cycliclr-triangular-momentum");
    Plan plan = new CyclicLR(1e-4, 1e-3).withStepSizes(200, null).withMomentum(0.8, 0.9).build(PyTorchOptimizer.sgd(0.001, 0.9)).plan();

    GoldenAssert.assertCurve("CyclicLR lr", golden.lr(), plan.lr().values(0, golden.steps()));
    GoldenAssert.assertCurve("CyclicLR momentum", golden.momentum(), plan.channel(Plan.MOMENTUM).values(0, golden.steps()));
  }

  @Test
  void cyclicLrDefaults() {
    Plan plan = new CyclicLR(0.001, 0.006).build(PyTorchOptimizer.sgd(0.1, 0.9)).plan();

    // step_size_up = step_size_down = 2000, triangular, momentum 0.9 → 0.8 against the learning rate.
    assertEquals(0.001, plan.lr().valueAt(0));
    assertEquals(0.0035, plan.lr().valueAt(1000), 1e-18);
    assertEquals(0.006, plan.lr().valueAt(2000), 1e-18);
    assertEquals(0.001, plan.lr().valueAt(4000), 1e-18);
    assertEquals(0.9, plan.channel(Plan.MOMENTUM).valueAt(0));
    assertEquals(0.8, plan.channel(Plan.MOMENTUM).valueAt(2000), 1e-16);
  }

  @Test
  void sequentialAndChainedMatchGolden() {
    GoldenCase sequential = GoldenCase.named("pytorch", "sequentiallr-linear-cosine");
    GoldenCase chained = GoldenCase.named("pytorch", "chainedscheduler-constant-exponential");

    Schedule warmupCosine = new SequentialLR(List.of(new LinearLR(0.01, 1.0, 100), new CosineAnnealingLR(900, 1e-6)), List.of(100L))
        .build(PyTorchOptimizer.adamW(0.001)).plan().lr();
    Schedule constantTimesExponential = new ChainedScheduler(List.of(new ConstantLR(0.5, 10), new ExponentialLR(0.99)))
        .build(PyTorchOptimizer.sgd(0.1, 0.9)).plan().lr();

    GoldenAssert.assertCurve("SequentialLR", sequential.lr(), warmupCosine.values(0, sequential.steps()));
    GoldenAssert.assertCurve("ChainedScheduler", chained.lr(), constantTimesExponential.values(0, chained.steps()));
  }

  @Test
  void plateauIsFedMetricsThroughObserve() {
    GoldenCase golden = GoldenCase.named("pytorch", "reducelronplateau-min");
    Schedule lr = new ReduceLROnPlateau().withFactor(0.5).withPatience(5).withCooldown(2).withMinLr(1e-5)
        .build(PyTorchOptimizer.sgd(0.1, 0.9)).plan().lr();

    double[] values = new double[golden.steps()];
    ScheduleState state = lr.initialState();
    for (int step = 0; step < values.length; step++) {
      values[step] = lr.valueAt(step, state);
      state = lr.observe(state, step, golden.metrics()[step]);
    }
    GoldenAssert.assertCurve("ReduceLROnPlateau", golden.lr(), values);
  }

  @Test
  void violationsNamePyTorchsKeywordArguments() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> new SequentialLR(
        List.of(new StepLR(0), new PolynomialLR(0, 2.0)), List.of(10L)).build(PyTorchOptimizer.sgd(-0.1)));

    assertEquals(
        List.of(
            "[NegativeValue] optimizer.lr: lr (-0.1) must be at least 0",
            "[NonPositiveLength] schedulers[0].step_size: step_size (0) must be at least 1",
            "[NonPositiveLength] schedulers[1].total_iters: total_iters (0) must be at least 1"),
        e.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void cyclicMomentumOnAdamIsRefusedUnderTorch113WithTheFix() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> PyTorchSchedulers.build(PyTorchOptimizer.adam(1e-3), new CyclicLR(1e-4, 1e-3), TorchVersion.TORCH_1_13));
    Imported fixed = PyTorchSchedulers.build(PyTorchOptimizer.adam(1e-3), new CyclicLR(1e-4, 1e-3).withoutMomentumCycling(), TorchVersion.TORCH_1_13);

    assertEquals("[NoMomentumToCycle] cycle_momentum: Adam has no momentum in torch 1.13, so CyclicLR with cycle_momentum true raises"
        + " ValueError there; set cycle_momentum to false", e.getMessage());
    assertEquals(List.of(Plan.LR), List.copyOf(fixed.plan().channels().keySet()));
  }

  @Test
  void theFormatNameIsRegistered() {
    assertEquals("pytorch", new PyTorchFormat().name());
    assertEquals(PyTorchFormat.class, dev.anneal.config.Formats.byName("pytorch").getClass());
  }
}
