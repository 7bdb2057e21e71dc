package dev.anneal.config.deepspeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.Formats;
import dev.anneal.config.Imported;
import dev.anneal.golden.GoldenCase;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.Violation;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DeepSpeed's quirks are reproduced (the golden curves show each) and reported: every warning of a
 * config, in full, and nothing else.
 */
class DeepSpeedWarningTest {
  /** The warnings, without the notes naming ignored settings (DeepSpeedIgnoredKeysTest pins those). */
  private static List<String> warnings(String config) {
    return withoutNotes(Formats.byName("deepspeed").read(config).warnings());
  }

  private static List<String> warnings(GoldenCase golden) {
    return withoutNotes(DeepSpeedGoldenTest.read(golden).warnings());
  }

  private static List<String> withoutNotes(List<Violation> warnings) {
    return warnings.stream().filter(warning -> warning.code() != ConfigCode.IGNORED_SETTING).map(Violation::toString).toList();
  }

  private static final String TWO_UPDATES_AT_ZERO =
      "[TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use warmup_min_lr (0): DeepSpeed sets it at"
          + " construction and its formula gives it again for iteration 0 after the first step, so the whole curve runs one update late";

  private static final String FIRST_UPDATE_AT_ZERO =
      "[FirstUpdateAtZero] scheduler.params.warmup_min_lr: the first update uses a learning rate of 0 (warmup_min_lr is 0); it changes"
          + " nothing";

  @Test
  void logWarmUpIsTheDefaultAndTheFirstTwoUpdatesUseWarmupMinLr() {
    GoldenCase golden = GoldenCase.named("deepspeed", "warmuplr-log-default-type");

    assertEquals(List.of(
        "[LogWarmupDefault] scheduler.params.warmup_type: log warm-up is DeepSpeed's default (the lr rises as ln(t + 1) / ln(500)); add"
            + " `warmup_type: linear` if you meant a straight ramp",
        TWO_UPDATES_AT_ZERO,
        FIRST_UPDATE_AT_ZERO), warnings(golden));
    // What the warnings describe: two updates at 0, then ln 2 / ln 500 of the way at once (not 1/500).
    assertEquals(0.0, golden.lr()[0]);
    assertEquals(0.0, golden.lr()[1]);
    assertEquals(0.001 * Math.log(2) / Math.log(500), golden.lr()[2], 1e-18);
  }

  @Test
  void aOneStepWarmUpIsRaisedToTwo() {
    GoldenCase golden = GoldenCase.named("deepspeed", "warmuplr-warmup-1-step");

    assertEquals(List.of(
        "[WarmupRaisedToTwo] scheduler.params.warmup_num_steps: warmup_num_steps 1 is raised to 2 by DeepSpeed (its warm-up divides by"
            + " ln(warmup_num_steps)); write 2 to say what runs",
        "[TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use warmup_min_lr (1.0E-5): DeepSpeed sets it at"
            + " construction and its formula gives it again for iteration 0 after the first step, so the whole curve runs one update late"),
        warnings(golden));
    // Two warm-up iterations: 1e-5, then halfway (5.5e-5), then 1e-4.
    assertEquals(List.of(1e-5, 1e-5, 5.5e-5, 1e-4), List.of(golden.lr()[0], golden.lr()[1], golden.lr()[2], golden.lr()[3]));
  }

  @Test
  void aTotalBelowTheWarmUpDropsToTheMinimumRightAfterIt() {
    GoldenCase golden = GoldenCase.named("deepspeed", "warmupdecaylr-total-1");

    assertEquals(List.of(
        "[WarmupRaisedToTwo] scheduler.params.warmup_num_steps: warmup_num_steps 1 is raised to 2 by DeepSpeed (its warm-up divides by"
            + " ln(warmup_num_steps)); write 2 to say what runs",
        TWO_UPDATES_AT_ZERO,
        FIRST_UPDATE_AT_ZERO,
        "[TotalBelowWarmup] scheduler.params.total_num_steps: total_num_steps (1) is less than the warm-up (2 steps): right after the"
            + " warm-up DeepSpeed drops to warmup_min_lr (0) (it only logs this)"), warnings(golden));
    assertEquals(List.of(0.0, 0.0, 0.0005, 0.0), List.of(golden.lr()[0], golden.lr()[1], golden.lr()[2], golden.lr()[3]));
  }

  @Test
  void warmupCosineStartsAtZeroAndDecaysToCosMinRatioByDefault() {
    GoldenCase golden = GoldenCase.named("deepspeed", "warmupcosinelr-defaults");

    assertEquals(List.of(
        "[LogWarmupDefault] scheduler.params.warmup_type: log warm-up is DeepSpeed's default (the lr rises as ln(t + 1) / ln(300)); add"
            + " `warmup_type: linear` if you meant a straight ramp",
        "[HiddenDefault] scheduler.params.cos_min_ratio: cos_min_ratio is absent; DeepSpeed uses 0.0001: the lr decays to 0.0001 × the"
            + " optimizer's lr, not to 0",
        "[FirstUpdateAtZero] scheduler.type: the first update uses a learning rate of 0 (WarmupCosineLR sets 0 at construction; the second"
            + " update uses warmup_min_ratio × lr (0)); it changes nothing"), warnings(golden));
    assertEquals(0.0, golden.lr()[0]);
  }

  @Test
  void warmupCosineHoldsItsFloorPastTheEnd() {
    GoldenCase golden = GoldenCase.named("deepspeed", "warmupcosinelr-linear-ratios");

    assertEquals(List.of(
        "[FirstUpdateAtZero] scheduler.type: the first update uses a learning rate of 0 (WarmupCosineLR sets 0 at construction; the second"
            + " update uses warmup_min_ratio × lr (2.9999999999999997E-6)); it changes nothing"), warnings(golden));
    // The floor, 0.1 × 3e-4, from iteration total - 1 (update total + 1) on, without rising again.
    for (int step = 4000; step < golden.steps(); step++) {
      assertEquals(0.0003 * 0.1, golden.lr()[step], 1e-20, "step " + step);
    }
  }

  @Test
  void oneCycleSetsTheFirstBeta1AtItsMinimumForcesBeta2AndLetsBeta1GrowPastOne() {
    GoldenCase golden = GoldenCase.named("deepspeed", "onecycle-decay-lr-and-mom");

    assertEquals(List.of(
        "[FirstBeta1AtMin] scheduler.params.cycle_min_mom: the first update uses β1 = cycle_min_mom (0.85), the second 0.98972: DeepSpeed"
            + " sets cycle_min_mom at construction, then follows the cycle down from cycle_max_mom (0.99)",
        "[Beta2Forced] optimizer.params.betas: OneCycle sets Adam β2 to 0.99 on every update; the optimizer's β2 (0.999) is never used",
        "[Beta1AboveOne] scheduler.params.decay_mom_rate: β1 exceeds 1 after step 1301: DeepSpeed's post-cycle momentum decay multiplies"
            + " cycle_max_mom (0.99) by 1 + decay_mom_rate * t / decay_step_size, so β1 grows (1.000098 at step 1302); Adam diverges with"
            + " β1 >= 1: set decay_mom_rate to 0 to hold cycle_max_mom"), warnings(golden));
    // The step named is where DeepSpeed's β1 crosses 1, and the first two values are the ones named.
    assertTrue(golden.momentum()[1301] <= 1 && golden.momentum()[1302] > 1);
    assertEquals(0.85, golden.momentum()[0]);
    assertEquals(0.98972, golden.momentum()[1], 1e-15);
  }

  @Test
  void oneCycleIgnoresMomentumCyclingOnSgd() {
    GoldenCase golden = GoldenCase.named("deepspeed", "onecycle-sgd-momentum-ignored");

    assertEquals(List.of(
        "[MomentumCyclingIgnored] scheduler.params.cycle_momentum: momentum cycling is ignored on SGD: DeepSpeed cycles only the β1 of"
            + " optimizers with betas (Adam-style), so the momentum stays the optimizer's own value (0.9); set cycle_momentum to false to"
            + " say so"), warnings(golden));
  }

  @Test
  void momentumAnOptimizerWithoutBetasKeepsIsAChannelOnlyWhereItIsKnownAndCyclingWasAsked() {
    String cycle = "\"cycle_min_lr\": 0.001, \"cycle_max_lr\": 0.01, \"cycle_first_step_size\": 10";
    Imported unknown = Formats.byName("deepspeed").read("{\"optimizer\": {\"type\": \"RMSprop\", \"params\": {\"lr\": 0.01}},"
        + " \"scheduler\": {\"type\": \"OneCycle\", \"params\": {" + cycle + ", \"cycle_momentum\": true}}}");
    Imported notAsked = Formats.byName("deepspeed").read("{\"optimizer\": {\"type\": \"SGD\", \"params\": {\"lr\": 0.01, \"momentum\": 0.9}},"
        + " \"scheduler\": {\"type\": \"OneCycle\", \"params\": {" + cycle + ", \"cycle_momentum\": false}}}");

    assertEquals(Set.of("lr"), unknown.plan().channels().keySet(), "no momentum param: nothing to say what the optimizer keeps");
    assertEquals(List.of("[MomentumCyclingIgnored] scheduler.params.cycle_momentum: momentum cycling is ignored on RMSprop: DeepSpeed cycles"
        + " only the β1 of optimizers with betas (Adam-style), so the momentum stays the optimizer's own value; set cycle_momentum to false"
        + " to say so"), withoutNotes(unknown.warnings()));
    assertEquals(Set.of("lr"), notAsked.plan().channels().keySet(), "cycle_momentum false: DeepSpeed leaves the momentum alone");
    // SGD's momentum is no note: it is read into the config's optimizer, which anneal train applies.
    assertEquals(List.of(), notAsked.warnings().stream().map(Violation::toString).toList());
    assertEquals(0.9, notAsked.optimizer().orElseThrow().setting("momentum").orElseThrow().value());
  }

  @Test
  void goldenCasesWithoutSurprisesHaveNoWarnings() {
    assertEquals(List.of(), warnings(GoldenCase.named("deepspeed", "onecycle-staircase")));
    assertEquals(List.of(), warnings(GoldenCase.named("deepspeed", "lrrangetest-continuous")));
    assertEquals(List.of(), warnings(GoldenCase.named("deepspeed", "lrrangetest-staircase")));
  }

  private static final String ADAMW = "{\"type\": \"AdamW\", \"params\": {\"lr\": 0.0006, \"betas\": [0.9, 0.99]}}";

  private static String config(String type, String params) {
    return "{\"optimizer\": " + ADAMW + ", \"scheduler\": {\"type\": \"" + type + "\", \"params\": {" + params + "}}}";
  }

  @Test
  void warmupMaxLrDefaultsAreHiddenAndDifferBetweenWarmupLrAndWarmupDecayLr() {
    assertEquals(List.of(
        "[HiddenDefault] scheduler.params.warmup_max_lr: warmup_max_lr is absent; DeepSpeed uses the optimizer's lr (6.0E-4)",
        "[TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use warmup_min_lr (1.0E-6): DeepSpeed sets it at"
            + " construction and its formula gives it again for iteration 0 after the first step, so the whole curve runs one update late"),
        warnings(config("WarmupLR", "\"warmup_min_lr\": 1e-6, \"warmup_num_steps\": 10, \"warmup_type\": \"linear\"")));
    assertEquals(List.of(
        "[HiddenDefault] scheduler.params.warmup_max_lr: warmup_max_lr is absent; DeepSpeed uses 0.001 (WarmupDecayLR's own default, not"
            + " the optimizer's lr 6.0E-4)",
        "[TwoUpdatesAtWarmupMin] scheduler.params.warmup_min_lr: the first two updates use warmup_min_lr (1.0E-6): DeepSpeed sets it at"
            + " construction and its formula gives it again for iteration 0 after the first step, so the whole curve runs one update late"),
        warnings(config("WarmupDecayLR", "\"total_num_steps\": 100, \"warmup_min_lr\": 1e-6, \"warmup_num_steps\": 10,"
            + " \"warmup_type\": \"linear\"")));
  }

  @Test
  void warmupCosineWithATotalBelowTheWarmUpDropsToItsFloor() {
    assertEquals(List.of(
        "[FirstUpdateAtZero] scheduler.type: the first update uses a learning rate of 0 (WarmupCosineLR sets 0 at construction; the second"
            + " update uses warmup_min_ratio × lr (0)); it changes nothing",
        "[TotalBelowWarmup] scheduler.params.total_num_steps: total_num_steps (50) is less than the warm-up (100 steps): right after the"
            + " warm-up DeepSpeed drops to cos_min_ratio × lr (5.9999999999999995E-5) (it only logs this)"),
        warnings(config("WarmupCosineLR", "\"total_num_steps\": 50, \"warmup_num_steps\": 100, \"cos_min_ratio\": 0.1,"
            + " \"warmup_type\": \"linear\"")));
  }

  /** The optimizer's β2 is already 0.99 here, so OneCycle overwrites nothing there. */
  @Test
  void oneCycleDecayRatesWithoutADecayStepSizeDoNothing() {
    assertEquals(List.of(
        "[HiddenDefault] scheduler.params.cycle_momentum: cycle_momentum is absent; DeepSpeed uses true: β1 cycles from cycle_max_mom"
            + " (0.9) down to cycle_min_mom (0.8) and back",
        "[FirstBeta1AtMin] scheduler.params.cycle_min_mom: the first update uses β1 = cycle_min_mom (0.8), the second 0.899: DeepSpeed"
            + " sets cycle_min_mom at construction, then follows the cycle down from cycle_max_mom (0.9)",
        "[DecaySkipped] scheduler.params.decay_mom_rate: decay_mom_rate (0.01) has no effect: decay_step_size is 0, so DeepSpeed skips the"
            + " post-cycle decay; set decay_step_size to apply it",
        "[DecaySkipped] scheduler.params.decay_lr_rate: decay_lr_rate (0.1) has no effect: decay_step_size is 0, so DeepSpeed skips the"
            + " post-cycle decay; set decay_step_size to apply it"),
        warnings(config("OneCycle", "\"cycle_min_lr\": 0.0001, \"cycle_max_lr\": 0.001, \"cycle_first_step_size\": 100,"
            + " \"decay_lr_rate\": 0.1, \"decay_mom_rate\": 0.01")));
  }

  @Test
  void momentumSettingsAndADecayStepSizeWithoutRatesAreIgnored() {
    assertEquals(List.of(
        "[IgnoredArgument] scheduler.params.cycle_max_mom: cycle_max_mom is ignored by OneCycle with cycle_momentum false; remove it or"
            + " pick a type that uses it",
        "[IgnoredArgument] scheduler.params.decay_step_size: decay_step_size is ignored by OneCycle while decay_lr_rate is 0; remove it or"
            + " pick a type that uses it"),
        warnings(config("OneCycle", "\"cycle_min_lr\": 0.0001, \"cycle_max_lr\": 0.001, \"cycle_momentum\": false,"
            + " \"cycle_max_mom\": 0.95, \"decay_step_size\": 100")));
  }

  @Test
  void withoutASchedulerTheOptimizersLrIsHeld() {
    Imported imported = Formats.byName("deepspeed").read("{\"optimizer\": " + ADAMW + ", \"fp16\": {\"enabled\": true}}");

    assertEquals(List.of("[NoScheduler] scheduler: no scheduler block: DeepSpeed keeps the optimizer's lr (6.0E-4) on every update, unless"
        + " your code passes lr_scheduler to deepspeed.initialize"), withoutNotes(imported.warnings()));
    assertEquals(0.0006, imported.plan().lr().valueAt(0));
    assertEquals(0.0006, imported.plan().lr().valueAt(1_000_000));
  }

  static Stream<GoldenCase> cases() {
    return GoldenCase.all("deepspeed");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyWarningOfThePlanIsAlsoReportedAtAKeyOfTheConfig(GoldenCase golden) {
    Imported imported = DeepSpeedGoldenTest.read(golden);

    Set<DiagnosticCode> planCodes = imported.plan().warnings().stream().map(Violation::code).collect(Collectors.toSet());
    Set<DiagnosticCode> configCodes = imported.warnings().stream().map(Violation::code).collect(Collectors.toSet());
    assertTrue(configCodes.containsAll(planCodes), golden + ": " + planCodes + " reported as " + configCodes);
    assertTrue(imported.warnings().stream().filter(w -> w.code() != ConfigCode.IGNORED_SETTING)
        .allMatch(w -> w.path().startsWith("scheduler") || w.path().startsWith("optimizer")));
  }
}
