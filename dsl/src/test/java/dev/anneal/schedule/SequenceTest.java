package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceTest {
  private static final Sequence WARMUP_COSINE =
      new Sequence(List.of(new Phase(new Linear(0, 1), 10), new Phase(new Cosine(1, 0), 10)), AfterEnd.HOLD);

  @Test
  void phasesTileTheTimelineWithLocalSteps() {
    assertEquals(0, WARMUP_COSINE.valueAt(0));
    assertEquals(0.9, WARMUP_COSINE.valueAt(9), 1e-16);
    assertEquals(1, WARMUP_COSINE.valueAt(10), 1e-16, "phase 1 starts at its own t = 0");
    assertEquals(0.5, WARMUP_COSINE.valueAt(15), 1e-16);
    assertEquals(0, WARMUP_COSINE.valueAt(20), 1e-16);
    assertEquals(0, WARMUP_COSINE.valueAt(1_000_000), 1e-16);
    assertEquals(10, WARMUP_COSINE.startOf(1));
  }

  @Test
  void continueFollowsTheLastFormula() {
    Sequence continued = new Sequence(WARMUP_COSINE.phases(), AfterEnd.CONTINUE);
    assertEquals(0.5, continued.valueAt(25), 1e-15);
    assertEquals(1, continued.valueAt(30), 1e-15);
  }

  @Test
  void valuesEvaluatesARange() {
    double[] values = WARMUP_COSINE.values(8, 4);
    assertEquals(0.8, values[0], 1e-16);
    assertEquals(1, values[2], 1e-16);
    assertEquals(4, values.length);
  }

  @Test
  void explainNamesThePhaseLocalStepAndInputs() {
    Explanation explanation = WARMUP_COSINE.explain(15);
    assertEquals("phases[1]", explanation.phase());
    assertEquals(5L, explanation.localStep());
    assertEquals("cosine", explanation.shape());
    assertEquals(1.0, explanation.inputs().get("from"));
    assertEquals(10L, explanation.inputs().get("n"));
    assertTrue(explanation.toString().startsWith("step 15: 0.5"), explanation.toString());
  }

  @Test
  void aNegativeStepIsRefusedWithItsValue() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> WARMUP_COSINE.valueAt(-1));
    assertEquals("[NegativeStep] step: step -1 is negative; steps count the updates already applied, from 0", e.getMessage());
  }

  @Test
  void onlyTheLastPhaseMayBeOpen() {
    InvalidScheduleException e =
        assertThrows(
            InvalidScheduleException.class,
            () -> new Sequence(List.of(new Phase(new Constant(1), Phase.OPEN), new Phase(new Constant(2), 5))));
    assertEquals(
        List.of("[OpenPhaseNotLast] phases[0].steps: only the last phase may run forever; phase 0 is open but phase 1 follows it"),
        e.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void aShapeWithoutAnOpenFormulaNeedsALength() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> new Phase(new Linear(0, 1), Phase.OPEN));
    assertTrue(e.getMessage().startsWith("[NeedsLength] steps: a linear phase needs a length in steps"), e.getMessage());
  }

  @Test
  void continuingALineWouldBeUnboundedSoItIsRefused() {
    InvalidScheduleException e =
        assertThrows(InvalidScheduleException.class, () -> Sequence.of(new Linear(0, 1), 10, AfterEnd.CONTINUE));
    assertEquals(
        "[ContinueUnbounded] afterEnd: after-end CONTINUE would follow the linear formula past its end, where it grows without bound; use HOLD",
        e.getMessage());
  }

  @Test
  void lengthsThatOverflowAreRefused() {
    InvalidScheduleException e =
        assertThrows(
            InvalidScheduleException.class,
            () -> new Sequence(List.of(new Phase(new Constant(1), Long.MAX_VALUE - 1), new Phase(new Constant(1), 5))));
    assertTrue(e.getMessage().startsWith("[LengthOverflow] phases[1].steps"), e.getMessage());
  }

  @Test
  void reactivePhaseStateIsExplicit() {
    Sequence schedule =
        new Sequence(List.of(new Phase(new Linear(0, 1), 2), new Phase(new Plateau(1, Plateau.Mode.MIN, 0.5, 0, 0, Plateau.ThresholdMode.ABS, 0, 0, 0), Phase.OPEN)));
    ScheduleState state = schedule.initialState();
    state = schedule.observe(state, 0, 3.0); // warm-up phase: ignored
    assertEquals(ScheduleState.EMPTY, state);
    state = schedule.observe(state, 2, 3.0); // best = 3
    state = schedule.observe(state, 3, 3.0); // not better, bad 1 > patience 0: halve
    assertEquals(0.5, schedule.valueAt(4, state));
    assertEquals(1.0, schedule.valueAt(4), "valueAt without state never changes");
  }
}
