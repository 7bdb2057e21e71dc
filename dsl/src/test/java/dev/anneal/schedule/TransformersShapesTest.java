package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.rules.InvalidScheduleException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The shape transformers needs that no composition of the others gives. */
class TransformersShapesTest {
  @Test
  void cosineHardRestartsRestartsMidStepAndEndsAtTo() {
    CosineHardRestarts shape = new CosineHardRestarts(2, 1, 1.5);
    assertEquals(2.0, shape.valueAt(0, 3));
    // progress 1/3: 1.5 / 3 = 0.5 of a cycle, 1 + 1 * (1 + cos(pi / 2)) / 2
    assertEquals(1.5, shape.valueAt(1, 3), 1e-15);
    // progress 2/3: cycle position 1.0 mod 1 = 0 (restart), unless rounding leaves it just below 1
    assertEquals(1 + (1 + Math.cos(Math.PI * ((1.5 * (2.0 / 3)) % 1.0))) / 2, shape.valueAt(2, 3));
    assertEquals(1.0, shape.valueAt(3, 3));
    assertEquals(1.0, shape.endValue(3));
    assertEquals(new Range(1, 2), shape.range(3));
  }

  @Test
  void cosineHardRestartsStaysInItsRangeAtEveryStepAndPastTheEnd() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      double from = random.nextDouble(2);
      double to = random.nextDouble(2);
      CosineHardRestarts shape = new CosineHardRestarts(from, to, 0.1 + random.nextDouble(7));
      long n = 1 + random.nextLong(300);
      for (AfterEnd after : AfterEnd.values()) {
        if (after == AfterEnd.FAIL) {
          continue;
        }
        Sequence sequence = new Sequence(List.of(new Phase(shape, n)), after);
        Range range = sequence.range();
        for (long step = 0; step <= 2 * n + 5; step++) {
          double value = sequence.valueAt(step);
          assertTrue(value >= range.min() && value <= range.max(), shape + " at " + step + ": " + value + " outside " + range);
        }
      }
    }
  }

  @Test
  void cosineHardRestartsRefusesNonPositiveCycles() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> new Phase(new CosineHardRestarts(1, 0, 0), 10));
    assertEquals("[NotPositive] cycles: cycles (0) must be greater than 0", e.getMessage());
  }
}
