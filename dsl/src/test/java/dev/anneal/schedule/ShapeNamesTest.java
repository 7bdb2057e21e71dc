package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link ShapeNames}: what a chart calls a phase, never the model's wrappers. */
class ShapeNamesTest {
  @Test
  void aRampIsNamedByWhereItGoes() {
    assertEquals("linear warm-up", ShapeNames.of(new Linear(0, 1e-3), 100));
    assertEquals("linear decay", ShapeNames.of(new Linear(1e-3, 0), 100));
    assertEquals("cosine decay", ShapeNames.of(new Cosine(1e-3, 1e-5), 100));
    assertEquals("constant", ShapeNames.of(new Constant(0.1), Phase.OPEN));
  }

  @Test
  void aReversedLinearIsNamedByTheWayItRuns() {
    // DeepSpeed's WarmupDecayLR decay: the linear from min to max read backwards, so falling.
    assertEquals("linear decay", ShapeNames.of(new Reversed(new Linear(1e-6, 1e-3)), 4500));
    assertEquals("linear warm-up", ShapeNames.of(new Reversed(new Linear(1e-3, 1e-6)), 4500));
  }

  @Test
  void aShiftedShapeIsTheShapeItShifts() {
    assertEquals("cosine decay", ShapeNames.of(new Shifted(new Cosine(1e-3, 0), 1), 3000));
    assertEquals("cosine decay (continued)", ShapeNames.of(new Shifted(new Cosine(1e-3, 0), 500), 3000));
  }

  @Test
  void aMegatronSegmentIsNamedAfterItsCurve() {
    assertEquals("1 - sqrt decay", ShapeNames.of(new Segment(Segment.Curve.MINUS_SQRT, 1e-3, 1e-5, 1, 0, 200), 200));
  }
}
