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
  STABLE_PHASE_NEGATIVE(Severity.WARNING, "num_training_steps ({trainingSteps}) is less than num_warmup_steps + num_decay_steps ({warmupSteps} + {decaySteps}): the stable phase lasts {stableSteps} steps, so transformers runs none and starts the decay part-way through (or, where the warm-up reaches num_training_steps, goes straight to min_lr_ratio); raise num_training_steps or shorten the warm-up or the decay"),
  ARGUMENT_PASSED_TWICE(Severity.ERROR, "{argument} is already passed by get_scheduler (from {origin}); upstream raises TypeError: got multiple values for keyword argument '{argument}'"),
  WARMUP_NOT_BEFORE_TOTAL(Severity.WARNING, "num_warmup_steps ({warmupSteps}) is not less than num_training_steps ({trainingSteps}): the warm-up does not finish before the end, and after it the learning rate {afterwards} (upstream behaviour)"),
  WARMUP_RATIO_OVERRIDDEN(Severity.WARNING, "warmup_ratio ({warmupRatio}) has no effect: warmup_steps ({warmupSteps}) is greater than 0 and overrides it (TrainingArguments.get_warmup_steps)"),
  STABLE_STEPS_OVERRIDE_TOTAL(Severity.WARNING, "num_training_steps ({trainingSteps}) has no effect: num_stable_steps ({stableSteps}) is given and wins (upstream warns too); the minimum is held from step {holdFrom} on"),
  DEEPSPEED_FILE_NOT_READ(Severity.WARNING, "deepspeed names the file {file}, which Anneal does not open: if that config has a scheduler block, Trainer runs it instead of lr_scheduler_type; read the file with --format deepspeed to see that schedule"),
  UNKNOWN_FIELD(Severity.WARNING, "{field} is not a field of {version}'s TrainingArguments (TrainingArguments(**config) raises TypeError on it); Trainer never reads it, so it changes nothing here{hint}"),
  WARMUP_RATIO_REPLACES_STEPS(Severity.WARNING, "warmup_ratio ({warmupRatio}) replaces warmup_steps ({warmupSteps}): {version}'s TrainingArguments.__post_init__ copies a warmup_ratio that is not null into warmup_steps (and warns that it is deprecated); remove warmup_ratio, or set transformers_version to 4 if the config comes from transformers 4"),
  WARMUP_COUNTED_IN_STEPS(Severity.WARNING, "{field} ({value}) is at least 1, so {version} counts it in steps: the warm-up lasts int({value}) = {steps} steps (TrainingArguments.get_warmup_steps); {fix}"),
  TRAINING_STEPS_BELOW_ONE(Severity.WARNING, "num_training_steps ({trainingSteps}) is less than 1: transformers runs it, and after the warm-up of {warmupSteps} steps the learning rate {afterwards}; set num_training_steps to the number of updates of the run"),
  NUM_CYCLES_ZERO(Severity.WARNING, "num_cycles is 0, so the cosine's angle is 0 at every step: after the warm-up transformers holds the learning rate {afterwards}; for one decay from the peak to the floor use num_cycles 0.5"),
  NUM_CYCLES_NEGATIVE(Severity.WARNING, "num_cycles ({numCycles}) is negative: the cosine is even, so transformers draws the curve of num_cycles {positive}; write {positive}"),
  HARD_RESTARTS_NEGATIVE_CYCLES(Severity.ERROR, "num_cycles ({numCycles}) is below -1: transformers runs it, and as Python's modulo keeps (num_cycles * progress) mod 1 in [0, 1) each of its cycles rises from 0 towards the learning rate and drops back, where a positive count decays and restarts; Anneal reproduces a negative count only down to -1 (one rising cycle), so it refuses; use a positive num_cycles"),
  LR_END_NEGATIVE(Severity.ERROR, "lr_end ({lrEnd}) is below 0: transformers runs it (it checks only that lr_end is below the learning rate), the decay crosses 0 and the learning rate ends at lr_end, where the optimizer climbs the loss; Anneal keeps every learning rate at 0 or above, so it refuses; set lr_end to 0 or more"),
  POLYNOMIAL_NEGATIVE_POWER(Severity.ERROR, "power ({power}) is below 0: at step {trainingSteps} the decay raises 0.0 to a negative power and Python raises ZeroDivisionError, so transformers stops the run there; use a power of 0 or more"),
  COSINE_FLOOR_BELOW_ZERO(Severity.ERROR, "{argument} ({floor}) puts the cosine's floor below 0: transformers runs it and clamps the learning rate at 0 (max(0, factor)) wherever the cosine dips under it, a clamp that recurs as the cosine carries on past num_training_steps; no Anneal shape clamps a cosine, so Anneal refuses; use a floor of 0 or more"),
  FLOOR_ABOVE_LEARNING_RATE(Severity.WARNING, "{argument} ({floor}) puts the floor above the learning rate ({ratio} times it): transformers runs it, and the {phase} rises to the floor instead of falling to it; use a floor below the learning rate"),
  MIN_LR_RATIO_NEGATIVE(Severity.ERROR, "min_lr_ratio ({minLrRatio}) is below 0: transformers runs it, clamping the warm-up and the decay at 0 but returning min_lr_ratio itself after the decay, so from step {step} the learning rate is {lowest} and the optimizer climbs the loss; Anneal keeps every learning rate at 0 or above, so it refuses; set min_lr_ratio to 0 or more"),
  HARD_RESTARTS_RISE(Severity.WARNING, "num_cycles ({numCycles}) is negative: as Python's modulo keeps (num_cycles * progress) mod 1 in [0, 1), transformers gives the full learning rate for the first step after the warm-up, then drops to near 0 and rises along a cosine until num_training_steps, where it falls to 0; for a decay use num_cycles {positive}"),
  TIMESCALE_NOT_POSITIVE(Severity.ERROR, "timescale ({timescale}) is not above 0: at step {step} the inverse square root's (step + timescale - num_warmup_steps) / timescale {what}, where Python raises {exception}, so transformers stops the run; use a positive timescale (by default num_warmup_steps, or 10000 without a warm-up)"),
  UPDATES_FROM_EPOCHS(Severity.NOTE, "max_steps is -1, so Trainer counts the run from num_train_epochs ({epochs}): {examples} examples in batches of {batch}, {lastBatch}, with world_size {processes}, are {loaderBatches} loader batches per process, gradient_accumulation_steps {accumulation} makes them {perEpoch} updates per epoch (a last, partial accumulation is one), and max_steps = ceil({epochs} × {perEpoch}) = {maxSteps}"),
  WARMUP_LR_RATE_ABOVE_ONE(Severity.WARNING, "warmup_lr_rate ({rate}) is above 1, so the warm-up of {warmupSteps} steps starts at {rate} times the learning rate and falls toward it before the cosine: transformers runs it; a warm-up starts below the learning rate: use a rate in [0, 1)");

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

  /**
   * @param warmupSteps the warm-up's length
   * @param afterwards what the learning rate does after it, from "the learning rate" on
   */
  public static Violation trainingStepsBelowOne(String path, long trainingSteps, long warmupSteps, String afterwards) {
    return TRAINING_STEPS_BELOW_ONE.violation(path, trainingSteps, trainingSteps, warmupSteps, afterwards);
  }

  /** @param afterwards what the learning rate does after the warm-up, from "holds the learning rate" on */
  public static Violation numCyclesZero(String path, String afterwards) {
    return NUM_CYCLES_ZERO.violation(path, 0, afterwards);
  }

  /** @param positive the count whose curve upstream draws, {@code -numCycles} */
  public static Violation numCyclesNegative(String path, double numCycles, double positive) {
    return NUM_CYCLES_NEGATIVE.violation(path, numCycles, numCycles, positive);
  }

  public static Violation hardRestartsNegativeCycles(String path, double numCycles) {
    return HARD_RESTARTS_NEGATIVE_CYCLES.violation(path, numCycles, numCycles);
  }

  public static Violation lrEndNegative(String path, double lrEnd) {
    return LR_END_NEGATIVE.violation(path, lrEnd, lrEnd);
  }

  /** @param trainingSteps the step at which upstream raises: the decay's end */
  public static Violation polynomialNegativePower(String path, double power, long trainingSteps) {
    return POLYNOMIAL_NEGATIVE_POWER.violation(path, power, power, trainingSteps);
  }

  /** @param argument {@code min_lr} or {@code min_lr_rate}, as given */
  public static Violation cosineFloorBelowZero(String path, String argument, double floor) {
    return COSINE_FLOOR_BELOW_ZERO.violation(path, floor, argument, floor);
  }

  /**
   * @param argument the floor's argument ({@code min_lr}, {@code min_lr_rate}, {@code min_lr_ratio})
   * @param ratio the floor relative to the learning rate
   * @param phase what rises instead of falling, e.g. "cosine"
   */
  public static Violation floorAboveLearningRate(String path, String argument, double floor, double ratio, String phase) {
    return FLOOR_ABOVE_LEARNING_RATE.violation(path, floor, argument, floor, ratio, phase);
  }

  /**
   * @param step the first step after the decay, from which upstream returns min_lr_ratio
   * @param lowest the learning rate from that step on, {@code learning_rate * min_lr_ratio}
   */
  public static Violation minLrRatioNegative(String path, double minLrRatio, long step, double lowest) {
    return MIN_LR_RATIO_NEGATIVE.violation(path, minLrRatio, minLrRatio, step, lowest);
  }

  /** @param positive the count that decays instead, {@code -numCycles} */
  public static Violation hardRestartsRise(String path, double numCycles, double positive) {
    return HARD_RESTARTS_RISE.violation(path, numCycles, numCycles, positive);
  }

  /**
   * @param step the first step upstream cannot compute
   * @param what what the formula does there, e.g. "divides by 0"
   * @param exception what Python raises, e.g. "ZeroDivisionError"
   */
  public static Violation timescaleNotPositive(String path, double timescale, long step, String what, String exception) {
    return TIMESCALE_NOT_POSITIVE.violation(path, timescale, timescale, step, what, exception);
  }

  /**
   * @param rate the {@code warmup_lr_rate} given
   * @param warmupSteps {@code num_warmup_steps}
   */
  public static Violation warmupLrRateAboveOne(String path, double rate, long warmupSteps) {
    return WARMUP_LR_RATE_ABOVE_ONE.violation(path, rate, rate, warmupSteps);
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }

  /**
   * How {@code max_steps} is counted from the epochs and the data ({@code Trainer.set_initial_training_values}).
   *
   * @param lastBatch what the loader does with its last incomplete batch, in words
   */
  public static Violation updatesFromEpochs(String path, double epochs, long maxSteps, long perEpoch, long loaderBatches, long examples,
      long batch, String lastBatch, long processes, long accumulation) {
    return UPDATES_FROM_EPOCHS.violation(path, epochs, epochs, examples, batch, lastBatch, processes, loaderBatches, accumulation, perEpoch,
        maxSteps);
  }
}
