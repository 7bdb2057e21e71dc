package dev.anneal.rules;

import java.util.Locale;

/**
 * The one catalogue of every diagnostic Anneal reports, at build time, import time, compile time
 * and run time alike. Each code has a stable identifier ({@link #id()}, e.g. {@code
 * WarmupExceedsTotal}), a severity and a message template; rules create {@link Violation}s only
 * through {@link #at(String, Object, Object...)} so that every message follows one grammar.
 */
public enum Code {
  // ---- values ------------------------------------------------------------------------------
  NON_FINITE_VALUE(Severity.ERROR, "%s (%s) must be a finite number"),
  NEGATIVE_VALUE(Severity.ERROR, "%s (%s) must be at least 0"),
  NEGATIVE_LEARNING_RATE(Severity.ERROR, "learning rate reaches %s; a learning rate must be at least 0"),
  MOMENTUM_OUT_OF_RANGE(Severity.ERROR, "%s reaches %s; momentum and Adam beta1 must lie in [0, 1)"),
  NEGATIVE_WEIGHT_DECAY(Severity.ERROR, "weight decay reaches %s; weight decay must be at least 0"),
  NOT_POSITIVE(Severity.ERROR, "%s (%s) must be greater than 0"),
  OUT_OF_RANGE(Severity.ERROR, "%s (%s) must lie in %s"),
  NON_FINITE_AT_STEP(Severity.ERROR, "the value at step %s would be %s; every value up to the declared end must be finite"),
  OVERFLOW(Severity.ERROR, "%s overflows: %s exceeds the largest double (1.7976931348623157E308), so values would be infinite or NaN; %s"),
  // ---- lengths and steps ---------------------------------------------------------------------
  NON_POSITIVE_LENGTH(Severity.ERROR, "%s (%s) must be at least 1"),
  NEEDS_LENGTH(Severity.ERROR, "%s phase needs a length in steps; only constant, exponential, step, milestones, inverse-sqrt, cyclic, cosine-restarts, plateau, linear-growth, stair-cycle, inverse-time and post-cycle-momentum phases (and these shifted) may run forever"),
  OPEN_PHASE_NOT_LAST(Severity.ERROR, "only the last phase may run forever; phase %s is open but phase %s follows it"),
  LENGTH_OVERFLOW(Severity.ERROR, "the phases add up to more than %s steps"),
  EMPTY_SCHEDULE(Severity.ERROR, "a schedule needs at least one phase"),
  WARMUP_EXCEEDS_TOTAL(Severity.ERROR, "warmup steps (%s) must be less than total steps (%s)"),
  NEGATIVE_STEP(Severity.ERROR, "step %s is negative; steps count the updates already applied, from 0"),
  STEP_BEYOND_END(Severity.ERROR, "step %s is past the declared end (%s); declare after-end HOLD or CONTINUE to go on"),
  CONTINUE_UNBOUNDED(Severity.ERROR, "after-end CONTINUE would follow the %s formula past its end, where it grows without bound; use HOLD"),
  // ---- shapes ----------------------------------------------------------------------------------
  FLOOR_ABOVE_PEAK(Severity.ERROR, "%s (%s) must not exceed %s (%s) for a decaying shape"),
  MILESTONES_NOT_INCREASING(Severity.ERROR, "milestones must be increasing, but %s follows %s"),
  CYCLIC_BASE_ABOVE_MAX(Severity.ERROR, "base (%s) must not exceed max (%s)"),
  RESTART_PERIOD_TOO_SMALL(Severity.ERROR, "the first restart period T0 (%s) must be at least 1"),
  RESTART_MULTIPLIER_TOO_SMALL(Severity.ERROR, "the restart period multiplier Tmult (%s) must be at least 1"),
  ONE_CYCLE_PHASE_EMPTY(Severity.ERROR, "one-cycle phase %s would span %s steps (pct_start %s of %s total steps); it must span more than 0 or the value is undefined (upstream raises ZeroDivisionError)"),
  PLATEAU_FACTOR_OUT_OF_RANGE(Severity.ERROR, "factor (%s) must lie in (0, 1): a plateau reduces the value"),
  UNKNOWN_CHANNEL(Severity.ERROR, "unknown channel %s"),
  // ---- checkpoints ---------------------------------------------------------------------------------
  SCHEDULE_CHANGED(Severity.ERROR, "the schedule differs from the checkpoint's (%s); resume with policy USE_CHECKPOINT (Megatron's --use-checkpoint-opt_param-scheduler), USE_NEW (--override-opt_param-scheduler) or CONTINUE_FROM_CURRENT_VALUE"),
  CANNOT_CONTINUE_FROM_ZERO(Severity.ERROR, "cannot continue channel %s from its current value %s: the new schedule is 0 at step %s, so no scale reaches it"),
  // ---- config files ------------------------------------------------------------------------------
  INVALID_JSON(Severity.ERROR, "%s"),
  UNKNOWN_KEY(Severity.ERROR, "unknown key %s%s"),
  UNKNOWN_TYPE(Severity.ERROR, "unknown %s %s%s"),
  MISSING_KEY(Severity.ERROR, "missing required key %s"),
  WRONG_TYPE(Severity.ERROR, "expected %s, found %s"),
  UNREADABLE_FILE(Severity.ERROR, "cannot read %s: %s"),
  UNSUPPORTED(Severity.ERROR, "%s"),
  DUPLICATE_KEY(Severity.ERROR, "key given %s, on lines %s; %s"),
  AMBIGUOUS_FORMAT(Severity.ERROR, "the config fits more than one format: %s; add %s to say which"),
  UNDETECTED_FORMAT(Severity.ERROR, "cannot tell the config's format from %s; add %s NAME, where NAME is one of %s"),
  // ---- runtime (DJL) -------------------------------------------------------------------------------
  PARAMETERS_UNMATCHED(Severity.ERROR, "no parameter group selects %s; add a group whose pattern matches, or a catch-all group (glob:*)"),
  PARAMETERS_MATCHED_TWICE(Severity.ERROR, "%s; make the patterns disjoint so that each trainable parameter has exactly one group"),
  UNUSED_GROUP(Severity.ERROR, "group %s (%s) selects no trainable parameter; the parameters are %s"),
  INVALID_PATTERN(Severity.ERROR, "%s is not a valid %s pattern: %s"),
  CHANNEL_NOT_APPLIED(Severity.ERROR, "%s does not apply a channel named %s; it applies %s"),
  CONFLICTING_SETTING(Severity.ERROR, "%s"),
  NOT_BOUND(Severity.ERROR, "the training schedule is not bound to a trainer: %s"),
  STEP_NOT_ADVANCED(Severity.ERROR, "%s was updated more than once per device (%s devices) within step %s; the step advances only through the schedule's listener (add TrainingSchedule.listener() to the training config) or TrainingSchedule.endStep() after trainer.step()"),
  UNKNOWN_PARAMETER(Severity.ERROR, "parameter id %s is not among the parameters bound at the start of training; rebuild the trainer after changing the model"),
  CHECKPOINT_UNREADABLE(Severity.ERROR, "%s is %s; refusing to resume from it"),
  CHECKPOINT_MISMATCH(Severity.ERROR, "%s"),
  CHECKPOINT_WITHOUT_DEFINITION(Severity.ERROR, "the checkpoint holds only a fingerprint of this schedule, not its definition (Anneal JSON has no form for %s), so policy %s cannot restore it; resume with the schedule the checkpoint was saved with, or with policy USE_NEW or CONTINUE_FROM_CURRENT_VALUE"),
  NO_VALUE_TO_CONTINUE(Severity.ERROR, "the checkpoint's schedule has no value at step %s (it ends there and its after-end policy is FAIL), so there is no value to continue from; resume with policy USE_NEW"),
  NON_FINITE_METRIC(Severity.ERROR, "the metric observed after step %s is %s; a reactive phase needs a finite metric"),
  RANGE_TEST_TOO_SHORT(Severity.ERROR, "too few usable losses to suggest a learning rate: %s (finite, measured before %s), at least %s needed; %s"),
  CHECKPOINT_LOCKED(Severity.ERROR, "another save of %s into %s is under way (%s holds %s); give each run its own folder or checkpoint name, or save from one thread at a time"),
  // ---- processor ----------------------------------------------------------------------------
  EXPRESSION_SYNTAX(Severity.ERROR, "cannot read %s: %s"),
  UNKNOWN_NAME(Severity.ERROR, "unknown name %s in %s%s"),
  NOT_NUMERIC_PARAMETER(Severity.ERROR, "%s has type %s; expressions use int, long, float and double components"),
  FRACTIONAL_LENGTH(Severity.ERROR, "%s (%s) must be a whole number of steps, but it is a double expression; use integer parameters and literals"),
  DIVISION_BY_ZERO(Severity.ERROR, "%s divides by zero"),
  MISSING_ATTRIBUTE(Severity.ERROR, "%s phase needs %s"),
  IRRELEVANT_ATTRIBUTE(Severity.ERROR, "%s does not apply to %s phase, which takes %s"),
  CHANNEL_PHASES_DIFFER(Severity.ERROR, "channel %s leaves the length of phase %s to channel %s, which has only %s phases"),
  DUPLICATE_CHANNEL(Severity.ERROR, "channel %s is declared more than once"),
  CONDITION_NOT_MET(Severity.ERROR, "%s requires %s, but %s"),
  PROCESSOR_FAILURE(Severity.ERROR, "the Anneal processor failed on this type (%s); please report it with this source"),
  // ---- deepspeed ----------------------------------------------------------------------------------
  BOUNDS_REVERSED(Severity.ERROR, "%s (%s) must not exceed %s (%s): %s"),
  // ---- pytorch ----
  RESUME_BY_STEP(Severity.ERROR, "last_epoch (%s) asks PyTorch to resume a scheduler by re-constructing it; Anneal resumes by step: leave last_epoch at -1 and evaluate the schedule from the step you resume at"),
  NO_MOMENTUM_TO_CYCLE(Severity.ERROR, "%s has no momentum in torch 1.13, so %s with cycle_momentum true raises ValueError there; set cycle_momentum to false"),
  MILESTONE_COUNT(Severity.ERROR, "SequentialLR needs exactly one milestone fewer than schedulers, but has %s schedulers and %s milestones (upstream raises ValueError)"),
  // ---- anneal ----
  CONVERSION_DIFFERS(Severity.ERROR, "converted to %s, the value at step %s%s is %s instead of %s; %s cannot express this schedule exactly"),
  CONVERSION_LOSES_CHANNEL(Severity.ERROR, "converted to %s, this channel is not scheduled any more; %s cannot express it"),
  CONVERSION_ADDS_CHANNEL(Severity.ERROR, "converted to %s, this channel is scheduled too, but the source leaves it alone"),
  WRITER_OUTPUT_REJECTED(Severity.ERROR, "the %s writer produced a config its own reader rejects: %s; please report this"),
  // ---- transformers ----------------------------------------------------------------------------
  LR_END_NOT_BELOW_LR(Severity.ERROR, "%s (%s) must be smaller than the learning rate (%s); upstream raises ValueError"),
  POLYNOMIAL_WITHOUT_DECAY(Severity.ERROR, "num_warmup_steps equals num_training_steps (%s): the polynomial decay would divide by num_training_steps - num_warmup_steps = 0 at step %s (upstream raises ZeroDivisionError); make num_training_steps larger"),
  ONLY_ONE_OF(Severity.ERROR, "give only one of %s (%s) and %s (%s); upstream raises ValueError"),
  STABLE_PHASE_NEGATIVE(Severity.ERROR, "num_training_steps (%s) is less than num_warmup_steps + num_decay_steps (%s + %s): the stable phase would last %s steps and upstream would start the decay part-way through; raise num_training_steps or shorten the warm-up or the decay"),
  ARGUMENT_PASSED_TWICE(Severity.ERROR, "%s is already passed by get_scheduler (from %s); upstream raises TypeError: got multiple values for keyword argument '%s'"),
  // ---- megatron -------------------------------------------------------------------------------
  SEGMENT_PAST_END(Severity.ERROR, "a segment phase of %s steps reaches %s units at its last step, past its span (%s); at most %s steps fit"),
  MEGATRON_UNKNOWN_FLAG(Severity.ERROR, "unknown flag %s; did you mean `%s`?"),
  MEGATRON_FLAG_NEEDS_VALUE(Severity.ERROR, "%s needs a value; write `%s VALUE`"),
  MEGATRON_FLAG_NOT_LITERAL(Severity.ERROR, "%s is given as `%s`, a shell expression Anneal does not expand; write the number it stands for"),
  MEGATRON_FLAG_TYPE(Severity.ERROR, "%s takes %s, found '%s'; %s"),
  MEGATRON_FLAG_RANGE(Severity.ERROR, "%s (%s) %s; %s"),
  MEGATRON_FLAG_CONFLICT(Severity.ERROR, "%s cannot be combined with %s: %s; %s"),
  MEGATRON_MISSING_FLAG(Severity.ERROR, "%s is required: %s; add %s"),
  MEGATRON_DEPRECATED_FLAG(Severity.ERROR, "%s is no longer accepted by Megatron-LM; use %s"),
  MEGATRON_WSD_ANNEAL_TOO_LONG(Severity.ERROR, "the WSD anneal (%s) is longer than the decay after the warm-up (%s); %s; make %s at most %s"),
  MEGATRON_COMMAND_SPLIT(Severity.ERROR, "%s: bash runs line %s as a command of its own (`%s: command not found`), and Megatron never sees %s; %s"),
  MEGATRON_UNCLOSED(Severity.ERROR, "the %s opened on line %s is never closed, so bash stops with a syntax error (unexpected end of file) and never runs the command that starts on line %s; %s"),
  MEGATRON_FLAG_LOOKALIKE(Severity.ERROR, "unrecognized argument '%s': it has %s, so Megatron's argparse stops with 'unrecognized arguments'; did you mean `%s`?"),
  MEGATRON_FLAG_NOT_MODELLED(Severity.ERROR, "%s: %s; Anneal does not model this yet: %s"),
  MEGATRON_STRAY_SPACE(Severity.ERROR, "line %s ends with `\\` and a space, so the `\\` escapes the space instead of continuing the line: bash passes a lone space to Megatron as an argument, and argparse stops with 'unrecognized arguments'; delete the space after the `\\`"),
  MEGATRON_QUOTED_TOGETHER(Severity.ERROR, "'%s' is quoted as one argument, so argparse does not read it as %s (an argument with a space is not a flag to it) and Megatron stops with 'unrecognized arguments'; write `%s` without the quotes"),
  // ---- cli (train and find-lr data, output files) ----
  UNWRITABLE_FILE(Severity.ERROR, "cannot write %s: %s"),
  ROW_LENGTH(Severity.ERROR, "the row has %s fields but the header has %s (a field may not hold a comma, even in quotes)"),
  NOT_ENOUGH_DATA(Severity.ERROR, "%s"),
  TOO_MANY_CLASSES(Severity.ERROR, "column %s holds %s distinct values in %s rows, too many for class labels (at most %s: two rows per class); anneal trains a classifier: choose a column of class labels with --target"),
  MORE_PROBLEMS(Severity.ERROR, "%s more problems in this file are not shown; fix the ones above first"),
  OPTIMIZER_NOT_APPLIED(Severity.ERROR, "anneal train cannot apply %s: %s; %s"),
  RUN_STOPS_BEFORE_END(Severity.WARNING, "the run stops in %s at update %s of %s, so the rest of the plan never runs; %s"),
  RUN_PASSES_END(Severity.WARNING, "the run takes %s updates, %s past the plan's declared end (%s): after it %s; %s"),
  TOO_FEW_METRICS(Severity.ERROR, "%s metrics read, but steps 0 to %s need %s (the value at step i has seen the metrics of lines 1 to i; after the last metric a plateau phase would stop reacting); add %s to the file, or pass --steps %s"),
  // ---- warnings: upstream quirks a migrating user should know about -------------------------------
  FIRST_UPDATE_AT_ZERO(Severity.WARNING, "the first update uses a learning rate of 0 (%s); it changes nothing"),
  RISES_PAST_END(Severity.WARNING, "past step %s the %s formula rises again (upstream behaviour); stop training at the end or clamp with HOLD"),
  REPEATED_MILESTONE(Severity.WARNING, "milestone %s is repeated %s times, so the factor is applied %s times at once (PyTorch behaviour)"),
  IGNORED_ARGUMENT(Severity.WARNING, "%s is ignored by %s; remove it or pick a type that uses it"),
  BOUNCES_PAST_TOTAL(Severity.WARNING, "%s"),
  // ---- deepspeed warnings ----
  LOG_WARMUP_DEFAULT(Severity.WARNING, "log warm-up is DeepSpeed's default (the lr rises as ln(t + 1) / ln(%s)); add `warmup_type: linear` if you meant a straight ramp"),
  WARMUP_RAISED_TO_TWO(Severity.WARNING, "warmup_num_steps %s is raised to 2 by DeepSpeed (its warm-up divides by ln(warmup_num_steps)); write 2 to say what runs"),
  TWO_UPDATES_AT_WARMUP_MIN(Severity.WARNING, "the first two updates use %s (%s): DeepSpeed sets it at construction and its formula gives it again for iteration 0 after the first step, so the whole curve runs one update late"),
  MOMENTUM_CYCLING_IGNORED(Severity.WARNING, "momentum cycling is ignored on %s: DeepSpeed cycles only the β1 of optimizers with betas (Adam-style), so the momentum stays %s; set cycle_momentum to false to say so"),
  FIRST_BETA1_AT_MIN(Severity.WARNING, "the first update uses β1 = cycle_min_mom (%s), the second %s: DeepSpeed sets cycle_min_mom at construction, then follows the cycle down from cycle_max_mom (%s)"),
  BETA2_FORCED(Severity.WARNING, "OneCycle sets Adam β2 to 0.99 on every update; the optimizer's β2 (%s) is never used"),
  BETA1_ABOVE_ONE(Severity.WARNING, "β1 exceeds 1 after step %s: %s"),
  DECAY_SKIPPED(Severity.WARNING, "%s (%s) has no effect: decay_step_size is 0, so DeepSpeed skips the post-cycle decay; set decay_step_size to apply it"),
  HIDDEN_DEFAULT(Severity.WARNING, "%s is absent; DeepSpeed uses %s"),
  TOTAL_BELOW_WARMUP(Severity.WARNING, "total_num_steps (%s) is less than the warm-up (%s steps): right after the warm-up DeepSpeed drops to %s (it only logs this)"),
  NO_SCHEDULER(Severity.WARNING, "no scheduler block: DeepSpeed keeps the optimizer's lr (%s) on every update, unless your code passes lr_scheduler to deepspeed.initialize"),
  NO_EFFECT(Severity.WARNING, "%s has no effect in Anneal (%s); remove it"),
  MILESTONES_UNSORTED(Severity.WARNING, "milestones %s are not in increasing order; PyTorch counts them as a set, so they act as %s"),
  ZERO_TOTAL_ITERS(Severity.WARNING, "total_iters is 0, so PyTorch 1.13 %s"),
  DEEPSPEED_KEY_NOT_READ(Severity.WARNING, "DeepSpeed does not read %s, so it ignores the setting; did you mean `%s`? rename it, or remove it"),
  // ---- transformers warnings ----
  WARMUP_NOT_BEFORE_TOTAL(Severity.WARNING, "%s (%s) is not less than num_training_steps (%s): the warm-up does not finish before the end, and after it the learning rate %s (upstream behaviour)"),
  WARMUP_RATIO_OVERRIDDEN(Severity.WARNING, "warmup_ratio (%s) has no effect: warmup_steps (%s) is greater than 0 and overrides it (TrainingArguments.get_warmup_steps)"),
  STABLE_STEPS_OVERRIDE_TOTAL(Severity.WARNING, "num_training_steps (%s) has no effect: num_stable_steps (%s) is given and wins (upstream warns too); the minimum is held from step %s on"),
  DEEPSPEED_FILE_NOT_READ(Severity.WARNING, "deepspeed names the file %s, which Anneal does not open: if that config has a scheduler block, Trainer runs it instead of lr_scheduler_type; read the file with --format deepspeed to see that schedule"),
  // ---- processor warnings ----
  JUMP_BETWEEN_PHASES(Severity.WARNING, "phase %s starts at %s but phase %s ends at %s; leave `from` out to start where the previous phase ends"),
  MEGATRON_FLAG_REPEATED(Severity.WARNING, "%s is given %s times (%s); Megatron uses the last value, %s"),
  MEGATRON_FLAG_IGNORED(Severity.WARNING, "%s is ignored %s; remove it"),
  MEGATRON_BATCH_SIZE_ASSUMED(Severity.WARNING, "--global-batch-size is not given, so Anneal counts one sample per iteration, but %s; add --global-batch-size as your launch script sets it"),
  MEGATRON_LR_CLIFF(Severity.WARNING, "the learning rate drops at once from %s to --min-lr (%s) after iteration %s (%s); %s"),
  MEGATRON_FRACTIONAL_BOUNDARY(Severity.WARNING, "%s comes to %s iterations, not a whole number: %s ends part-way between iterations %s and %s, as Megatron computes it"),
  MEGATRON_PARTIAL_BATCH(Severity.WARNING, "--train-samples (%s) is not a multiple of --global-batch-size (%s): Megatron trains %s iterations and never sees the last %s samples"),
  // ---- notes: nothing is wrong, but nothing is silently different either ----------------------------
  IGNORED_SETTING(Severity.NOTE, "ignored: %s"),
  DETECTED_FORMAT(Severity.NOTE, "read as %s, from %s; add %s to read it as another format");

  private final Severity severity;
  private final String template;

  Code(Severity severity, String template) {
    this.severity = severity;
    this.template = template;
  }

  /** The stable identifier printed in brackets, e.g. {@code WarmupExceedsTotal}. */
  public String id() {
    StringBuilder id = new StringBuilder();
    for (String word : name().split("_")) {
      id.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return id.toString();
  }

  public Severity severity() {
    return severity;
  }

  /** The message template, with {@code %s} for each argument. */
  public String template() {
    return template;
  }

  /**
   * A violation of this code at {@code path}.
   *
   * @param path where it is, e.g. {@code phases[1].steps}; empty for the whole schedule
   * @param value the offending value, printed in messages and kept for tools
   * @param args the template's arguments, each printed with {@link Values#show(Object)}
   */
  public Violation at(String path, Object value, Object... args) {
    Object[] shown = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      shown[i] = args[i] instanceof CharSequence ? args[i] : Values.show(args[i]);
    }
    return new Violation(this, path, String.format(Locale.ROOT, template, shown), value);
  }

  /** Looks a code up by its {@link #id()}; {@code null} if none. */
  public static Code byId(String id) {
    for (Code code : values()) {
      if (code.id().equals(id)) {
        return code;
      }
    }
    return null;
  }
}
