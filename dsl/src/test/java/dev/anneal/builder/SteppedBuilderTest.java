package dev.anneal.builder;

import static dev.anneal.geometry.Unit.EPOCHS;
import static dev.anneal.geometry.Unit.TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.geometry.ConstantBatch;
import dev.anneal.geometry.Length;
import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Cadence;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Stepped;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Lengths in units and stepping cadences through the fluent builder. */
class SteppedBuilderTest {
  private static final RunGeometry GPT3 = RunGeometry.builder().sequenceLength(2048).batchSchedule(new ConstantBatch(1536)).build();

  @Test
  void tokensResolveToTheUpdateThatReachesThem() {
    Sequence lr = Schedules.linear(0, 6e-4).over(375, TOKENS.millions())
        .then().cosineTo(6e-5).over(Length.of(260, TOKENS.billions()))
        .build(GPT3);
    assertEquals(120, lr.phases().get(0).steps());
    // 260B tokens = 126,953,125 samples = 82,651.8 batches: 82,652 updates.
    assertEquals(82_652, lr.phases().get(1).steps());
  }

  @Test
  void aStepDecayPerEpochCountsEpochs() {
    Stepped lr = Schedules.stepDecay(0.1, 30, 0.1).over(90, EPOCHS).steppedPerEpoch().build(RunGeometry.ofUpdatesPerEpoch(45));
    assertEquals(Cadence.perEpoch(45), lr.cadence());
    assertEquals(90, lr.schedule().phases().get(0).steps());
    assertEquals(0.1, lr.valueAt(30 * 45 - 1));
    assertEquals(0.1 * 0.1, lr.valueAt(30 * 45), 1e-18);
  }

  @Test
  void unitsWithoutAGeometryAreRefusedWithTheFix() {
    assertViolations(() -> Schedules.linear(0, 1).over(3, EPOCHS).then().constant().over(10).build(),
        "[UnitNeedsGeometry] phases[0].steps: steps is given in epochs, which needs a run geometry; build with build(RunGeometry)");
    assertViolations(() -> Schedules.constant(1).over(1, TOKENS.millions()).build(RunGeometry.ofUpdatesPerEpoch(10)),
        "[UnitNeedsGeometry] phases[0].steps: steps is given in tokens, which needs a sequence length in the run geometry; give sequence_length");
    assertViolations(() -> Schedules.constant(1).over(10).steppedPerEpoch().build(),
        "[UnitNeedsGeometry] cadence: cadence is given in epochs, which needs the updates per epoch in the run geometry; build with build(RunGeometry)");
  }

  @Test
  void aLengthThatSplitsAStepIsRefused() {
    assertViolations(() -> Schedules.constant(1).over(Length.updates(10)).steppedEvery(4).build(),
        "[LengthOffCadence] phases[0].steps: steps (10 updates) is 10 updates, not a whole number of the schedule's steps of 4 updates; give a multiple of 4 updates, or a bare count of the schedule's steps");
  }

  static void assertViolations(Executable call, String... expected) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, call);
    assertEquals(List.of(expected), e.violations().stream().map(Violation::toString).toList());
  }
}
