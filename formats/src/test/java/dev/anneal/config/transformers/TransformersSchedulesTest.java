package dev.anneal.config.transformers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Schedule;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The presets' edge behaviour, against values worked out by hand from upstream's lambdas. */
class TransformersSchedulesTest {
  private static final double EXACT = 0;
  private static final double ULPS = 1e-15;

  @Test
  void linearDropsToZeroRightAfterAWarmupThatOutlastsTraining() {
    TransformersPreset preset = TransformersSchedules.linearWithWarmup(1.0, 10, 5);
    Schedule lr = preset.schedule();
    assertEquals(0.9, lr.valueAt(9), EXACT);
    // max(0, (5 - 10) / max(1, 5 - 10)) = 0
    assertEquals(0.0, lr.valueAt(10), EXACT);
    assertEquals(0.0, lr.valueAt(1_000), EXACT);
    assertEquals(
        List.of(
            "[FirstUpdateAtZero] num_warmup_steps: the first update uses a learning rate of 0 (the linear warm-up starts at 0);"
                + " it changes nothing",
            "[WarmupNotBeforeTotal] num_warmup_steps: num_warmup_steps (10) is not less than num_training_steps (5): the"
                + " warm-up does not finish before the end, and after it the learning rate is 0 (upstream behaviour)"),
        messages(preset.warnings()));
  }

  @Test
  void hardRestartsMayBeFractionalAndEndAtZero() {
    Schedule lr = TransformersSchedules.cosineWithHardRestartsWithWarmup(1.0, 0, 10, 3).schedule();
    assertEquals(1.0, lr.valueAt(0), EXACT);
    // progress 0.3: 3 * 0.3 mod 1 = 0.9, so 0.5 * (1 + cos(0.9 pi)) = 0.0244717418524...
    assertEquals(0.024471741852423234, lr.valueAt(3), 1e-15);
    // progress 0.4: the second cycle has restarted, 0.5 * (1 + cos(0.2 pi)) = 0.9045084971874737
    assertEquals(0.9045084971874737, lr.valueAt(4), 1e-15);
    assertEquals(0.0, lr.valueAt(10), EXACT);
    assertEquals(0.0, lr.valueAt(11), EXACT);
  }

  @Test
  void polynomialDecaysToLrEndRelativeToTheLearningRate() {
    Schedule lr = TransformersSchedules.polynomialDecayWithWarmup(1e-3, 0, 10, 1e-4, 1).schedule();
    // (1e-3 - 1e-4) * (1 - 5/10) + 1e-4
    assertEquals(5.5e-4, lr.valueAt(5), 1e-19);
    assertEquals(1e-4, lr.valueAt(10), 1e-19);
    assertEquals(1e-4, lr.valueAt(11), 1e-19);
  }

  @Test
  void polynomialWithPowerZeroHoldsThePeakThroughNumTrainingSteps() {
    Schedule lr = TransformersSchedules.polynomialDecayWithWarmup(1e-3, 2, 5, 1e-4, 0).schedule();
    assertEquals(0.0, lr.valueAt(0), EXACT);
    assertEquals(5e-4, lr.valueAt(1), EXACT);
    // 0.0 ** 0 == 1 in Python: step 5 (= num_training_steps) still takes the decay branch.
    assertEquals(1e-3, lr.valueAt(2), 1e-19);
    assertEquals(1e-3, lr.valueAt(5), 1e-19);
    assertEquals(1e-4, lr.valueAt(6), 1e-19);
  }

  @Test
  void inverseSqrtTimescaleDefaultsToTheWarmupOrTenThousand() {
    Schedule withWarmup = TransformersSchedules.inverseSqrt(1.0, 100).schedule();
    assertEquals(1.0, withWarmup.valueAt(100), EXACT);
    assertEquals(0.5, withWarmup.valueAt(400), EXACT);
    Schedule withoutWarmup = TransformersSchedules.inverseSqrt(1.0, 0).schedule();
    assertEquals(1.0, withoutWarmup.valueAt(0), EXACT);
    assertEquals(0.5, withoutWarmup.valueAt(30_000), EXACT);
  }

  @Test
  void cosineWarmupWithMinLrIsShiftedOneStepAhead() {
    // No warm-up: progress (step + 1) / 2, so step 0 is already half-way down.
    Schedule lr = TransformersSchedules.cosineWithMinLrWithWarmupLrRate(1.0, 0, 2, 0.5, MinLr.rate(0), OptionalDouble.empty())
        .schedule();
    assertEquals(0.5, lr.valueAt(0), ULPS);
    assertEquals(0.0, lr.valueAt(1), ULPS);
    assertEquals(0.5, lr.valueAt(2), ULPS);

    // Warm-up (step + 1) / 4, reaching 1 at its last step 3; then progress (4 - 4 + 1) / 4 at step 4.
    Schedule warm = TransformersSchedules.cosineWithMinLrWithWarmupLrRate(1.0, 4, 8, 0.5, MinLr.rate(0.5), OptionalDouble.empty())
        .schedule();
    assertEquals(0.25, warm.valueAt(0), ULPS);
    assertEquals(0.75, warm.valueAt(2), ULPS);
    assertEquals(1.0, warm.valueAt(3), EXACT);
    // 0.5 * (1 + cos(pi / 4)) * 0.5 + 0.5 = 0.9267766952966369
    assertEquals(0.9267766952966369, warm.valueAt(4), ULPS);
    assertEquals(0.5, warm.valueAt(7), ULPS);
  }

  @Test
  void cosineWarmupWithMinLrStartsAtWarmupLrRate() {
    // warmup_lr_rate + (1 - warmup_lr_rate) * step / max(1, 5 - 1)
    Schedule lr = TransformersSchedules.cosineWithMinLrWithWarmupLrRate(1.0, 5, 10, 0.5, MinLr.rate(0), OptionalDouble.of(0.2))
        .schedule();
    assertEquals(0.2, lr.valueAt(0), EXACT);
    assertEquals(0.6, lr.valueAt(2), ULPS);
    assertEquals(1.0, lr.valueAt(4), ULPS);

    Schedule oneStep = TransformersSchedules.cosineWithMinLrWithWarmupLrRate(1.0, 1, 3, 0.5, MinLr.rate(0), OptionalDouble.of(0.2))
        .schedule();
    assertEquals(0.2, oneStep.valueAt(0), EXACT);
    // progress (1 - 1 + 1) / 2: half-way down already at the first step after the warm-up.
    assertEquals(0.5, oneStep.valueAt(1), ULPS);
  }

  @Test
  void wsdCurvesFollowUpstreamsFactors() {
    WsdArguments sqrtUp = WsdArguments.ofPhases(4, 2, 4).withWarmupType(WsdCurve.ONE_MINUS_SQRT)
        .withDecayType(WsdCurve.ONE_MINUS_SQRT).withMinLrRatio(0.2);
    Schedule lr = TransformersSchedules.wsd(1.0, sqrtUp).schedule();
    assertEquals(0.2, lr.valueAt(0), ULPS);
    // warm-up 1 - sqrt(1 - 3/4) = 0.5, times (1 - 0.2), plus 0.2
    assertEquals(0.6, lr.valueAt(3), ULPS);
    assertEquals(1.0, lr.valueAt(5), EXACT);
    assertEquals(1.0, lr.valueAt(6), EXACT);
    // decay 1 - sqrt(1/4) = 0.5, times 0.8, plus 0.2
    assertEquals(0.6, lr.valueAt(7), ULPS);
    assertEquals(0.2, lr.valueAt(10), EXACT);

    WsdArguments cosineUp = WsdArguments.ofPhases(2, 0, 2).withWarmupType(WsdCurve.COSINE).withNumCycles(1);
    Schedule cosine = TransformersSchedules.wsd(1.0, cosineUp).schedule();
    assertEquals(0.0, cosine.valueAt(0), EXACT);
    assertEquals(0.5, cosine.valueAt(1), ULPS);
    // decay with one full cycle: 0.5 * (1 + cos(2 pi * 1/2)) = 0 at step 3; after the decay upstream returns min_lr_ratio.
    assertEquals(0.0, cosine.valueAt(3), ULPS);
    assertEquals(0.0, cosine.valueAt(4), EXACT);
  }

  @Test
  void theJavaApiNamesUpstreamsArguments() {
    InvalidScheduleException e =
        assertThrows(InvalidScheduleException.class, () -> TransformersSchedules.cosineWithWarmup(Double.NaN, -1, 0, -0.5));
    // num_training_steps 0 and num_cycles -0.5 are run by upstream, and warned about (TransformersUpstreamRunsTest).
    assertEquals(
        List.of(
            "[NonFiniteValue] learning_rate: learning_rate (NaN) must be a finite number",
            "[NegativeValue] num_warmup_steps: num_warmup_steps (-1) must be at least 0"),
        messages(e.violations()));
  }

  @Test
  void presetsNameTheirFunction() {
    assertEquals("get_wsd_schedule", TransformersSchedules.wsd(1.0, WsdArguments.ofTraining(1, 1, 3)).function());
    assertEquals(3e-4, TransformersSchedules.constant(3e-4).learningRate());
  }

  private static List<String> messages(List<Violation> violations) {
    return violations.stream().map(Violation::toString).toList();
  }
}
