package dev.anneal.config.transformers;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageSpec;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum TransformersCode implements DiagnosticCode {
  LR_END_NOT_BELOW_LR(Severity.ERROR, "lr_end ({lrEnd}) must be smaller than the learning rate ({learningRate}); upstream raises ValueError"),
  POLYNOMIAL_WITHOUT_DECAY(Severity.ERROR, "num_warmup_steps equals num_training_steps ({trainingSteps}): the polynomial decay would divide by num_training_steps - num_warmup_steps = 0 at step {warmupSteps} (upstream raises ZeroDivisionError); make num_training_steps larger"),
  ONLY_ONE_OF(Severity.ERROR, "give only one of {first} ({firstValue}) and {second} ({secondValue}); upstream raises ValueError"),
  STABLE_PHASE_NEGATIVE(Severity.WARNING, "num_training_steps ({trainingSteps}) is less than num_warmup_steps + num_decay_steps ({warmupSteps} + {decaySteps}), a stable phase of {stableSteps} steps, which upstream runs as written: the decay's clock starts that many steps early, so the warm-up ends part-way down the decay (or after it, at min_lr_ratio); raise num_training_steps or shorten the warm-up or the decay"),
  ARGUMENT_PASSED_TWICE(Severity.ERROR, "{argument} is already passed by get_scheduler (from {origin}); upstream raises TypeError: got multiple values for keyword argument '{argument}'"),
  WARMUP_NOT_BEFORE_TOTAL(Severity.WARNING, "num_warmup_steps ({warmupSteps}) is not less than num_training_steps ({trainingSteps}): the warm-up does not finish before the end, and after it the learning rate {afterwards} (upstream behaviour)"),
  WARMUP_RATIO_OVERRIDDEN(Severity.WARNING, "warmup_ratio ({warmupRatio}) has no effect: warmup_steps ({warmupSteps}) is greater than 0 and overrides it (TrainingArguments.get_warmup_steps)"),
  STABLE_STEPS_OVERRIDE_TOTAL(Severity.WARNING, "num_training_steps ({trainingSteps}) has no effect: num_stable_steps ({stableSteps}) is given and wins (upstream warns too); the minimum is held from step {holdFrom} on"),
  DEEPSPEED_FILE_NOT_READ(Severity.WARNING, "deepspeed names the file {file}, which Anneal does not open: if that config has a scheduler block, Trainer runs it instead of lr_scheduler_type; read the file with --format deepspeed to see that schedule"),
  UNKNOWN_FIELD(Severity.WARNING, "{field} is not a field of {version}'s TrainingArguments (TrainingArguments(**config) raises TypeError on it); Trainer never reads it, so it changes nothing here{hint}"),
  WARMUP_RATIO_REPLACES_STEPS(Severity.WARNING, "warmup_ratio ({warmupRatio}) replaces warmup_steps ({warmupSteps}): {version}'s TrainingArguments.__post_init__ copies a warmup_ratio that is not null into warmup_steps (and warns that it is deprecated); remove warmup_ratio, or set transformers_version to 4 if the config comes from transformers 4"),
  WARMUP_COUNTED_IN_STEPS(Severity.WARNING, "{field} ({value}) is at least 1, so {version} counts it in steps: the warm-up lasts int({value}) = {steps} steps (TrainingArguments.get_warmup_steps); {fix}"),
  NUM_CYCLES_NOT_POSITIVE(Severity.WARNING, "num_cycles ({numCycles}) is not positive, and upstream runs it: {outcome}; give a positive num_cycles (0.5 is the half wave from the peak down to the floor)"),
  FLOOR_ABOVE_LEARNING_RATE(Severity.WARNING, "{argument} ({value}) puts the floor at {rate} times the learning rate, above the peak, and upstream runs it: the learning rate climbs where the schedule would decay; give a floor below the learning rate");

  private final MessageSpec spec;

  TransformersCode(Severity severity, String template) {
    this.spec = new MessageSpec(severity, template);
  }

  @Override
  public MessageSpec spec() {
    return spec;
  }

  public static Violation lrEndNotBelowLr(String path, double lrEnd, double learningRate) {
    return LR_END_NOT_BELOW_LR.violation(path, lrEnd, lrEnd, learningRate);
  }

  /** @param warmupSteps the step whose decay would divide by zero: the first after the warm-up */
  public static Violation polynomialWithoutDecay(String path, long trainingSteps, long warmupSteps) {
    return POLYNOMIAL_WITHOUT_DECAY.violation(path, warmupSteps, trainingSteps, warmupSteps);
  }

  /** Two arguments that exclude each other; the violation's value is the second one's. */
  public static Violation onlyOneOf(String path, String first, double firstValue, String second, double secondValue) {
    return ONLY_ONE_OF.violation(path, secondValue, first, firstValue, second, secondValue);
  }

  /** @param stableSteps the (negative) length the stable phase would have */
  public static Violation stablePhaseNegative(String path, long trainingSteps, long warmupSteps, long decaySteps, long stableSteps) {
    return STABLE_PHASE_NEGATIVE.violation(path, trainingSteps, trainingSteps, warmupSteps, decaySteps, stableSteps);
  }

  /**
   * @param value the argument's value in the kwargs
   * @param origin the path of the value get_scheduler passes already
   */
  public static Violation argumentPassedTwice(String path, String value, String origin, String argument) {
    return ARGUMENT_PASSED_TWICE.violation(path, value, argument, origin);
  }

  /** @param afterwards what the learning rate does after the warm-up, from "the learning rate" on */
  public static Violation warmupNotBeforeTotal(String path, long warmupSteps, long trainingSteps, String afterwards) {
    return WARMUP_NOT_BEFORE_TOTAL.violation(path, warmupSteps, warmupSteps, trainingSteps, afterwards);
  }

  public static Violation warmupRatioOverridden(String path, double warmupRatio, long warmupSteps) {
    return WARMUP_RATIO_OVERRIDDEN.violation(path, warmupRatio, warmupRatio, warmupSteps);
  }

  /** @param holdFrom the step from which the minimum is held */
  public static Violation stableStepsOverrideTotal(String path, long trainingSteps, long stableSteps, long holdFrom) {
    return STABLE_STEPS_OVERRIDE_TOTAL.violation(path, trainingSteps, trainingSteps, stableSteps, holdFrom);
  }

  public static Violation deepspeedFileNotRead(String path, String file) {
    return DEEPSPEED_FILE_NOT_READ.violation(path, file, file);
  }

  /**
   * @param version the version whose field list was read, e.g. {@code transformers 5}
   * @param hint a "did you mean", or where the field does belong, from {@code ";"} on; or empty
   */
  public static Violation unknownField(String path, String field, String version, String hint) {
    return UNKNOWN_FIELD.violation(path, field, field, version, hint);
  }

  /** @param warmupSteps the {@code warmup_steps} written, which has no effect */
  public static Violation warmupRatioReplacesSteps(String path, double warmupRatio, double warmupSteps, String version) {
    return WARMUP_RATIO_REPLACES_STEPS.violation(path, warmupRatio, warmupRatio, warmupSteps, version);
  }

  /**
   * @param field the field written, {@code warmup_steps} or {@code warmup_ratio}
   * @param steps {@code int(value)}, the warm-up's length
   * @param fix what to write instead
   */
  public static Violation warmupCountedInSteps(String path, String field, double value, String version, long steps, String fix) {
    return WARMUP_COUNTED_IN_STEPS.violation(path, value, field, value, version, steps, fix);
  }

  /** @param outcome what upstream's cosine does with this count */
  public static Violation numCyclesNotPositive(String path, double numCycles, String outcome) {
    return NUM_CYCLES_NOT_POSITIVE.violation(path, numCycles, numCycles, outcome);
  }

  /** @param rate the floor relative to the learning rate, above 1 */
  public static Violation floorAboveLearningRate(String path, String argument, double value, double rate) {
    return FLOOR_ABOVE_LEARNING_RATE.violation(path, value, argument, value, rate);
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }
}
