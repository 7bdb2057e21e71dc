package dev.anneal.config.deepspeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.config.FormatDetection;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code deepspeed-args} format on real command lines: DeepSpeed's tuning arguments parsed as
 * argparse parses them, turned into the scheduler {@code get_config_from_args} builds, every
 * problem at its flag and line, every warning in full.
 */
class DeepSpeedArgsFormatTest {
  /** DeepSpeed's LRRT tutorial's range test (docs/_tutorials/lrrt.md), launched from the command line. */
  private static final String TUTORIAL_RANGE_TEST = """
      deepspeed train.py --deepspeed --deepspeed_config ds_config.json \\
        --lr_schedule LRRangeTest \\
        --lr_range_test_min_lr=0.0001 \\
        --lr_range_test_step_size=200 \\
        --lr_range_test_step_rate=5 \\
        --lr_range_test_staircase=False
      """;

  private static Imported read(String text) {
    return Formats.byName("deepspeed-args").read(text);
  }

  private static List<String> all(Imported imported) {
    return imported.warnings().stream().map(Violation::toString).toList();
  }

  private static String refusal(String text) {
    return assertThrows(InvalidScheduleException.class, () -> read(text)).getMessage();
  }

  @Test
  void aTutorialRangeTestIsReadWithTheStaircaseArgparseTurnsOn() {
    Imported imported = read(TUTORIAL_RANGE_TEST);

    assertEquals(List.of(
        "[IgnoredSetting] --deepspeed (line 1): ignored: not a DeepSpeed tuning argument: the training script reads it, the scheduler"
            + " does not",
        "[IgnoredSetting] --deepspeed_config (line 1): ignored: not a DeepSpeed tuning argument: the training script reads it, the"
            + " scheduler does not",
        "[StaircaseStringIsTrue] --lr_range_test_staircase (line 6): --lr_range_test_staircase False turns the staircase on: DeepSpeed"
            + " declares the flag type=bool, and Python's bool() of any non-empty string is True; leave the flag out for a continuous"
            + " range test"), all(imported));
    // 1e-4 * (1 + 5 * floor(t / 200)): a staircase, as bool("False") is True.
    Plan plan = imported.plan();
    assertEquals(1e-4, plan.lr().valueAt(199));
    assertEquals(1e-4 * (1 + 5.0), plan.lr().valueAt(200), 1e-18);
  }

  @Test
  void theCommandLinesOwnDefaultsApplyWithAWarningWhereTheyDifferFromTheConstructors() {
    Imported imported = read("--lr_schedule LRRangeTest");

    assertEquals(List.of("[ArgsDefaultDiffers] --lr_range_test_step_size: --lr_range_test_step_size is absent; DeepSpeed's command line"
        + " passes its own default 1000 (LRRangeTest's own default is 2000 updates per step)"), all(imported));
    assertEquals(0.002, imported.plan().lr().valueAt(1000));
  }

  @Test
  void warmUpToTheCommandLinesMaximumNotTheOptimizersLr() {
    Imported imported = read("python train.py --lr_schedule WarmupLR --warmup_num_steps 100 --warmup_type linear");

    assertEquals(List.of(
        "[ArgsDefaultDiffers] --warmup_max_lr: --warmup_max_lr is absent; DeepSpeed's command line passes its own default 0.001 (WarmupLR's"
            + " own default is the optimizer's lr)",
        "[TwoUpdatesAtWarmupMin] --warmup_min_lr: the first two updates use warmup_min_lr (0): DeepSpeed sets it at construction and its"
            + " formula gives it again for iteration 0 after the first step, so the whole curve runs one update late",
        "[FirstUpdateAtZero] --warmup_min_lr: the first update uses a learning rate of 0 (warmup_min_lr is 0); it changes nothing"),
        all(imported));
    assertEquals(0.001, imported.plan().lr().valueAt(101));
  }

  @Test
  void oneCycleGivesTheLrAndSaysTheMomentumDependsOnTheScriptsOptimizer() {
    Imported imported = read("--lr_schedule OneCycle --cycle_min_lr 1e-4 --cycle_max_lr 1e-3 --cycle_first_step_size 100"
        + " --cycle_second_step_size 100 --cycle_momentum --decay_lr_rate 0.1");

    assertEquals(List.of(
        "[ArgsDefaultDiffers] --decay_step_size: --decay_step_size is absent; DeepSpeed's command line passes its own default 1000"
            + " (OneCycle's own default is 0, no decay)",
        "[MomentumUnknownFromArgs] --lr_schedule (line 1): OneCycle also cycles β1 from cycle_max_mom (0.9) to cycle_min_mom (0.8) and"
            + " back if the training script's optimizer has betas (get_config_from_args never copies --cycle_momentum, so OneCycle's"
            + " default, true, applies), and a command line does not name the optimizer: the plan holds the lr only; read the ds_config"
            + " with --format deepspeed for β1",
        "[IgnoredArgument] --cycle_momentum (line 1): --cycle_momentum is ignored by get_config_from_args, which never copies it into a"
            + " scheduler; remove it or pick a type that uses it"), all(imported));
    assertEquals(1e-3, imported.plan().lr().valueAt(100), 1e-18);
    assertEquals(1e-4 / (1 + 0.1 * 1000 / 1000.0), imported.plan().lr().valueAt(200 + 1000), 1e-18);
  }

  @Test
  void flagsTheChosenScheduleDoesNotReadAreNamed() {
    assertEquals(List.of(
        "[IgnoredArgument] --cycle_min_lr (line 1): --cycle_min_lr is ignored by --lr_schedule WarmupLR; remove it or pick a type that"
            + " uses it",
        "[IgnoredArgument] --cos_min_ratio (line 1): --cos_min_ratio is ignored by get_config_from_args, which never copies it into a"
            + " scheduler; remove it or pick a type that uses it",
        "[TwoUpdatesAtWarmupMin] --warmup_min_lr: the first two updates use warmup_min_lr (0): DeepSpeed sets it at construction and its"
            + " formula gives it again for iteration 0 after the first step, so the whole curve runs one update late",
        "[FirstUpdateAtZero] --warmup_min_lr: the first update uses a learning rate of 0 (warmup_min_lr is 0); it changes nothing"),
        all(read("--lr_schedule WarmupLR --warmup_max_lr 1e-3 --warmup_type linear --cycle_min_lr 0.1 --cos_min_ratio 0.1")));
  }

  @Test
  void theLastOfARepeatedFlagAndAUniquePrefixCountAsArgparseCountsThem() {
    Plan plan = read("--lr_sched WarmupLR --warmup_max_lr 1e-3 --warmup_num_steps 10 --warmup_type linear --warmup_num_steps 20").plan();

    assertEquals(0.001 * 10 / 20, plan.lr().valueAt(11), 1e-18);
  }

  @Test
  void whatArgparseOrDeepSpeedRefusesIsRefusedWithTheirReason() {
    assertEquals("[MissingKey] --cycle_second_step_size: missing required key --cycle_second_step_size (its command-line default is -1,"
        + " and OneCycle raises ValueError: cycle_second_step_size must be non-negative, got -1.0)",
        refusal("--lr_schedule OneCycle --cycle_min_lr 1e-4 --cycle_max_lr 1e-3 --cycle_first_step_size 100"));
    assertEquals("[UnknownTuningFlag] --lr_range_test_stepsize (line 1): unknown DeepSpeed tuning flag '--lr_range_test_stepsize'; did"
        + " you mean `--lr_range_test_step_size`? (argparse leaves it to the training script, and --lr_range_test_step_size keeps its"
        + " default)", refusal("--lr_schedule LRRangeTest --lr_range_test_stepsize 200"));
    assertEquals("[NotImportable] --lr_schedule (line 1): cannot be imported from DeepSpeed: get_config_from_args gives WarmupDecayLR"
        + " only the warm-up arguments, and its constructor fails without total_num_steps (TypeError: missing a required positional"
        + " argument); write the scheduler in a ds_config with --format deepspeed", refusal("--lr_schedule WarmupDecayLR --warmup_num_steps 10"));
    assertEquals("[UnknownScheduler] --lr_schedule (line 1): DeepSpeed does not recognize LR scheduler 'WarmupCosine' (its engine asserts"
        + " the type is one of its own or a torch.optim.lr_scheduler class); get_config_from_args returns no scheduler ('WarmupCosine is"
        + " not supported LR schedule'); did you mean `WarmupCosineLR`?", refusal("--lr_schedule WarmupCosine"));
    assertEquals("[WrongType] --lr_range_test_step_size (line 1): expected an integer (argparse stops: invalid int value: '1e3'), found 1e3",
        refusal("--lr_schedule LRRangeTest --lr_range_test_step_size 1e3"));
    assertEquals("[WrongType] --lr_range_test_step_rate (line 1): expected a value (argparse stops: expected one argument; it takes a word"
        + " starting with - for an option unless it reads like -3 or -0.5), found the option -1e-3",
        refusal("--lr_schedule LRRangeTest --lr_range_test_step_size 100 --lr_range_test_step_rate -1e-3"));
    assertEquals("[NonPositiveLength] --warmup_num_steps (line 3): warmup_num_steps (0) must be at least 1",
        refusal("--lr_schedule WarmupLR \\\n  --warmup_max_lr 1e-3 --warmup_type linear \\\n  --warmup_num_steps 0"));
    assertEquals("[MissingKey] --lr_schedule: missing required key --lr_schedule (get_config_from_args returns no scheduler: '--lr_schedule"
        + " not specified on command line')", refusal("--warmup_max_lr 1e-3"));
  }

  @Test
  void lrScheduleIsEvidenceOfThisFormatEvenInAShellScript() {
    assertEquals(List.of(new FormatDetection.Candidate("deepspeed-args", "--lr_schedule")),
        FormatDetection.candidates("launch.sh", TUTORIAL_RANGE_TEST));
  }

  @Test
  void aPlanIsWrittenAsTheFlagsThatRebuildIt() {
    Plan plan = read(TUTORIAL_RANGE_TEST).plan();
    String written = Formats.byName("deepspeed-args").write(plan);

    assertEquals("""
        --lr_schedule LRRangeTest \\
          --lr_range_test_min_lr 1.0E-4 \\
          --lr_range_test_step_size 200 \\
          --lr_range_test_step_rate 5 \\
          --lr_range_test_staircase True
        """, written);
    assertEquals(plan.lr().values(0, 2000)[1999], read(written).plan().lr().values(0, 2000)[1999]);
  }
}
