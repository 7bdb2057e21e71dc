package dev.anneal.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plateau;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurveTest {
  /** Halves when the metric fails to improve (absolutely, threshold 0) for more than 1 report, down to 0.2. */
  private static final Plateau PLATEAU = new Plateau(1, Plateau.Mode.MIN, 0.5, 1, 0, Plateau.ThresholdMode.ABS, 0, 0.2, 0);

  private static double[] take(SteppedValues curve, int count) {
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      out[i] = curve.nextDouble();
    }
    return out;
  }

  @Test
  void theValueAtStepIUsesTheMetricsOfTheFirstIUpdates() {
    Schedule schedule = Sequence.of(PLATEAU, Phase.OPEN, AfterEnd.HOLD);
    // Reports: 3 (best), 2 (best), 2 (bad 1), 2 (bad 2 > 1: halve), 2 (bad 1), 2 (bad 2: halve to 0.25), 2 (bad 1).
    double[] metrics = {3, 2, 2, 2, 2, 2, 2};

    assertArrayEquals(new double[] {1, 1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25}, take(SteppedValues.of(schedule, metrics), 10));
  }

  @Test
  void onlyThePlateauPhaseReactsAndItStartsAfterTheWarmUp() {
    Schedule schedule = new Sequence(List.of(new Phase(new Linear(0, 1), 2), new Phase(PLATEAU, Phase.OPEN)));
    // Reports after updates 1 and 2 fall in the warm-up; the plateau sees 5 (best), 5 (bad 1), 5 (bad 2: halve).
    double[] metrics = {9, 9, 5, 5, 5, 5};

    assertArrayEquals(new double[] {0, 0.5, 1, 1, 1, 0.5, 0.5}, take(SteppedValues.of(schedule, metrics), 7));
  }

  @Test
  void withoutMetricsItIsValueAtStepByStep() {
    Schedule schedule = Sequence.of(new Linear(0, 1), 4, AfterEnd.HOLD);
    SteppedValues curve = SteppedValues.of(schedule);

    assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1, 1}, take(curve, 6));
    assertEquals(6, curve.step());
  }

  @Test
  void pastAFailingEndItThrows() {
    SteppedValues curve = SteppedValues.of(Sequence.of(new Linear(0, 1), 2, AfterEnd.FAIL));
    take(curve, 2);

    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, curve::nextDouble);
    assertEquals("[StepBeyondEnd] step: step 2 is past the declared end (2); declare after-end HOLD or CONTINUE to go on", e.getMessage());
  }
}
