package dev.anneal.config.deepspeed;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageSpec;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum DeepSpeedCode implements DiagnosticCode {
  BOUNDS_REVERSED(Severity.WARNING, "{lowKey} ({low}) is above {highKey} ({high}): {consequence}"),
  LOG_WARMUP_DEFAULT(Severity.NOTE, "log warm-up is DeepSpeed's default (the lr rises as ln(t + 1) / ln({warmupSteps})); add `warmup_type: linear` if you meant a straight ramp"),
  WARMUP_RAISED_TO_TWO(Severity.WARNING, "warmup_num_steps {warmupSteps} is raised to 2 by DeepSpeed (its warm-up divides by ln(warmup_num_steps)); write 2 to say what runs"),
  TWO_UPDATES_AT_WARMUP_MIN(Severity.NOTE, "the first two updates use warmup_min_lr ({warmupMinLr}): DeepSpeed sets it at construction and its formula gives it again for iteration 0 after the first step, so the whole curve runs one update late"),
  MOMENTUM_CYCLING_IGNORED(Severity.WARNING, "momentum cycling is ignored on {optimizer}: DeepSpeed cycles only the β1 of optimizers with betas (Adam-style), so the momentum stays {momentum}; set cycle_momentum to false to say so"),
  FIRST_BETA1_AT_MIN(Severity.NOTE, "the first update uses β1 = cycle_min_mom ({minMomentum}), the second {secondBeta1}: DeepSpeed sets cycle_min_mom at construction, then follows the cycle down from cycle_max_mom ({maxMomentum})"),
  BETA2_FORCED(Severity.WARNING, "OneCycle sets Adam β2 to 0.99 on every update; the optimizer's β2 ({beta2}) is never used"),
  DECAY_SKIPPED(Severity.WARNING, "{key} ({rate}) has no effect: decay_step_size is 0, so DeepSpeed skips the post-cycle decay; set decay_step_size to apply it"),
  HIDDEN_DEFAULT(Severity.NOTE, "{key} is absent; DeepSpeed uses {defaultValue}"),
  TOTAL_BELOW_WARMUP(Severity.WARNING, "total_num_steps ({totalSteps}) is less than the warm-up ({warmupSteps} steps): right after the warm-up DeepSpeed drops to {dropsTo} (it only logs this)"),
  NO_SCHEDULER(Severity.NOTE, "no scheduler block: DeepSpeed keeps the optimizer's lr ({lr}) on every update, unless your code passes lr_scheduler to deepspeed.initialize"),
  DEEPSPEED_KEY_NOT_READ(Severity.WARNING, "DeepSpeed does not read '{key}', so it ignores the setting; did you mean `{meant}`? rename it, or remove it"),
  UNKNOWN_WARMUP_TYPE(Severity.WARNING, "warmup_type '{given}' is neither log nor linear: DeepSpeed logs \"Using unknown warmup_type\" and warms up with log{hint}"),
  RATIO_OUTSIDE_UNIT(Severity.WARNING, "{key} ({ratio}) is outside [0, 1]: {consequence}"),
  DECREASING_RANGE_TEST(Severity.WARNING, "lr_range_test_step_rate ({rate}) is negative: DeepSpeed lowers the lr from lr_range_test_min_lr instead of raising it{below}; use a positive rate to search upwards"),
  AUTO_VALUE(Severity.ERROR, "{key} is \"auto\", a placeholder the transformers Trainer replaces{filledBy}; DeepSpeed itself fails on the string: write the value"),
  UNKNOWN_SCHEDULER(Severity.ERROR, "DeepSpeed does not recognize LR scheduler '{name}' (its engine asserts the type is one of its own or a torch.optim.lr_scheduler class){hint}"),
  TORCH_SCHEDULER_NOT_BUILT(Severity.ERROR, "DeepSpeed builds torch.optim.lr_scheduler.{name}(optimizer, **params), which {reason}"),
  UNKNOWN_TUNING_FLAG(Severity.ERROR, "unknown DeepSpeed tuning flag '{flag}'{hint}"),
  STAIRCASE_STRING_IS_TRUE(Severity.WARNING, "--lr_range_test_staircase {given} turns the staircase on: DeepSpeed declares the flag type=bool, and Python's bool() of any non-empty string is True; leave the flag out for a continuous range test"),
  ARGS_DEFAULT_DIFFERS(Severity.NOTE, "{flag} is absent; DeepSpeed's command line passes its own default {value} ({why})"),
  MOMENTUM_UNKNOWN_FROM_ARGS(Severity.WARNING, "OneCycle also cycles β1 from cycle_max_mom ({maxMom}) to cycle_min_mom ({minMom}) and back if the training script's optimizer has betas (get_config_from_args never copies --cycle_momentum, so OneCycle's default, true, applies), and a command line does not name the optimizer: the plan holds the lr only; read the ds_config with --format deepspeed for β1"),
  SCHEDULER_WITHOUT_TYPE(Severity.WARNING, "the scheduler block has no type, so DeepSpeed builds no scheduler (get_scheduler_name gives None) and never reads its params: every update uses the optimizer's lr ({lr}); add the type you meant"),
  TRAINER_MISMATCH(Severity.ERROR, "{key} is {value}, but the TrainingArguments give {argument} = {trainerValue}: the transformers integration (trainer_config_finalize) raises ValueError: Please correct the following DeepSpeed config values that mismatch TrainingArguments values; set {key} to \"auto\" or to {trainerValue}"),
  TRAINER_FIGURE_MISSING(Severity.ERROR, "{key} ({value}) is filled or checked by the transformers integration with {formula}, which needs {argument}: add {argument} to the TrainingArguments ({what})"),
  AUTO_NOT_FILLED(Severity.WARNING, "{key} stays \"auto\": {why}; DeepSpeed alone fails on the string, so write the value before running it without Trainer");

  private final MessageSpec spec;

  DeepSpeedCode(Severity severity, String template) {
    this.spec = new MessageSpec(severity, template);
  }

  @Override
  public MessageSpec spec() {
    return spec;
  }

  /**
   * A lower bound above its upper bound.
   *
   * @param consequence what DeepSpeed would do, and the fix
   */
  public static Violation boundsReversed(String path, String lowKey, double low, String highKey, double high, String consequence) {
    return BOUNDS_REVERSED.violation(path, low, lowKey, low, highKey, high, consequence);
  }

  public static Violation logWarmupDefault(String path, long warmupSteps) {
    return LOG_WARMUP_DEFAULT.violation(path, null, warmupSteps);
  }

  public static Violation warmupRaisedToTwo(String path, long warmupSteps) {
    return WARMUP_RAISED_TO_TWO.violation(path, warmupSteps, warmupSteps);
  }

  public static Violation twoUpdatesAtWarmupMin(String path, double warmupMinLr) {
    return TWO_UPDATES_AT_WARMUP_MIN.violation(path, warmupMinLr, warmupMinLr);
  }

  /**
   * @param optimizer the optimizer's type, which has no betas
   * @param momentum what its momentum is, in words
   */
  public static Violation momentumCyclingIgnored(String path, String optimizer, String momentum) {
    return MOMENTUM_CYCLING_IGNORED.violation(path, optimizer, optimizer, momentum);
  }

  public static Violation firstBeta1AtMin(String path, double minMomentum, double secondBeta1, double maxMomentum) {
    return FIRST_BETA1_AT_MIN.violation(path, minMomentum, minMomentum, secondBeta1, maxMomentum);
  }

  /**
   * @param value the optimizer's β2, or {@code null} when it is not given
   * @param beta2 that β2 in words (its default when not given)
   */
  public static Violation beta2Forced(String path, Double value, String beta2) {
    return BETA2_FORCED.violation(path, value, beta2);
  }

  /** @param key the decay rate that has no effect */
  public static Violation decaySkipped(String path, String key, double rate) {
    return DECAY_SKIPPED.violation(path, rate, key, rate);
  }

  /**
   * A key whose default is easy to miss.
   *
   * @param value the default, or {@code null} when it is no number
   * @param defaultValue the default in words, with what it means
   */
  public static Violation hiddenDefault(String path, Double value, String key, String defaultValue) {
    return HIDDEN_DEFAULT.violation(path, value, key, defaultValue);
  }

  /** @param dropsTo the value after the warm-up, in words */
  public static Violation totalBelowWarmup(String path, long totalSteps, long warmupSteps, String dropsTo) {
    return TOTAL_BELOW_WARMUP.violation(path, totalSteps, totalSteps, warmupSteps, dropsTo);
  }

  public static Violation noScheduler(String path, double lr) {
    return NO_SCHEDULER.violation(path, lr, lr);
  }

  /**
   * @param key the key as written, quoted by the message
   * @param meant the key DeepSpeed reads that is closest to it
   */
  public static Violation deepspeedKeyNotRead(String path, String key, String meant) {
    return DEEPSPEED_KEY_NOT_READ.violation(path, key, key, meant);
  }

  /**
   * An unknown {@code warmup_type}, which DeepSpeed replaces by log.
   *
   * @param hint {@code "; did you mean `linear`?"}, or empty
   */
  public static Violation unknownWarmupType(String path, String given, String hint) {
    return UNKNOWN_WARMUP_TYPE.violation(path, given, given, hint);
  }

  /**
   * A ratio DeepSpeed takes as it is, outside [0, 1].
   *
   * @param consequence what DeepSpeed does with it, and the likely fix
   */
  public static Violation ratioOutsideUnit(String path, String key, double ratio, String consequence) {
    return RATIO_OUTSIDE_UNIT.violation(path, ratio, key, ratio, consequence);
  }

  /** @param below where the lr would pass below 0, in words (empty when it never does within the plan) */
  public static Violation decreasingRangeTest(String path, double rate, String below) {
    return DECREASING_RANGE_TEST.violation(path, rate, rate, below);
  }

  /**
   * @param key the key whose value is {@code "auto"}
   * @param filledBy {@code " by <what fills it>"}, or why nothing does
   */
  public static Violation autoValue(String path, String key, String filledBy) {
    return AUTO_VALUE.violation(path, "auto", key, filledBy);
  }

  /** @param hint the closest real type, in a {@code "; …"} clause, or empty */
  public static Violation unknownScheduler(String path, String name, String hint) {
    return UNKNOWN_SCHEDULER.violation(path, name, name, hint);
  }

  /** @param reason why that call fails or cannot be reproduced */
  public static Violation torchSchedulerNotBuilt(String path, String name, String reason) {
    return TORCH_SCHEDULER_NOT_BUILT.violation(path, name, name, reason);
  }

  /** @param hint a "did you mean", or empty */
  public static Violation unknownTuningFlag(String path, String flag, String hint) {
    return UNKNOWN_TUNING_FLAG.violation(path, flag, flag, hint);
  }

  public static Violation staircaseStringIsTrue(String path, String given) {
    return STAIRCASE_STRING_IS_TRUE.violation(path, given, given);
  }

  /**
   * @param value the command line's default
   * @param why how it differs from the ds_config default
   */
  public static Violation argsDefaultDiffers(String path, String flag, Object value, String why) {
    return ARGS_DEFAULT_DIFFERS.violation(path, value, flag, value, why);
  }

  public static Violation momentumUnknownFromArgs(String path, double maxMom, double minMom) {
    return MOMENTUM_UNKNOWN_FROM_ARGS.violation(path, null, maxMom, minMom);
  }

  public static Violation schedulerWithoutType(String path, double lr) {
    return SCHEDULER_WITHOUT_TYPE.violation(path, lr, lr);
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }

  /**
   * A value that differs from the one the transformers integration would put there.
   *
   * @param value the config's value, as JSON
   * @param argument the {@code TrainingArguments} field (or formula) upstream names
   * @param trainerValue that field's value, as JSON
   */
  public static Violation trainerMismatch(String path, String key, String value, String argument, String trainerValue) {
    return TRAINER_MISMATCH.violation(path, value, key, value, argument, trainerValue);
  }

  /**
   * A key the integration fills or checks from a figure the {@code TrainingArguments} do not give.
   *
   * @param formula what upstream computes, e.g. {@code world_size × per_device_train_batch_size × gradient_accumulation_steps}
   * @param what what the missing figure is, for the fix
   */
  public static Violation trainerFigureMissing(String path, String key, String value, String formula, String argument, String what) {
    return TRAINER_FIGURE_MISSING.violation(path, value, key, value, formula, argument, what);
  }

  /** An {@code "auto"} the TrainingArguments cannot fill; {@code why} says what would. */
  public static Violation autoNotFilled(String path, String key, String why) {
    return AUTO_NOT_FILLED.violation(path, AutoValues.AUTO, key, why);
  }
}
