package dev.anneal.config.deepspeed;

import static dev.anneal.config.deepspeed.DeepSpeedBadValueTest.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs DeepSpeed runs although they look wrong: each is read without an error, with the warning
 * that says what DeepSpeed does and the likely fix, in full, and nothing else (notes aside).
 */
class DeepSpeedUpstreamRunsTest {
  private static final String ONE_CYCLE = "\"cycle_min_lr\": 0.0001, \"cycle_max_lr\": 0.001";
  private static final String WARMUP = "\"warmup_num_steps\": 100, \"warmup_type\": \"linear\"";
  private static final String DECAY = "\"total_num_steps\": 1000, \"warmup_num_steps\": 100, \"warmup_type\": \"linear\"";

  private static final String TWO_UPDATES_AT_MIN = "[TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use"
      + " warmup_min_lr (0.01): DeepSpeed sets it at construction and its formula gives it again for iteration 0 after the first step,"
      + " so the whole curve runs one update late";

  private static final String TWO_UPDATES_AT_ZERO = "[TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use"
      + " warmup_min_lr (0): DeepSpeed sets it at construction and its formula gives it again for iteration 0 after the first step, so"
      + " the whole curve runs one update late";

  private static final String FIRST_UPDATE_AT_ZERO = "[FirstUpdateAtZero] scheduler.params.warmup_min_lr: the first update uses a"
      + " learning rate of 0 (warmup_min_lr is 0); it changes nothing";

  private static final String MAX_IS_OPTIMIZER_LR =
      "[HiddenDefault] scheduler.params.warmup_max_lr: warmup_max_lr is absent; DeepSpeed uses the optimizer's lr (0.001)";

  private static final String CYCLE_MOMENTUM_DEFAULT = "[HiddenDefault] scheduler.params.cycle_momentum: cycle_momentum is absent;"
      + " DeepSpeed uses true: β1 cycles from cycle_max_mom (0.9) down to cycle_min_mom (0.8) and back";

  private static final String FIRST_BETA1 = "[FirstBeta1AtMin] scheduler.params.cycle_min_mom: the first update uses β1 = cycle_min_mom"
      + " (0.8), the second 0.89995: DeepSpeed sets cycle_min_mom at construction, then follows the cycle down from cycle_max_mom (0.9)";

  private static final String BETA2_FORCED = "[Beta2Forced] optimizer.params.betas: OneCycle sets Adam β2 to 0.99 on every update; the"
      + " optimizer's β2 (0.999) is never used";

  static Stream<Arguments> inputs() {
    return Stream.of(
        runs(config("LRRangeTest", "\"lr_range_test_step_rate\": -1"),
            "[DecreasingRangeTest] scheduler.params.lr_range_test_step_rate: lr_range_test_step_rate (-1) is negative: DeepSpeed lowers the"
                + " lr from lr_range_test_min_lr instead of raising it, and from step 2001 (update 2002) on it would be negative, which"
                + " steps up the loss: the plan ends there; use a positive rate to search upwards"),
        runs(config("LRRangeTest", "\"lr_range_test_min_lr\": 0"),
            "[FirstUpdateAtZero] scheduler.params.lr_range_test_min_lr: the first update uses a learning rate of 0 (lr_range_test_min_lr"
                + " is 0, and the range test only multiplies it, so every update uses 0); it changes nothing"),
        runs(config("OneCycle", "\"cycle_min_lr\": 0.01, \"cycle_max_lr\": 0.001"),
            "[BoundsReversed] scheduler.params.cycle_min_lr: cycle_min_lr (0.01) is above cycle_max_lr (0.001): DeepSpeed runs the cycle"
                + " upside down (the lr dips from cycle_min_lr to cycle_max_lr and back, then keeps cycle_min_lr); swap them for a peak",
            CYCLE_MOMENTUM_DEFAULT, FIRST_BETA1, BETA2_FORCED),
        // DeepSpeed draws stairs only for a count above 0; -1 is its command line's default.
        runs(config("OneCycle", ONE_CYCLE + ", \"cycle_first_stair_count\": -1"), CYCLE_MOMENTUM_DEFAULT, FIRST_BETA1, BETA2_FORCED),
        runs(config("OneCycle", ONE_CYCLE + ", \"cycle_min_mom\": 0.95"),
            "[BoundsReversed] scheduler.params.cycle_min_mom: cycle_min_mom (0.95) is above cycle_max_mom (0.9): where it cycles β1,"
                + " DeepSpeed runs that cycle upside down too (β1 rises from cycle_max_mom to cycle_min_mom while the lr moves the other"
                + " way); swap them",
            "[HiddenDefault] scheduler.params.cycle_momentum: cycle_momentum is absent; DeepSpeed uses true: β1 cycles from cycle_max_mom"
                + " (0.9) up to cycle_min_mom (0.95) and back",
            "[FirstBeta1AtMin] scheduler.params.cycle_min_mom: the first update uses β1 = cycle_min_mom (0.95), the second"
                + " 0.9000250000000001: DeepSpeed sets cycle_min_mom at construction, then follows the cycle down from cycle_max_mom (0.9)",
            BETA2_FORCED),
        runs(config("OneCycle", ONE_CYCLE + ", \"cycle_first_step_size\": 10, \"cycle_second_step_size\": 0, \"cycle_momentum\": false")),
        runs(config("WarmupLR", WARMUP + ", \"warmup_min_lr\": 0.01, \"warmup_max_lr\": 0.001"),
            "[BoundsReversed] scheduler.params.warmup_min_lr: warmup_min_lr (0.01) is above warmup_max_lr (0.001): DeepSpeed warms down"
                + " from warmup_min_lr to 0.001, then holds it; swap them for a warm-up",
            TWO_UPDATES_AT_MIN),
        runs(config("WarmupLR", WARMUP + ", \"warmup_min_lr\": 0.01"),
            "[HiddenDefault] scheduler.params.warmup_max_lr: warmup_max_lr is absent; DeepSpeed uses the optimizer's lr (0.001)",
            "[BoundsReversed] scheduler.params.warmup_min_lr: warmup_min_lr (0.01) is above the optimizer's lr (0.001): DeepSpeed warms"
                + " down from warmup_min_lr to 0.001, then holds it; swap them for a warm-up",
            TWO_UPDATES_AT_MIN),
        runs(config("WarmupLR", "\"warmup_num_steps\": 100, \"warmup_type\": \"Linear\""),
            MAX_IS_OPTIMIZER_LR,
            "[UnknownWarmupType] scheduler.params.warmup_type: warmup_type 'Linear' is neither log nor linear: DeepSpeed logs \"Using"
                + " unknown warmup_type\" and warms up with log; did you mean `linear`?",
            TWO_UPDATES_AT_ZERO, FIRST_UPDATE_AT_ZERO),
        runs(config("WarmupLR", "\"warmup_num_steps\": 100, \"warmup_type\": \"cosine\""),
            MAX_IS_OPTIMIZER_LR,
            "[UnknownWarmupType] scheduler.params.warmup_type: warmup_type 'cosine' is neither log nor linear: DeepSpeed logs \"Using"
                + " unknown warmup_type\" and warms up with log; expected one of: linear, log",
            TWO_UPDATES_AT_ZERO, FIRST_UPDATE_AT_ZERO),
        runs(config("WarmupDecayLR", DECAY + ", \"warmup_max_lr\": 0.001, \"warmup_min_lr\": 0.01"),
            "[BoundsReversed] scheduler.params.warmup_min_lr: warmup_min_lr (0.01) is above warmup_max_lr (0.001): DeepSpeed warms down"
                + " from warmup_min_lr to 0.001, then rises back to warmup_min_lr by total_num_steps (the decay moves towards"
                + " warmup_min_lr); swap them for a warm-up",
            TWO_UPDATES_AT_MIN),
        runs(config("WarmupCosineLR", DECAY + ", \"warmup_min_ratio\": 1.5, \"cos_min_ratio\": 0.1"),
            "[RatioOutsideUnit] scheduler.params.warmup_min_ratio: warmup_min_ratio (1.5) is outside [0, 1]: DeepSpeed takes it as it is,"
                + " so the warm-up falls from 1.5 × the optimizer's lr to 1 ×; a ratio below 1 warms up",
            "[FirstUpdateAtZero] scheduler.type: the first update uses a learning rate of 0 (WarmupCosineLR sets 0 at construction; the"
                + " second update uses warmup_min_ratio × lr (0.0015)); it changes nothing"),
        runs(config("WarmupCosineLR", DECAY + ", \"cos_min_ratio\": 2"),
            "[RatioOutsideUnit] scheduler.params.cos_min_ratio: cos_min_ratio (2) is outside [0, 1]: DeepSpeed takes it as it is, so after"
                + " the warm-up the cosine rises from the optimizer's lr to 2 × it and holds that; a ratio below 1 decays",
            "[FirstUpdateAtZero] scheduler.type: the first update uses a learning rate of 0 (WarmupCosineLR sets 0 at construction; the"
                + " second update uses warmup_min_ratio × lr (0)); it changes nothing"),
        runs(config("WarmupCosineLR", "\"total_num_steps\": 1000, \"warmup_type\": \"lineer\", \"cos_min_ratio\": 0.1"),
            "[UnknownWarmupType] scheduler.params.warmup_type: warmup_type 'lineer' is neither log nor linear: DeepSpeed logs \"Using"
                + " unknown warmup_type\" and warms up with log; did you mean `linear`?",
            "[FirstUpdateAtZero] scheduler.type: the first update uses a learning rate of 0 (WarmupCosineLR sets 0 at construction; the"
                + " second update uses warmup_min_ratio × lr (0)); it changes nothing"),
        runs("{\"optimizer\": {\"type\": \"AdamW\", \"params\": {\"lr\": 0.001}}, \"scheduler\": {\"params\": {\"warmup_num_steps\": 10}}}",
            "[SchedulerWithoutType] scheduler.type: the scheduler block has no type, so DeepSpeed builds no scheduler (get_scheduler_name"
                + " gives None) and never reads its params: every update uses the optimizer's lr (0.001); add the type you meant"),
        // A torch.optim.lr_scheduler class: DeepSpeed's engine builds it from torch with params as keyword arguments.
        runs(config("StepLR", "\"step_size\": 30")));
  }

  private static Arguments runs(String config, String... warnings) {
    return Arguments.of(config, List.of(warnings));
  }

  private static List<String> warnings(Imported imported) {
    // Every diagnostic but the ignored-setting notes (the ds_config's other sections), as DeepSpeedWarningTest reads them.
    return imported.warnings().stream().filter(v -> v.code() != ConfigCode.IGNORED_SETTING).map(Violation::toString).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void readWithTheWarningThatSaysWhatDeepSpeedDoes(String config, List<String> expected) {
    assertEquals(expected, warnings(Formats.byName("deepspeed").read(config)));
  }

  /**
   * A short log warm-down (warmup_min_lr 0.005 above the max 0.001, 2 steps): DeepSpeed's
   * lr_schedules.py (edaa722, run with torch 1.13) gives 0.005, 0.005, then 0.001 held. The log
   * formula read one step past the warm-up would be below 0, but no update reads it.
   */
  @Test
  void aShortLogWarmDownNeverGoesBelowItsEnd() {
    Plan plan = Formats.byName("deepspeed").read(config("WarmupLR",
        "\"warmup_min_lr\": 0.005, \"warmup_max_lr\": 0.001, \"warmup_num_steps\": 2, \"warmup_type\": \"log\"")).plan();

    assertEquals(List.of(0.005, 0.005, 0.001, 0.001, 0.001, 0.001),
        Arrays.stream(plan.lr().values(0, 6)).boxed().toList());
  }

  @Test
  void aFallingRangeTestEndsBeforeItsLearningRateTurnsNegative() {
    Plan plan = Formats.byName("deepspeed").read(config("LRRangeTest", "\"lr_range_test_step_rate\": -1")).plan();

    // 1e-3 * (1 - t / 2000): 0 at step 2000, below 0 from step 2001 on, where the plan ends.
    assertEquals(5e-4, plan.lr().valueAt(1000), 1e-18);
    assertEquals(0.0, plan.lr().valueAt(2000));
    assertThrows(InvalidScheduleException.class, () -> plan.lr().valueAt(2001));
  }

  @Test
  void aZeroLengthSecondHalfRampsThenDropsToTheMinimum() {
    Plan plan = Formats.byName("deepspeed").read(
        config("OneCycle", ONE_CYCLE + ", \"cycle_first_step_size\": 10, \"cycle_second_step_size\": 0, \"cycle_momentum\": false")).plan();

    assertEquals(1e-4 + 9e-4 * 0.9, plan.lr().valueAt(9), 1e-18);
    assertEquals(1e-4, plan.lr().valueAt(10));
  }

  @Test
  void theTorchClassIsSteppedAfterEveryUpdate() {
    Plan plan = Formats.byName("deepspeed").read(config("StepLR", "\"step_size\": 30, \"gamma\": 0.5")).plan();

    assertEquals(List.of(0.001, 0.001, 0.0005, 0.00025),
        List.of(plan.lr().valueAt(0), plan.lr().valueAt(29), plan.lr().valueAt(30), plan.lr().valueAt(60)));
  }
}
