package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.geometry.MegatronBatchSteps;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A schedule clocked in samples or tokens is evaluated at what the batch schedule has consumed
 * before each update. The geometry is golden case sbs-thresholds-off-boundary's: thresholds 1M,
 * 3M, 6M tokens at sequence length 2048 are 488, 1464 and 2929 samples, and the batch switches at
 * the first update whose consumed samples reach one: after 528 (11 × 48), 1488 (+ 10 × 96) and
 * 3024 (+ 8 × 192) samples, as Megatron's golden curve records.
 */
class ClockedTest {
  private static final RunGeometry GEOMETRY = RunGeometry.builder().sequenceLength(2048)
      .batchSchedule(MegatronBatchSteps.parse("batch_steps", "0:48 1M:96 3M:192 6M:384", 2048)).build();
  private static final Consumption CONSUMPTION = GEOMETRY.consumption();
  /** 0 → 1 over 3,000 samples, then 1. */
  private static final Sequence RAMP = new Sequence(List.of(new Phase(new Linear(0, 1), 3000), new Phase(new Constant(1), Phase.OPEN)), AfterEnd.HOLD);

  @Test
  void theConsumptionIsTheStretchesOfOneBatchEach() {
    assertEquals(List.of(new Consumption.Stretch(0, 0, 48), new Consumption.Stretch(11, 528, 96), new Consumption.Stretch(21, 1488, 192),
        new Consumption.Stretch(29, 3024, 384)), CONSUMPTION.stretches());
    assertEquals(0, CONSUMPTION.samplesBefore(0));
    assertEquals(480, CONSUMPTION.samplesBefore(10));
    assertEquals(48, CONSUMPTION.batchOf(10));
    assertEquals(96, CONSUMPTION.batchOf(11));
    assertEquals(3024 + 71 * 384, CONSUMPTION.samplesBefore(100));
    assertEquals(3024L * 2048, CONSUMPTION.position(Clock.TOKENS, 29));
  }

  @Test
  void updatesToReachCountsAsUpdateTrainItersDoes() {
    assertEquals(0, CONSUMPTION.updatesToReach(Clock.SAMPLES, 0));
    assertEquals(1, CONSUMPTION.updatesToReach(Clock.SAMPLES, 1));
    assertEquals(11, CONSUMPTION.updatesToReach(Clock.SAMPLES, 528));
    assertEquals(12, CONSUMPTION.updatesToReach(Clock.SAMPLES, 529));
    assertEquals(29, CONSUMPTION.updatesToReach(Clock.SAMPLES, 3000));
    // 2,049 tokens are 2 samples (ceiling): one update of 48 reaches them.
    assertEquals(1, CONSUMPTION.updatesToReach(Clock.TOKENS, 2049));
    assertEquals(12, CONSUMPTION.updatesToReach(Clock.TOKENS, 528L * 2048 + 1));
  }

  @Test
  void theValueIsTheWrappedScheduleAtTheSamplesConsumedBeforeTheUpdate() {
    Clocked clocked = new Clocked(RAMP, Clock.SAMPLES, CONSUMPTION);
    assertEquals(0.0, clocked.valueAt(0));
    assertEquals(48.0 / 3000, clocked.valueAt(1));
    assertEquals(528.0 / 3000, clocked.valueAt(11));
    assertEquals(1488.0 / 3000, clocked.valueAt(21));
    assertEquals(2832.0 / 3000, clocked.valueAt(28));
    assertEquals(1.0, clocked.valueAt(29));
    assertEquals(OptionalLong.of(29), new Clocked(Sequence.of(new Linear(0, 1), 3000, AfterEnd.HOLD), Clock.SAMPLES, CONSUMPTION).declaredEnd());
  }

  @Test
  void aTokenClockCountsSamplesTimesTheSequenceLength() {
    Sequence inTokens = new Sequence(List.of(new Phase(new Linear(0, 1), 3000L * 2048), new Phase(new Constant(1), Phase.OPEN)), AfterEnd.HOLD);
    Clocked clocked = new Clocked(inTokens, Clock.TOKENS, CONSUMPTION);
    assertEquals(528.0 * 2048 / (3000.0 * 2048), clocked.valueAt(11));
    assertEquals(1.0, clocked.valueAt(29));
  }

  @Test
  void explainSaysTheSamplesTokensAndBatchOfTheUpdate() {
    Explanation explanation = new Clocked(RAMP, Clock.SAMPLES, CONSUMPTION).explain(11);
    assertEquals("clocked in samples", explanation.name());
    assertEquals(Map.of("clock", "samples", "samples_before", 528L, "tokens_before", 528L * 2048, "global_batch", 96L), explanation.inputs());
    assertEquals(528, explanation.parts().get(0).step());
  }

  @Test
  void aFailingEndIsReportedInUpdates() {
    Clocked clocked = new Clocked(Sequence.of(new Linear(0, 1), 3000, AfterEnd.FAIL), Clock.SAMPLES, CONSUMPTION);
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> clocked.valueAt(29));
    assertEquals("[StepBeyondEnd] step: step 29 is past the declared end (29); declare after-end HOLD or CONTINUE to go on",
        e.violations().get(0).toString());
  }

  @Test
  void aTokenClockNeedsASequenceLength() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> new Clocked(RAMP, Clock.TOKENS, Consumption.constant(8, 0)));
    assertEquals("[UnitNeedsGeometry] clock: clock is given in tokens, which needs a sequence length in the run geometry; give sequence_length",
        e.violations().get(0).toString());
  }
}
