package dev.anneal.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The geometry's rounding rules on worked examples, and every error it reports, in full. */
class RunGeometryTest {

  @Test
  void loaderLengthFollowsDataLoaderAndAccelerate() {
    // 5003 examples, batch 8, drop_last: 625 batches; accumulation 4 makes 156 updates and a partial one.
    RunGeometry trainer = RunGeometry.builder().datasetSize(5003).batchSize(8).dropLast(true).gradientAccumulation(4).build();
    assertEquals(625, trainer.loaderBatches().getAsLong());
    assertEquals(157, trainer.updatesPerEpoch().getAsLong());
    assertEquals(393, trainer.updates(Length.epochs(2.5), "steps"));
    RunGeometry loop = trainer.toBuilder().partialAccumulation(PartialAccumulation.DROPPED).build();
    assertEquals(156, loop.updatesPerEpoch().getAsLong());
    // 3125 batches on 4 processes without drop_last: even_batches pads to 782 each.
    assertEquals(782, RunGeometry.builder().datasetSize(50_000).batchSize(16).dataParallel(4).build().loaderBatches().getAsLong());
    assertEquals(781, RunGeometry.builder().datasetSize(50_000).batchSize(16).dataParallel(4).dropLast(true).build().loaderBatches().getAsLong());
  }

  @Test
  void tokensBecomeTheFirstUpdateThatReachesThem() {
    RunGeometry geometry = RunGeometry.builder().sequenceLength(2048).batchSchedule(new ConstantBatch(1536)).build();
    // 375M tokens = 183,105.47 samples: 183,106 samples, 119.2 batches of 1536, so update 120.
    assertEquals(120, geometry.updates(Length.of(375, Unit.TOKENS.millions()), "steps"));
    assertEquals(120L * 1536 * 2048, geometry.amountIn(Unit.TOKENS, 120).longValueExact());
  }

  @Test
  void aRampGrowsInIncrementsAndThenHolds() {
    // 32 → 64 in increments of 16 over 1000 samples: 500 samples per increment.
    BatchRamp ramp = new BatchRamp(32, 16, 1000, 64);
    assertEquals(32, ramp.batchAt(0));
    assertEquals(32, ramp.batchAt(499));
    assertEquals(48, ramp.batchAt(500));
    assertEquals(64, ramp.batchAt(1000));
    assertEquals(64, ramp.batchAt(1001));
    assertEquals(500, ramp.nextChange(0));
    assertEquals(1000, ramp.nextChange(500));
    assertEquals(Long.MAX_VALUE, ramp.nextChange(1001));
    RunGeometry geometry = RunGeometry.builder().batchSchedule(ramp).build();
    // 16 updates of 32 reach 512; 11 of 48 reach 1040; then 64.
    assertEquals(512, geometry.samplesAfter(16));
    assertEquals(1040, geometry.samplesAfter(27));
    assertEquals(1104, geometry.samplesAfter(28));
  }

  @Test
  void megatronParsingTruncatesInBinaryFloatingPoint() {
    BatchSteps steps = MegatronBatchSteps.parse("flag", "66.88m:128, 0:64, 0.2b:1k", 512);
    assertEquals(List.of(new BatchSteps.Entry(0, 64), new BatchSteps.Entry(130_624, 128), new BatchSteps.Entry(390_625, 1000)), steps.entries());
    assertEquals(List.of(new BatchSteps.Entry(0, 16), new BatchSteps.Entry(100_000, 32)),
        MegatronBatchSteps.parse("flag", "0:16 100K:32", 0).entries());
  }

  @Test
  void megatronRefusesWhatItsCalculatorAsserts() {
    assertViolations(() -> MegatronBatchSteps.parse("flag", "5000:16 100K:32", 1024),
        "[InvalidBatchSchedule] flag: batch-size schedule entry '4:16' is the first after sorting, at 4 samples; the first entry must have threshold 0");
    assertViolations(() -> MegatronBatchSteps.parse("flag", "0:16 1000:32", 1024),
        "[InvalidBatchSchedule] flag: batch-size schedule entry '0:32' has the same threshold in samples as '0:16'; thresholds must be strictly increasing");
    assertViolations(() -> MegatronBatchSteps.parse("flag", "0:16 1G:32 64", 1024),
        "[InvalidBatchSchedule] flag: batch-size schedule entry '1G:32' has '1G', which is no number; write digits with an optional K, M, B or T suffix",
        "[InvalidBatchSchedule] flag: batch-size schedule entry '64' has no ':'; write THRESHOLD:BATCH");
  }

  @Test
  void aStepScheduleMustBeWholeNonDecreasingMicroBatches() {
    BatchSteps steps = MegatronBatchSteps.parse("flag", "0:16 1M:40 2M:32", 1024);
    assertViolations(() -> RunGeometry.builder().batchSize(1).dataParallel(16).sequenceLength(1024).batchSchedule(steps).build(),
        "[InvalidBatchSchedule] batch_steps: batch-size schedule entry '976:40' has a batch that is not a whole number of micro-batches of 16 (batch_size 1 × data_parallel 16); use multiples of 16",
        "[InvalidBatchSchedule] batch_steps: batch-size schedule entry '1953:32' has a smaller batch than the entry before (40); the number of micro-batches must not decrease");
  }

  @Test
  void aUnitTheGeometryCannotConvertSaysWhatIsMissing() {
    RunGeometry epochsOnly = RunGeometry.ofUpdatesPerEpoch(100);
    assertViolations(() -> epochsOnly.updates(Length.tokens(1_000_000), "phases[1].steps"),
        "[UnitNeedsGeometry] phases[1].steps: steps is given in tokens, which needs a sequence length in the run geometry; give sequence_length");
    assertViolations(() -> epochsOnly.updates(Length.samples(1_000), "phases[1].steps"),
        "[UnitNeedsGeometry] phases[1].steps: steps is given in samples, which needs a global batch in the run geometry; give batch_size, global_batch, batch_steps or batch_ramp");
    assertViolations(() -> RunGeometry.builder().build().updates(Length.epochs(3), "phases[0].steps"),
        "[UnitNeedsGeometry] phases[0].steps: steps is given in epochs, which needs the updates per epoch in the run geometry; give updates_per_epoch, or dataset_size with batch_size");
  }

  @Test
  void figuresThatMakeNoEpochAreRefused() {
    assertViolations(() -> RunGeometry.builder().datasetSize(10).batchSize(4).gradientAccumulation(8)
            .partialAccumulation(PartialAccumulation.DROPPED).build(),
        "[ConditionNotMet] gradient_accumulation: an epoch requires at least one update, but 3 loader batches with gradient_accumulation 8 make none");
    assertViolations(() -> RunGeometry.builder().datasetSize(10).build(),
        "[ConditionNotMet] dataset_size: dataset_size requires batch_size, but batch_size is not given");
    assertViolations(() -> RunGeometry.builder().batchSize(0), "[NotPositive] batch_size: batch_size (0) must be greater than 0");
  }

  @Test
  void lengthsAreExactDecimals() {
    assertEquals("66880000 tokens", Length.of(66.88, Unit.TOKENS.millions()).toString());
    assertEquals("375000000 tokens", Length.of(375e6, Unit.TOKENS).toString());
    assertViolations(() -> Length.of(2.5, Unit.UPDATES),
        "[OutOfRange] steps: updates (2.5) must lie in the whole numbers from 1 (only epochs may be fractional)");
    assertViolations(() -> Length.epochs(0), "[NotPositive] steps: epochs (0) must be greater than 0");
  }

  static void assertViolations(Executable call, String... expected) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, call);
    assertEquals(List.of(expected), e.violations().stream().map(Violation::toString).toList());
  }
}
