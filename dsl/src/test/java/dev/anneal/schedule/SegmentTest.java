package dev.anneal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentTest {
  @Test
  void progressCountsUnitsFromTheSegmentsStart() {
    // 4 units a step, the phase starts 2 units into a segment of 8: progress 0.25, 0.75.
    Segment segment = new Segment(Segment.Curve.LINEAR, 1, 0, 4, 2, 8);
    assertEquals(0.25, segment.progress(0));
    assertEquals(0.75, segment.progress(1));
    assertEquals(0.75, segment.valueAt(0, 2));
    assertEquals(0.25, segment.valueAt(1, 2));
  }

  @Test
  void eachCurveFallsFromOneToZero() {
    assertEquals(0.5, new Segment(Segment.Curve.MINUS_SQRT, 1, 0, 1, 0, 4).valueAt(1, 4));
    assertEquals(Math.sqrt(2) - 1, new Segment(Segment.Curve.EXPONENTIAL, 1, 0, 1, 0, 2).valueAt(1, 2), 1e-16);
    assertEquals(0.5 * (Math.cos(Math.PI / 4) + 1), new Segment(Segment.Curve.COSINE, 1, 0, 2, 1, 4).valueAt(0, 1), 1e-16);
    for (Segment.Curve curve : Segment.Curve.values()) {
      assertEquals(1.0, curve.coefficient(0), curve.name());
      assertEquals(0.0, curve.coefficient(1), 1e-16, curve.name());
      assertEquals(0.0, curve.complement(0), 1e-16, curve.name());
      assertEquals(1.0, curve.complement(1), curve.name());
      assertEquals(1 - curve.coefficient(0.3), curve.complement(0.3), 1e-16, curve.name());
    }
  }

  @Test
  void aRampUpGoesFromFromToTo() {
    Segment ramp = new Segment(Segment.Curve.LINEAR, 0.01, 0.1, 8, 0, 20);
    assertEquals(0.01, ramp.valueAt(0, 3));
    // Megatron's linear weight-decay ramp: start_wd + r * (end_wd - start_wd), r = 8 / 20.
    assertEquals(0.01 + 0.4 * (0.1 - 0.01), ramp.valueAt(1, 3));
    assertEquals(0.1, ramp.endValue(3));
    assertEquals(new Range(0.01, 0.1), ramp.range(3));
  }

  @Test
  void pastTheEndOnlyCosineAndExponentialStayBounded() {
    assertEquals(new Range(0, 1), new Segment(Segment.Curve.COSINE, 1, 0, 1, 0, 4).rangePastEnd(4));
    // 2 * 0.5^r - 1 tends to -1: the value tends to to - (from - to).
    assertEquals(new Range(-0.5, 1), new Segment(Segment.Curve.EXPONENTIAL, 1, 0.25, 1, 0, 4).rangePastEnd(4));
    assertEquals(Range.UNBOUNDED, new Segment(Segment.Curve.LINEAR, 1, 0, 1, 0, 4).rangePastEnd(4));
    assertEquals(Range.UNBOUNDED, new Segment(Segment.Curve.MINUS_SQRT, 1, 0, 1, 0, 4).rangePastEnd(4));
  }

  @Test
  void aPhaseMustStayWithinItsSegment() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> new Phase(new Segment(Segment.Curve.LINEAR, 1, 0, 4, 2, 8), 3));
    assertEquals(
        List.of("[SegmentPastEnd] steps: a segment phase of 3 steps reaches 10 units at its last step, past its span (8); at most 2 steps fit"),
        e.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void unitsOriginAndSpanAreChecked() {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class,
        () -> new Phase(new Segment(Segment.Curve.LINEAR, 1, Double.NaN, 0, -1, 0), 3));
    assertEquals(
        List.of(
            "[NonFiniteValue] to: to (NaN) must be a finite number",
            "[NonPositiveLength] unitsPerStep: unitsPerStep (0) must be at least 1",
            "[NegativeValue] origin: origin (-1) must be at least 0",
            "[NotPositive] span: span (0) must be greater than 0"),
        e.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void aSequenceHoldsTheSegmentsEnd() {
    Sequence schedule = Sequence.of(Segment.ofSteps(Segment.Curve.EXPONENTIAL, 1e-3, 1e-5, 500), 500, AfterEnd.HOLD);
    // Megatron's WSD exponential anneal halfway: 2 * 0.5^0.5 - 1 of the way from 1e-5 to 1e-3.
    assertEquals(1e-5 + (2 * Math.pow(0.5, 0.5) - 1) * (1e-3 - 1e-5), schedule.valueAt(250));
    assertEquals(1e-3, schedule.valueAt(0));
    assertEquals(1e-5, schedule.valueAt(500));
    assertEquals(1e-5, schedule.valueAt(10_000));
  }
}
