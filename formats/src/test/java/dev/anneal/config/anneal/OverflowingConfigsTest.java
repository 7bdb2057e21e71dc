package dev.anneal.config.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Configs whose every field is finite, but whose formula passes the largest double: they used to
 * pass {@code validate} and print Infinity or NaN. Each is refused at the offending field, with
 * the intermediate result that overflows and the fix.
 */
class OverflowingConfigsTest {
  private static final AnnealFormat FORMAT = new AnnealFormat();

  private static void assertRefused(String json, String... expected) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> FORMAT.read(json));
    assertEquals(List.of(expected), e.violations().stream().map(Violation::toString).toList());
  }

  @Test
  void anExponentialFromASubnormalValueOverflowsItsRatio() {
    // 1 / 1e-310 = 1e310: the old reader accepted it, and the curve was Infinity from step 1 on.
    assertRefused("{\"lr\": {\"phases\": [{\"shape\": \"exponential-to\", \"from\": 1e-310, \"to\": 1, \"steps\": 10}]}}",
        "[Overflow] lr.phases[0].from: to / from overflows: 1 / 1.0E-310 exceeds the largest double (1.7976931348623157E308),"
            + " so values would be infinite or NaN; use a from and a to whose ratio is at most 1.7976931348623157E308");
  }

  @Test
  void aCosineOfTooManyCyclesOverflowsItsAngle() {
    // 2π * 1e308 is infinite, and cos(∞) is NaN at every step.
    assertRefused("{\"lr\": {\"phases\": [{\"shape\": \"cosine\", \"from\": 1, \"to\": 0, \"cycles\": 1e308, \"steps\": 10}]}}",
        "[Overflow] lr.phases[0].cycles: 2π * cycles overflows: 2π * 1.0E308 exceeds the largest double (1.7976931348623157E308),"
            + " so values would be infinite or NaN; use at most 2.861117485757028E307 cycles");
  }

  @Test
  void aLineBetweenOppositeHugeValuesOverflowsItsSpan() {
    // A free channel has no sign rule: only to - from = 3e308 was wrong, and the curve was NaN, then Infinity.
    assertRefused("{\"ema\": {\"phases\": [{\"shape\": \"linear\", \"from\": -1.5e308, \"to\": 1.5e308, \"steps\": 10}]}}",
        "[Overflow] ema.phases[0].to: to - from overflows: 1.5E308 - -1.5E308 exceeds the largest double (1.7976931348623157E308),"
            + " so values would be infinite or NaN; bring to and from closer together");
  }

  @Test
  void aCosineWhoseSpanDoublesPastTheLargestDoubleIsRefused() {
    // from - to is finite, but the formula multiplies it by 1 + cos(…) = 2 before halving it.
    assertRefused("{\"ema\": {\"phases\": [{\"shape\": \"cosine\", \"from\": 1e308, \"to\": 0, \"steps\": 10}]}}",
        "[Overflow] ema.phases[0].from: (from - to) * (1 + cos(…)) overflows: (1.0E308 - 0) * 2 exceeds the largest double"
            + " (1.7976931348623157E308), so values would be infinite or NaN; bring from and to closer together (the formula doubles"
            + " their difference before halving it)");
  }

  @Test
  void theLargestCycleCountStillReads() {
    // The bound the message names is itself accepted: every value is finite.
    var plan = FORMAT.read("{\"ema\": {\"phases\": [{\"shape\": \"cosine\", \"from\": 1, \"to\": 0, \"cycles\": 2.861117485757028E307,"
        + " \"steps\": 10}]}}").plan();
    for (double value : plan.channel("ema").values(0, 12)) {
      assertEquals(true, Double.isFinite(value), "value " + value);
    }
  }
}
