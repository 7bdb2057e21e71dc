package dev.anneal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.PrimitiveIterator;
import org.junit.jupiter.api.Test;

/** The steps {@code diff} and {@link Conversion} compare: all of them, or proven, or sampled and said so. */
class StepCoverageTest {
  private static Sequence phases(AfterEnd afterEnd, Phase... phases) {
    return new Sequence(List.of(phases), afterEnd);
  }

  /** The steps of {@code coverage}, checked to come in increasing order (all below 2^31 here). */
  private static BitSet steps(StepCoverage coverage) {
    BitSet steps = new BitSet();
    PrimitiveIterator.OfLong it = coverage.steps();
    long previous = -1;
    while (it.hasNext()) {
      long step = it.nextLong();
      assertTrue(step > previous, "steps come in increasing order: " + step + " after " + previous);
      previous = step;
      steps.set(Math.toIntExact(step));
    }
    return steps;
  }

  @Test
  void theSamePhasesOverTheSameStepsAreEqualWithoutEvaluatingAStep() {
    Schedule a = phases(AfterEnd.HOLD, new Phase(new Linear(0, 1), 100), new Phase(new Cosine(1, 0), 40_000_000));
    Schedule b = phases(AfterEnd.HOLD, new Phase(new Linear(0, 1), 100), new Phase(new Cosine(1, 0), 40_000_000));

    StepCoverage coverage = StepCoverage.of(a, b, 44_000_010);

    assertTrue(coverage.complete());
    assertEquals(44_000_010, coverage.proven());
    assertEquals(0, coverage.evaluated());
    assertFalse(coverage.steps().hasNext());
  }

  @Test
  void aDifferenceAt25MillionStepsIsCompared() {
    // Equal (1) up to step 25,000,000; from there A is 0.5 and B 1, held after both ends.
    Schedule a = phases(AfterEnd.HOLD, new Phase(new Constant(1), 25_000_000), new Phase(new Constant(0.5), 5_000_000));
    Schedule b = phases(AfterEnd.HOLD, new Phase(new Constant(1), 30_000_000));

    StepCoverage coverage = StepCoverage.of(a, b, 33_000_000);

    // [0, 25M) both constant 1: proven; [25M, 30M) and [30M, 33M): 8M steps, within the budget, all evaluated.
    assertTrue(coverage.complete());
    assertEquals(25_000_000, coverage.proven());
    assertEquals(8_000_000, coverage.evaluated());
    assertEquals(25_000_000, coverage.steps().nextLong());
  }

  @Test
  void pastTheBudgetEveryPhaseIsVisitedAndTheRestIsCountedAsNotCompared() {
    // A line from 1 to 1 gives 1 at every step, like the constant, but through another formula: nothing is proven before the end.
    Schedule a = phases(AfterEnd.HOLD, new Phase(new Linear(1, 1), 30_000_000));
    Schedule b = phases(AfterEnd.HOLD, new Phase(new Constant(1), 30_000_000));

    StepCoverage coverage = StepCoverage.of(a, b, 33_000_000);

    // [0, 30M) gets the whole budget: 1,000 steps at each end, and 29,998,000 steps between at a stride of
    // ceil(29,998,000 / 19,998,000) = 2, so 14,999,000 of them. Past the end both hold 1: 3M steps proven.
    assertFalse(coverage.complete());
    assertEquals(1_000 + 14_999_000 + 1_000, coverage.evaluated());
    assertEquals(3_000_000, coverage.proven());
    assertEquals(14_999_000, coverage.skipped());
    BitSet steps = steps(coverage);
    assertEquals("{0, 1, 2}", steps.get(0, 3).toString());
    assertEquals("{0, 1, 3, 5}", steps.get(999, 1_005).toString(), "steps 999, 1000, then every other step");
    // The last of the middle run, 1,000 + 2k below 29,999,000, then the last 1,000 steps one by one.
    assertEquals(List.of(29_998_998, 29_999_000, 29_999_999), List.of(steps.previousSetBit(29_998_999), steps.nextSetBit(29_998_999), steps.length() - 1));
  }

  @Test
  void manyPiecesPastTheBudgetEachKeepTheirBoundaries() {
    List<Phase> left = new ArrayList<>();
    List<Phase> right = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      left.add(new Phase(new Linear(i, i + 1), 7_000_000));
      right.add(new Phase(new Linear(i, i + 2), 7_000_000));
    }
    StepCoverage coverage = StepCoverage.of(new Sequence(left, AfterEnd.HOLD), new Sequence(right, AfterEnd.HOLD), 70_000_000);

    assertFalse(coverage.complete());
    assertTrue(coverage.evaluated() <= StepCoverage.BUDGET, "evaluated " + coverage.evaluated());
    BitSet steps = steps(coverage);
    for (int boundary = 7_000_000; boundary < 70_000_000; boundary += 7_000_000) {
      for (int step = boundary - 3; step <= boundary + 3; step++) {
        assertTrue(steps.get(step), "step " + step + " next to the boundary " + boundary);
      }
    }
  }
}
