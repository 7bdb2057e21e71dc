package dev.anneal.config.transformers;

import static dev.anneal.config.transformers.Configs.assertErrors;
import static dev.anneal.config.transformers.Configs.assertWarnings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.config.Imported;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import org.junit.jupiter.api.Test;

/**
 * Arguments of the schedule functions that look wrong but that transformers runs: each reads with
 * the warning that says what upstream does, and the curve is upstream's. Where upstream raises, or
 * runs into a learning rate Anneal does not hold, the error says so.
 *
 * <p>The expected learning rates are {@code learning_rate * lambda(step)} with the lambdas of
 * huggingface/transformers@005edacb6b5dabbf0843e92c6623de9e07ca6241 {@code
 * src/transformers/optimization.py} ({@code _get_linear_schedule_with_warmup_lr_lambda}, the
 * min-lr {@code _get_cosine_schedule_with_warmup_lr_lambda} that the plain cosine also calls, {@code
 * _get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda}, {@code
 * _get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda}, {@code _get_wsd_scheduler_lambda}),
 * evaluated once with CPython 3 floats and printed with {@code repr}; the tolerance is the golden
 * suite's, max(1e-12 absolute, 1e-9 relative).
 */
class TransformersUpstreamRunsTest {
  // ---- num_cycles 0 or negative ---------------------------------------------------------------

  @Test
  void cosineWithZeroCyclesHoldsThePeakAfterTheWarmup() {
    Imported imported = assertWarnings(
        "{'learning_rate': 1e-3, 'function': 'get_cosine_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': 5, 'num_training_steps': 100, 'num_cycles': 0.0}}",
        "[FirstUpdateAtZero] kwargs.num_warmup_steps: the first update uses a learning rate of 0 (the linear warm-up starts"
            + " at 0); it changes nothing",
        "[NumCyclesZero] kwargs.num_cycles: num_cycles is 0, so the cosine's angle is 0 at every step: after the warm-up"
            + " transformers holds the learning rate at its peak for ever; for one decay from the peak to the floor use"
            + " num_cycles 0.5");
    assertCurve(imported, new long[] {0, 4, 5, 6, 99, 100, 1000},
        0.0, 0.0008, 0.001, 0.001, 0.001, 0.001, 0.001);
  }

  @Test
  void cosineWithNegativeCyclesDrawsThePositiveCount() {
    Imported imported = assertWarnings(
        "{'learning_rate': 1e-3, 'function': 'get_cosine_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': 0, 'num_training_steps': 100, 'num_cycles': -0.5}}",
        "[NumCyclesNegative] kwargs.num_cycles: num_cycles (-0.5) is negative: the cosine is even, so transformers draws the"
            + " curve of num_cycles 0.5; write 0.5",
        "[RisesPastEnd] kwargs.num_training_steps: past step 100 the cosine formula rises again (upstream behaviour); stop"
            + " training at the end or clamp with HOLD");
    assertCurve(imported, new long[] {0, 1, 37, 99, 100, 150},
        0.001, 0.0009997532801828658, 0.0006985739453173903, 2.467198171342e-07, 0.0, 0.0004999999999999999);
  }

  @Test
  void hardRestartsWithZeroCyclesHoldThePeakUntilTheEnd() {
    Imported imported = assertWarnings(
        "{'learning_rate': 2e-5, 'function': 'get_cosine_with_hard_restarts_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': 5, 'num_training_steps': 40, 'num_cycles': 0}}",
        "[FirstUpdateAtZero] kwargs.num_warmup_steps: the first update uses a learning rate of 0 (the linear warm-up starts"
            + " at 0); it changes nothing",
        "[NumCyclesZero] kwargs.num_cycles: num_cycles is 0, so the cosine's angle is 0 at every step: after the warm-up"
            + " transformers holds the learning rate at its peak until num_training_steps, then at 0; for one decay from the"
            + " peak to the floor use num_cycles 0.5");
    assertCurve(imported, new long[] {0, 4, 5, 6, 39, 40, 41},
        0.0, 1.6000000000000003e-05, 2e-05, 2e-05, 2e-05, 0.0, 0.0);
  }

  @Test
  void hardRestartsWithMinusOneCycleRiseAfterOneStepAtThePeak() {
    Imported imported = assertWarnings(
        "{'learning_rate': 1e-3, 'function': 'get_cosine_with_hard_restarts_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': 5, 'num_training_steps': 40, 'num_cycles': -1}}",
        "[FirstUpdateAtZero] kwargs.num_warmup_steps: the first update uses a learning rate of 0 (the linear warm-up starts"
            + " at 0); it changes nothing",
        "[HardRestartsRise] kwargs.num_cycles: num_cycles (-1) is negative: as Python's modulo keeps (num_cycles *"
            + " progress) mod 1 in [0, 1), transformers gives the full learning rate for the first step after the warm-up,"
            + " then drops to near 0 and rises along a cosine until num_training_steps, where it falls to 0; for a decay use"
            + " num_cycles 1");
    assertCurve(imported, new long[] {0, 4, 5, 6, 20, 39, 40, 41},
        0.0, 0.0008, 0.001, 2.012853002380466e-06, 0.00038873953302184284, 0.0009979871469976197, 0.0, 0.0);
    // A count between -1 and 0 rises only part of the way: to 0.5 * (1 + cos(π / 2)) for -0.5.
    assertCurve(Configs.read(
            "{'learning_rate': 1e-3, 'function': 'get_cosine_with_hard_restarts_schedule_with_warmup',"
                + " 'kwargs': {'num_warmup_steps': 0, 'num_training_steps': 10, 'num_cycles': -0.5}}"),
        new long[] {0, 1, 5, 9, 10},
        0.001, 6.15582970243117e-06, 0.00014644660940672628, 0.0004217827674798845, 0.0);
  }

  @Test
  void hardRestartsWithSeveralNegativeCyclesAreRefusedWithWhatUpstreamDoes() {
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_cosine_with_hard_restarts_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': 5, 'num_training_steps': 40, 'num_cycles': -2}}",
        "[HardRestartsNegativeCycles] kwargs.num_cycles: num_cycles (-2) is below -1: transformers runs it, and as Python's"
            + " modulo keeps (num_cycles * progress) mod 1 in [0, 1) each of its cycles rises from 0 towards the learning"
            + " rate and drops back, where a positive count decays and restarts; Anneal reproduces a negative count only"
            + " down to -1 (one rising cycle), so it refuses; use a positive num_cycles");
  }

  @Test
  void cosineWarmupWithMinLrAndZeroCyclesHoldsThePeak() {
    Imported imported = assertWarnings(
        "{'learning_rate': 1e-3, 'function': 'get_cosine_with_min_lr_schedule_with_warmup_lr_rate',"
            + " 'kwargs': {'num_warmup_steps': 5, 'num_training_steps': 100, 'num_cycles': 0, 'min_lr_rate': 0.1}}",
        "[NumCyclesZero] kwargs.num_cycles: num_cycles is 0, so the cosine's angle is 0 at every step: after the warm-up"
            + " transformers holds the learning rate at its peak for ever; for one decay from the peak to the floor use"
            + " num_cycles 0.5");
    assertCurve(imported, new long[] {0, 4, 5, 6, 100, 1000}, 0.0002, 0.001, 0.001, 0.001, 0.001, 0.001);
  }

  // ---- warmup_lr_rate above 1 --------------------------------------------------------------------

  @Test
  void aWarmupRateAboveOneStartsAboveThePeakAndFallsToIt() {
    // warmup_lr_rate + (1 - warmup_lr_rate) * step / max(1, W - 1) = 2 - step / 4, then the shifted cosine to 0.1.
    Imported imported = assertWarnings(
        "{'learning_rate': 1e-3, 'function': 'get_cosine_with_min_lr_schedule_with_warmup_lr_rate',"
            + " 'kwargs': {'num_warmup_steps': 5, 'num_training_steps': 100, 'min_lr_rate': 0.1, 'warmup_lr_rate': 2.0}}",
        "[WarmupLrRateAboveOne] kwargs.warmup_lr_rate: warmup_lr_rate (2) is above 1, so the warm-up of 5 steps starts at 2 times"
            + " the learning rate and falls toward it before the cosine: transformers runs it; a warm-up starts below the learning rate:"
            + " use a rate in [0, 1)",
        "[RisesPastEnd] kwargs.num_training_steps: past step 99 the cosine formula rises again (upstream behaviour); stop training at the"
            + " end or clamp with HOLD");
    assertCurve(imported, new long[] {0, 1, 4, 5, 50, 99}, 0.002, 0.00175, 0.001, 0.0009997539658034168, 0.00057231268960295, 0.0001);
  }

  // ---- num_training_steps below 1 --------------------------------------------------------------

  @Test
  void linearWithZeroTrainingStepsIsZeroAfterTheWarmup() {
    Imported imported = assertWarnings(
        "{'learning_rate': 2e-5, 'function': 'get_linear_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': 5, 'num_training_steps': 0}}",
        "[FirstUpdateAtZero] kwargs.num_warmup_steps: the first update uses a learning rate of 0 (the linear warm-up starts"
            + " at 0); it changes nothing",
        "[TrainingStepsBelowOne] kwargs.num_training_steps: num_training_steps (0) is less than 1: transformers runs it, and"
            + " after the warm-up of 5 steps the learning rate is 0; set num_training_steps to the number of updates of the"
            + " run");
    assertCurve(imported, new long[] {0, 4, 5, 6, 100}, 0.0, 1.6000000000000003e-05, 0.0, 0.0, 0.0);
  }

  @Test
  void withoutAWarmupZeroTrainingStepsStartAtZero() {
    Imported imported = assertWarnings(
        "{'learning_rate': 1e-3, 'function': 'get_linear_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': 0, 'num_training_steps': 0}}",
        "[FirstUpdateAtZero] kwargs.num_training_steps: the first update uses a learning rate of 0 (num_training_steps"
            + " leaves no steps to decay over); it changes nothing",
        "[TrainingStepsBelowOne] kwargs.num_training_steps: num_training_steps (0) is less than 1: transformers runs it, and"
            + " after the warm-up of 0 steps the learning rate is 0; set num_training_steps to the number of updates of the"
            + " run");
    assertCurve(imported, new long[] {0, 1, 100}, 0.0, 0.0, 0.0);
    // polynomial: step 0 is past num_training_steps, so lr_end / lr_init (here 0) from the start
    assertCurve(assertWarnings(
            "{'learning_rate': 1e-3, 'function': 'get_polynomial_decay_schedule_with_warmup',"
                + " 'kwargs': {'num_warmup_steps': 0, 'num_training_steps': -3, 'lr_end': 0.0}}",
            "[FirstUpdateAtZero] kwargs.lr_end: the first update uses a learning rate of 0 (lr_end is 0 and"
                + " num_training_steps leaves no steps to decay over); it changes nothing",
            "[TrainingStepsBelowOne] kwargs.num_training_steps: num_training_steps (-3) is less than 1: transformers runs it,"
                + " and after the warm-up of 0 steps the learning rate is lr_end; set num_training_steps to the number of"
                + " updates of the run"),
        new long[] {0, 1, 100}, 0.0, 0.0, 0.0);
  }

  @Test
  void cosineWithZeroTrainingStepsJumpsAlongTheCosine() {
    Imported imported = assertWarnings(
        "{'learning_rate': 1e-3, 'function': 'get_cosine_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': 60, 'num_training_steps': 0, 'num_cycles': 1.25}}",
        "[FirstUpdateAtZero] kwargs.num_warmup_steps: the first update uses a learning rate of 0 (the linear warm-up starts"
            + " at 0); it changes nothing",
        "[TrainingStepsBelowOne] kwargs.num_training_steps: num_training_steps (0) is less than 1: transformers runs it, and"
            + " after the warm-up of 60 steps the learning rate jumps along the cosine by a whole unit of progress per step,"
            + " as max(1, num_training_steps - num_warmup_steps) = 1 (with num_cycles 0.5: back and forth between the peak"
            + " and the floor); set num_training_steps to the number of updates of the run",
        "[RisesPastEnd] kwargs.num_training_steps: past step 61 the cosine formula rises again (upstream behaviour); stop"
            + " training at the end or clamp with HOLD");
    assertCurve(imported, new long[] {0, 59, 60, 61, 62, 63, 64},
        0.0, 0.0009833333333333332, 0.001, 0.0005000000000000001, 0.0, 0.0004999999999999987, 0.001);
  }

  @Test
  void polynomialWithNoStepsBetweenWarmupAndTotalStillDividesByZero() {
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_polynomial_decay_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': 0, 'num_training_steps': 0}}",
        "[PolynomialWithoutDecay] kwargs.num_warmup_steps: num_warmup_steps equals num_training_steps (0): the polynomial"
            + " decay would divide by num_training_steps - num_warmup_steps = 0 at step 0 (upstream raises"
            + " ZeroDivisionError); make num_training_steps larger");
  }

  // ---- polynomial: what upstream raises on, and what it runs into -------------------------------

  @Test
  void polynomialWithANegativePowerIsRefusedWithUpstreamsZeroDivisionError() {
    assertErrors(
        "{'learning_rate': 2e-5, 'function': 'get_polynomial_decay_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': 0, 'num_training_steps': 1, 'lr_end': 0.0, 'power': -1.0}}",
        "[PolynomialNegativePower] kwargs.power: power (-1) is below 0: at step 1 the decay raises 0.0 to a negative power"
            + " and Python raises ZeroDivisionError, so transformers stops the run there; use a power of 0 or more");
  }

  @Test
  void polynomialWithANegativeLrEndIsRefusedForTheNegativeLearningRate() {
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_polynomial_decay_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': 60, 'num_training_steps': 100, 'lr_end': -0.0001, 'power': 2.0}}",
        "[LrEndNegative] kwargs.lr_end: lr_end (-1.0E-4) is below 0: transformers runs it (it checks only that lr_end is"
            + " below the learning rate), the decay crosses 0 and the learning rate ends at lr_end, where the optimizer"
            + " climbs the loss; Anneal keeps every learning rate at 0 or above, so it refuses; set lr_end to 0 or more");
  }

  @Test
  void aNegativeTimescaleIsRefusedWhereUpstreamRaises() {
    // (step - 3 - 5) / -3 is 0 at step 8: 1 / sqrt(0.0) raises ZeroDivisionError.
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_inverse_sqrt_schedule', 'kwargs': {'num_warmup_steps': 5, 'timescale': -3}}",
        "[TimescaleNotPositive] kwargs.timescale: timescale (-3) is not above 0: at step 8 the inverse square root's (step +"
            + " timescale - num_warmup_steps) / timescale is 0 (1 / sqrt(0) divides by 0), where Python raises"
            + " ZeroDivisionError, so transformers stops the run; use a positive timescale (by default num_warmup_steps, or"
            + " 10000 without a warm-up)");
    // (step - 2.5 - 5) / -2.5 is below 0 from step 8: math.sqrt raises ValueError.
    assertErrors(
        "{'learning_rate': 1e-3, 'function': 'get_inverse_sqrt_schedule', 'kwargs': {'num_warmup_steps': 5, 'timescale': -2.5}}",
        "[TimescaleNotPositive] kwargs.timescale: timescale (-2.5) is not above 0: at step 8 the inverse square root's (step"
            + " + timescale - num_warmup_steps) / timescale is below 0 (math.sqrt of a negative number), where Python raises"
            + " ValueError (math domain error), so transformers stops the run; use a positive timescale (by default"
            + " num_warmup_steps, or 10000 without a warm-up)");
  }

  // ---- floors ----------------------------------------------------------------------------------

  @Test
  void aCosineFloorAboveTheLearningRateMakesTheCosineRise() {
    Imported imported = assertWarnings(
        "{'learning_rate': 1e-3, 'function': 'get_cosine_with_min_lr_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': 5, 'num_training_steps': 100, 'min_lr_rate': 1.5}}",
        "[FirstUpdateAtZero] kwargs.num_warmup_steps: the first update uses a learning rate of 0 (the linear warm-up starts"
            + " at 0); it changes nothing",
        "[FloorAboveLearningRate] kwargs.min_lr_rate: min_lr_rate (1.5) puts the floor above the learning rate (1.5 times it):"
            + " transformers runs it, and the cosine rises to the floor instead of falling to it; use a floor below the"
            + " learning rate",
        "[RisesPastEnd] kwargs.num_training_steps: past step 100 the cosine formula rises again (upstream behaviour); stop"
            + " training at the end or clamp with HOLD");
    assertCurve(imported, new long[] {0, 5, 30, 99, 100, 150},
        0.0, 0.001, 0.0010806796070935646, 0.0014998633143352316, 0.0015, 0.001229355163631917);
  }

  @Test
  void aCosineFloorBelowZeroIsRefusedForUpstreamsClamp() {
    assertErrors(
        "{'learning_rate': 2e-5, 'function': 'get_cosine_with_min_lr_schedule_with_warmup',"
            + " 'kwargs': {'num_warmup_steps': 5, 'num_training_steps': 100, 'num_cycles': 1.0, 'min_lr_rate': -0.2}}",
        "[CosineFloorBelowZero] kwargs.min_lr_rate: min_lr_rate (-0.2) puts the cosine's floor below 0: transformers runs it and"
            + " clamps the learning rate at 0 (max(0, factor)) wherever the cosine dips under it, a clamp that recurs as the"
            + " cosine carries on past num_training_steps; no Anneal shape clamps a cosine, so Anneal refuses; use a floor of"
            + " 0 or more");
  }

  @Test
  void aNegativeWsdFloorIsRefusedForTheNegativeLearningRateAfterTheDecay() {
    assertErrors(
        "{'learning_rate': 2e-5, 'function': 'get_wsd_schedule', 'kwargs': {'num_warmup_steps': 60, 'num_decay_steps': 50,"
            + " 'num_training_steps': 100, 'num_stable_steps': 10, 'warmup_type': 'cosine', 'decay_type': '1-sqrt',"
            + " 'min_lr_ratio': -0.1, 'num_cycles': 1.0}}",
        "[MinLrRatioNegative] kwargs.min_lr_ratio: min_lr_ratio (-0.1) is below 0: transformers runs it, clamping the"
            + " warm-up and the decay at 0 but returning min_lr_ratio itself after the decay, so from step 120 the learning"
            + " rate is -2.0000000000000003E-6 and the optimizer climbs the loss; Anneal keeps every learning rate at 0 or above, so it"
            + " refuses; set min_lr_ratio to 0 or more");
  }

  // ---- WSD with num_training_steps short of the warm-up and the decay --------------------------

  @Test
  void wsdEntersItsLinearDecayPartWayThrough() {
    assertCurve(wsd("linear", 0.1, 0.5), new long[] {0, 9, 10, 11, 50, 98, 99, 100, 101, 500},
        0.0001, 0.00091, 0.0009526315789473686, 0.0009431578947368421, 0.0005736842105263159, 0.0001189473684210526,
        0.00010947368421052634, 0.0001, 0.0001, 0.0001);
  }

  @Test
  void wsdEntersItsOneMinusSqrtDecayPartWayThrough() {
    assertCurve(wsd("1-sqrt", 0.1, 0.5), new long[] {0, 9, 10, 11, 50, 98, 99, 100, 101, 500},
        0.0001, 0.00091, 0.0007935258395164944, 0.0007738188895224844, 0.0003805775185494833, 0.00010952407757365356,
        0.00010474937352128805, 0.0001, 0.0001, 0.0001);
  }

  @Test
  void wsdEntersItsCosineDecayPartWayThrough() {
    assertCurve(wsd("cosine", 0.1, 0.5), new long[] {0, 9, 10, 11, 50, 98, 99, 100, 101, 500},
        0.0001, 0.00091, 0.0009938625865312252, 0.0009911709846436641, 0.0005871607054625496, 0.00010098386775155147,
        0.0001002460341965833, 0.0001, 0.0001, 0.0001);
    assertCurve(wsd("cosine", 0.1, 1.0), new long[] {10, 11, 50, 98, 99, 100},
        0.0009756177587652855, 0.0009650303897398232, 0.00010613741346877497, 0.000996068831197139, 0.0009990161322484487,
        0.0001);
    assertCurve(wsd("cosine", 0, 0), new long[] {10, 11, 99, 100}, 0.001, 0.001, 0.001, 0.0);
  }

  @Test
  void wsdWithAFloorAboveThePeakFallsThenRises() {
    assertCurve(wsd("linear", 1.5, 0.5), new long[] {0, 5, 10, 11, 50, 99, 100},
        0.0015, 0.00125, 0.001026315789473684, 0.0010315789473684211, 0.001236842105263158, 0.001494736842105263, 0.0015);
  }

  @Test
  void wsdWarnsWhereTheStablePhaseWouldBeNegative() {
    Imported imported = assertWarnings(
        "{'learning_rate': 2e-5, 'function': 'get_wsd_schedule', 'kwargs': {'num_warmup_steps': 0, 'num_decay_steps': 50,"
            + " 'num_training_steps': 30, 'warmup_type': 'linear', 'decay_type': 'cosine', 'min_lr_ratio': 1.5,"
            + " 'num_cycles': 2.0}}",
        "[StablePhaseNegative] kwargs.num_training_steps: num_training_steps (30) is less than num_warmup_steps +"
            + " num_decay_steps (0 + 50): the stable phase lasts -20 steps, so transformers runs none and starts the decay"
            + " part-way through (or, where the warm-up reaches num_training_steps, goes straight to min_lr_ratio); raise"
            + " num_training_steps or shorten the warm-up or the decay",
        "[FloorAboveLearningRate] kwargs.min_lr_ratio: min_lr_ratio (1.5) puts the floor above the learning rate (1.5 times it):"
            + " transformers runs it, and the decay rises to the floor instead of falling to it; use a floor below the"
            + " learning rate");
    long[] steps = new long[32];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = i;
    }
    assertCurve(imported, steps,
        2.3454915028125264e-05, 2.232086602510502e-05, 2.1355156862892946e-05, 2.0618466599780685e-05,
        2.0157084194356846e-05, 2e-05, 2.0157084194356846e-05, 2.0618466599780685e-05, 2.1355156862892946e-05,
        2.2320866025105015e-05, 2.3454915028125264e-05, 2.4686047402353436e-05, 2.5936906572928625e-05,
        2.7128896457825366e-05, 2.8187119948743452e-05, 2.9045084971874738e-05, 2.964888242944126e-05,
        2.996057350657239e-05, 2.996057350657239e-05, 2.964888242944126e-05, 2.9045084971874738e-05,
        2.818711994874346e-05, 2.712889645782537e-05, 2.5936906572928632e-05, 2.468604740235344e-05,
        2.345491502812527e-05, 2.232086602510502e-05, 2.1355156862892946e-05, 2.061846659978069e-05,
        2.0157084194356846e-05, 3.0000000000000004e-05, 3.0000000000000004e-05);
  }

  @Test
  void wsdGoesStraightToItsFloorWhereTheWarmupReachesTheTotal() {
    Imported imported = Configs.read(
        "{'learning_rate': 1e-3, 'function': 'get_wsd_schedule', 'kwargs': {'num_warmup_steps': 60, 'num_decay_steps': 10,"
            + " 'num_training_steps': 0, 'warmup_type': '1-sqrt', 'decay_type': 'cosine', 'min_lr_ratio': 0,"
            + " 'num_cycles': 0.5}}");
    assertCurve(imported, new long[] {0, 1, 30, 59, 60, 61, 1000},
        0.0, 8.368347957098954e-06, 0.00029289321881345245, 0.0008709005551264193, 0.0, 0.0, 0.0);
  }

  /** get_wsd_schedule(warm-up 10, decay 95, num_training_steps 100): the stable phase would be -5 steps. */
  private static Imported wsd(String decayType, double minLrRatio, double numCycles) {
    return Configs.read(
        "{'learning_rate': 1e-3, 'function': 'get_wsd_schedule', 'kwargs': {'num_warmup_steps': 10, 'num_decay_steps': 95,"
            + " 'num_training_steps': 100, 'decay_type': '" + decayType + "', 'min_lr_ratio': " + minLrRatio
            + ", 'num_cycles': " + numCycles + "}}");
  }

  private static void assertCurve(Imported imported, long[] steps, double... expected) {
    Schedule lr = imported.plan().channel(Plan.LR);
    for (int i = 0; i < steps.length; i++) {
      double tolerance = Math.max(1e-12, 1e-9 * Math.abs(expected[i]));
      assertEquals(expected[i], lr.valueAt(steps[i]), tolerance, "lr at step " + steps[i]);
    }
  }
}
