package dev.anneal.builder;

import static dev.anneal.geometry.Unit.EPOCHS;
import static dev.anneal.geometry.Unit.SAMPLES;
import static dev.anneal.geometry.Unit.TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.geometry.BatchRamp;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Clocked;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code clockedIn(SAMPLES | TOKENS)}: lengths count the clock's unit, converted exactly, and the schedule runs on consumed samples. */
class ClockedBuilderTest {
  /** A ramp from 32 to 128 by 32 over 1,000 samples (333.3 samples an increment), sequence length 100. */
  private static final RunGeometry GEOMETRY = RunGeometry.builder().sequenceLength(100).batchSchedule(new BatchRamp(32, 32, 1000, 128)).build();

  @Test
  void lengthsInSamplesOrTokensBecomeTheClocksUnit() {
    Clocked bySamples = Schedules.linear(0, 1).over(1000, SAMPLES).then().constant(1).forever().clockedIn(Clock.SAMPLES).build(GEOMETRY);
    Clocked byTokens = Schedules.linear(0, 1).over(100_000, TOKENS).then().constant(1).forever().clockedIn(Clock.SAMPLES).build(GEOMETRY);
    Clocked bare = Schedules.linear(0, 1).over(1000).then().constant(1).forever().clockedIn(Clock.SAMPLES).build(GEOMETRY);
    assertEquals(bySamples, byTokens);
    assertEquals(bySamples, bare);
    assertEquals(1000, bySamples.phases().get(0).steps());
    // Batches 32 (up to 333 samples consumed), 64 (to 666), 96: update 11 starts with 352 + 64 = 416 consumed.
    assertEquals(0.0, bySamples.valueAt(0));
    assertEquals(320.0 / 1000, bySamples.valueAt(10));
    assertEquals(352.0 / 1000, bySamples.valueAt(11));
    assertEquals(416.0 / 1000, bySamples.valueAt(12));
  }

  @Test
  void inATokenClockSamplesAreMultipliedByTheSequenceLength() {
    Clocked clocked = Schedules.linear(0, 1).over(1000, SAMPLES).clockedIn(Clock.TOKENS).build(GEOMETRY);
    assertEquals(100_000, clocked.phases().get(0).steps());
    assertEquals(352.0 * 100 / 100_000, clocked.valueAt(11));
  }

  @Test
  void tokensThatAreNoWholeSamplesAndLengthsInEpochsAreRefused() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Schedules.linear(0, 1).over(1050, TOKENS).then().constant(1).over(2, EPOCHS).clockedIn(Clock.SAMPLES).build(GEOMETRY));
    assertEquals(List.of(
        "[LengthOffClock] phases[0].steps: steps (1050 tokens) cannot be counted in samples: 1050 tokens are 10 samples and 50 tokens at"
            + " sequence_length 100; give a multiple of 100 tokens, the length in samples, or clock the schedule in tokens",
        "[LengthOffClock] phases[1].steps: steps (2 epochs) cannot be counted in samples: the schedule counts the samples consumed, and an"
            + " update consumes more of them as the batch grows; give it in samples or tokens, or as a bare count of samples"),
        e.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void aGeometryWithoutABatchCannotClockASchedule() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> Schedules.linear(0, 1).over(1000).clockedIn(Clock.SAMPLES).build(RunGeometry.builder().sequenceLength(100).build()));
    assertEquals("[UnitNeedsGeometry] clock: clock is given in samples, which needs a global batch in the run geometry; give batch_size,"
        + " global_batch, batch_steps or batch_ramp", e.violations().get(0).toString());
  }
}
