package dev.anneal.builder;

import static dev.anneal.builder.SteppedBuilderTest.assertViolations;
import static dev.anneal.geometry.Unit.EPOCHS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.geometry.ConstantBatch;
import dev.anneal.geometry.Length;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.schedule.CosineRestarts;
import dev.anneal.schedule.Cyclic;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.StepDecay;
import dev.anneal.schedule.Stepped;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step sizes, milestones, cycle halves and restart periods given in units through the builder. */
class UnitStepSizesTest {
  /** ImageNet-1k's 1,281,167 training images in batches of 256: ceil(1,281,167 / 256) = 5,005 updates an epoch. */
  private static final RunGeometry IMAGENET = RunGeometry.builder().datasetSize(1_281_167).batchSize(256).build();

  @Test
  void aStepSizeInEpochsDecaysAtTheEpochsUpdate() {
    Sequence lr = Schedules.stepDecay(0.1, Length.epochs(30), 0.1).over(90, EPOCHS).build(IMAGENET);
    assertEquals(new StepDecay(0.1, 30 * 5_005, 0.1), lr.phases().get(0).shape());
    assertEquals(90 * 5_005, lr.phases().get(0).steps());
    assertEquals(0.1, lr.valueAt(150_149));
    assertEquals(0.1 * 0.1, lr.valueAt(150_150));
  }

  @Test
  void milestonesInEpochsAreEachResolved() {
    Sequence lr = Schedules.milestones(0.1, 0.1, Length.epochs(30), Length.epochs(60), Length.epochs(80)).over(90, EPOCHS).build(IMAGENET);
    assertEquals(new Milestones(0.1, List.of(150_150L, 300_300L, 400_400L), 0.1), lr.phases().get(0).shape());
  }

  @Test
  void milestonesAreMeasuredFromThePhaseStart() {
    // 8 samples of 4 tokens an update; the phase starts after 10 updates (80 samples). 100 tokens
    // are 25 samples, so the milestone is the first update to reach 105 samples: update 14
    // (112 samples; update 13 has 104), 4 updates into the phase.
    RunGeometry geometry = RunGeometry.builder().sequenceLength(4).batchSchedule(new ConstantBatch(8)).build();
    Sequence lr = Schedules.constant(1.0).over(10)
        .then().milestones(0.5, Length.tokens(100)).forever()
        .build(geometry);
    assertEquals(new Milestones(1.0, List.of(4L), 0.5), lr.phases().get(1).shape());
    assertEquals(1.0, lr.valueAt(13));
    assertEquals(0.5, lr.valueAt(14));
  }

  @Test
  void aStepSizeInEpochsSteppedPerEpochCountsEpochs() {
    Stepped lr = Schedules.stepDecay(0.1, Length.epochs(30), 0.1).over(90, EPOCHS).steppedPerEpoch().build(RunGeometry.ofUpdatesPerEpoch(45));
    assertEquals(new StepDecay(0.1, 30, 0.1), lr.schedule().phases().get(0).shape());
    assertEquals(0.1, lr.valueAt(30 * 45 - 1));
    assertEquals(0.1 * 0.1, lr.valueAt(30 * 45), 1e-18);
  }

  @Test
  void cycleHalvesAndRestartPeriodsTakeUnits() {
    RunGeometry geometry = RunGeometry.ofUpdatesPerEpoch(100);
    Sequence cyclic = Schedules.cyclic(1e-4, 1e-3, Length.epochs(2), Length.epochs(0.5)).forever().build(geometry);
    assertEquals(new Cyclic(1e-4, 1e-3, 200, 50, Cyclic.Mode.TRIANGULAR, 1.0, false), cyclic.phases().get(0).shape());
    Sequence restarts = Schedules.linear(0, 1).over(10).then().cosineRestarts(0.1, Length.epochs(1), 2).forever().build(geometry);
    assertEquals(new CosineRestarts(1.0, 0.1, 100, 2), restarts.phases().get(1).shape());
  }

  @Test
  void theNextPhaseStartsFromTheResolvedEnd() {
    // 2 epochs of 2 updates: 1 * 0.5^4 at the end, where the open-ended formula would give 0.
    Sequence lr = Schedules.exponential(1.0, 0.5).over(2, EPOCHS).then().constant().forever().build(RunGeometry.ofUpdatesPerEpoch(2));
    assertEquals(0.0625, lr.valueAt(4));
  }

  @Test
  void unitsWithoutWhatTheyNeedAreRefusedWithTheFix() {
    assertViolations(() -> Schedules.stepDecay(0.1, Length.epochs(30), 0.1).forever().build(),
        "[UnitNeedsGeometry] phases[0].every: every is given in epochs, which needs a run geometry; build with build(RunGeometry)");
    assertViolations(() -> Schedules.constant(1.0).over(10)
            .then().milestones(0.1, Length.updates(5), Length.tokens(1_000)).forever().build(RunGeometry.ofUpdatesPerEpoch(10)),
        "[UnitNeedsGeometry] phases[1].milestones[1]: milestones[1] is given in tokens, which needs a sequence length in the run geometry; give sequence_length");
  }

  @Test
  void aStepSizeThatSplitsAStepIsRefused() {
    assertViolations(() -> Schedules.stepDecay(0.1, Length.updates(10), 0.1).forever().steppedEvery(4).build(),
        "[LengthOffCadence] phases[0].every: every (10 updates) is 10 updates, not a whole number of the schedule's steps of 4 updates; give a multiple of 4 updates, or a bare count of the schedule's steps");
  }
}
