package dev.anneal.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.builder.Schedules;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The samples, compiled through the processor by the normal build, at values derived by hand. */
class SamplesTest {
  /** Rounding of a few operations on values near 1e-3: far below any difference that matters. */
  private static final double TINY = 1e-17;

  @Test
  void gptWarmsUpHoldsAndAnnealsWithCosine() {
    GptLearningRateSchedule lr = GptLearningRateSchedule.SCHEDULE;
    assertEquals(3e-6, lr.valueAt(0));
    assertEquals(3e-4, lr.valueAt(2_000));
    assertEquals(3e-4, lr.valueAt(11_999));
    assertEquals((3e-4 + 3e-5) / 2, lr.valueAt(12_000 + 44_000), TINY, "half-way down the cosine");
    assertEquals(3e-5, lr.valueAt(100_000));
    assertEquals(3e-5, lr.valueAt(10_000_000), "held after the end");
    GptLearningRateSchedule.Stepper stepper = lr.stepper();
    for (long step = 0; step < 100_100; step++) {
      assertEquals(lr.valueAt(step), stepper.next(), "step " + step);
    }
  }

  @Test
  void wsdCoolsDownAlongOneMinusSqrt() {
    WarmupStableDecaySchedule lr = WarmupStableDecaySchedule.SCHEDULE;
    assertEquals(0.0, lr.valueAt(0));
    assertEquals(3e-4, lr.valueAt(500), TINY);
    assertEquals(6e-4, lr.valueAt(81_000));
    // a quarter into the cool-down: 6e-4 * (1 - sqrt(1/4)) = 3e-4
    assertEquals(3e-4, lr.valueAt(81_000 + 4_750), TINY);
    assertEquals(0.0, lr.valueAt(100_000));
  }

  @Test
  void oneCycleMomentumMirrorsTheLearningRate() {
    Plan plan = OneCycleSgdPlan.plan();
    assertEquals(0.004, plan.lr().valueAt(0), TINY);
    assertEquals(0.95, plan.channel("momentum").valueAt(0));
    assertEquals(0.1, plan.lr().valueAt(3_000));
    assertEquals(0.85, plan.channel("momentum").valueAt(3_000));
    assertEquals(4e-7, plan.lr().valueAt(10_000));
    assertEquals(0.95, plan.channel("momentum").valueAt(10_000));
  }

  @Test
  void aRunReadFromJsonGivesItsSchedule() throws Exception {
    try (InputStream json = SamplesTest.class.getResourceAsStream("/runs/cosine-run.json")) {
      CosineRunSchedule lr = CosineRun.read(json).schedule();
      assertEquals(3e-6, lr.valueAt(0), TINY, "peak / 100");
      assertEquals(3e-4, lr.valueAt(2_000), TINY, "the cosine's start");
      assertEquals(3e-5, lr.valueAt(100_000), TINY);
    }
  }

  @Test
  void aBrokenRunIsRefusedWithEveryProblemNamed() {
    String json = "{\"peak\": 3e-4, \"warmup\": 2000, \"total\": 1000, \"minRatio\": 0.1}";
    CosineRun run = CosineRun.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    InvalidScheduleException thrown = assertThrows(InvalidScheduleException.class, run::schedule);
    assertEquals(
        "[ConditionNotMet] phases[1].steps: phases[1].steps = total - warmup requires total > warmup, but total = 1000 and warmup = 2000",
        thrown.getMessage());
  }

  @Test
  void aDecayOfLongMaxValueStepsIsRefusedNotTakenForForever() {
    // Before: the length was read as "forever" and the boundary wrapped, so valueAt(1001) was 0.0.
    DecayRun run = new DecayRun(1e-3, 1_000, Long.MAX_VALUE, 0.999);
    InvalidScheduleException thrown = assertThrows(InvalidScheduleException.class, run::schedule);
    assertEquals("[LengthOverflow] decay: the phases add up to more than 9223372036854775806 steps", thrown.getMessage());
  }

  @Test
  void theLongestDecayEqualsTheInterpretedScheduleOnBothSidesOfEveryBoundary() {
    long longest = Long.MAX_VALUE - 1;
    DecayRunSchedule generated = new DecayRun(1e-3, 1_000, longest - 1_000, 0.999).schedule();
    Schedule interpreted = Schedules.linear(1e-3 / 100, 1e-3).over(1_000).then().exponential(0.999).over(longest - 1_000).build();
    for (long step : new long[] {0, 999, 1_000, 1_001, longest - 1, longest, Long.MAX_VALUE}) {
      assertEquals(interpreted.valueAt(step), generated.valueAt(step), "step " + step);
    }
    assertEquals(1e-3 * 0.999, generated.valueAt(1_001));
  }
}
