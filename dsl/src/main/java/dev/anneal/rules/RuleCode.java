package dev.anneal.rules;


/** The diagnostics of the model's rules; see {@link DiagnosticCode}. */
public enum RuleCode implements DiagnosticCode {
  NON_FINITE_VALUE(Severity.ERROR, "{field} ({value}) must be a finite number"),
  NEGATIVE_VALUE(Severity.ERROR, "{field} ({value}) must be at least 0"),
  NEGATIVE_LEARNING_RATE(Severity.ERROR, "learning rate reaches {minimum}; a learning rate must be at least 0"),
  MOMENTUM_OUT_OF_RANGE(Severity.ERROR, "{field} reaches {value}; momentum and Adam beta1 must lie in [0, 1)"),
  NEGATIVE_WEIGHT_DECAY(Severity.ERROR, "weight decay reaches {minimum}; weight decay must be at least 0"),
  NOT_POSITIVE(Severity.ERROR, "{field} ({value}) must be greater than 0"),
  OUT_OF_RANGE(Severity.ERROR, "{field} ({value}) must lie in {range}"),
  NON_FINITE_AT_STEP(Severity.ERROR, "the value at step {step} would be {result}; every value up to the declared end must be finite"),
  OVERFLOW(Severity.ERROR, "{expression} overflows: {operands} exceeds the largest double (1.7976931348623157E308), so values would be infinite or NaN; {fix}"),
  NON_POSITIVE_LENGTH(Severity.ERROR, "{field} ({value}) must be at least 1"),
  NEEDS_LENGTH(Severity.ERROR, "{shape} phase needs a length in steps; only {openEnded} may run forever"),
  OPEN_PHASE_NOT_LAST(Severity.ERROR, "only the last phase may run forever; phase {open} is open but phase {next} follows it"),
  LENGTH_OVERFLOW(Severity.ERROR, "the phases add up to more than {maximum} steps"),
  EMPTY_SCHEDULE(Severity.ERROR, "a schedule needs at least one phase"),
  NEGATIVE_STEP(Severity.ERROR, "step {step} is negative; steps count the updates already applied, from 0"),
  STEP_BEYOND_END(Severity.ERROR, "step {step} is past the declared end ({end}); declare after-end HOLD or CONTINUE to go on"),
  CONTINUE_UNBOUNDED(Severity.ERROR, "after-end CONTINUE would follow the {shape} formula past its end, where it grows without bound; use HOLD"),
  FLOOR_ABOVE_PEAK(Severity.ERROR, "{floorField} ({floor}) must not exceed {peakField} ({peak}) for a decaying shape"),
  MILESTONES_NOT_INCREASING(Severity.ERROR, "milestones must be increasing, but {milestone} follows {previous}"),
  CYCLIC_BASE_ABOVE_MAX(Severity.ERROR, "base ({base}) must not exceed max ({max})"),
  RESTART_PERIOD_TOO_SMALL(Severity.ERROR, "the first restart period T0 ({t0}) must be at least 1"),
  RESTART_MULTIPLIER_TOO_SMALL(Severity.ERROR, "the restart period multiplier Tmult ({tMult}) must be at least 1"),
  ONE_CYCLE_PHASE_EMPTY(Severity.ERROR, "one-cycle phase {part} would span {span} steps (pct_start {pctStart} of {total} total steps); it must span more than 0 or the value is undefined (upstream raises ZeroDivisionError)"),
  PLATEAU_FACTOR_OUT_OF_RANGE(Severity.ERROR, "factor ({factor}) must lie in (0, 1): a plateau reduces the value"),
  UNKNOWN_CHANNEL(Severity.ERROR, "unknown channel '{channel}'{hint}"),
  CONDITION_NOT_MET(Severity.ERROR, "{binding} requires {condition}, but {actual}"),
  SEGMENT_PAST_END(Severity.ERROR, "a segment phase of {steps} steps reaches {reached} units at its last step, past its span ({span}); at most {fitting} steps fit"),
  FIRST_UPDATE_AT_ZERO(Severity.NOTE, "the first update uses a learning rate of 0 ({cause}); it changes nothing"),
  REPEATED_MILESTONE(Severity.WARNING, "milestone {milestone} is repeated {count} times, so the factor is applied {count} times at once (PyTorch behaviour)"),
  BETA1_ABOVE_ONE(Severity.WARNING, "β1 exceeds 1 after step {step}: {growth}; Adam diverges with β1 >= 1{fix}"),
  UNIT_NEEDS_GEOMETRY(Severity.ERROR, "{field} is given in {unit}, which needs {missing}; {fix}"),
  LENGTH_OFF_CADENCE(Severity.ERROR, "{field} ({length}) is {updates} updates, not a whole number of the schedule's steps of {every} updates; give a multiple of {every} updates, or a bare count of the schedule's steps"),
  INVALID_BATCH_SCHEDULE(Severity.ERROR, "batch-size schedule {entry} {problem}; {fix}"),
  RESTARTS_RISE(Severity.WARNING, "floor ({floor}) is above from ({from}), so every restart period rises from {from} towards {floor} instead of decaying, as PyTorch's CosineAnnealingWarmRestarts does with eta_min above the learning rate; set floor below from for a decay"),
  LENGTH_OFF_CLOCK(Severity.ERROR, "{field} ({length}) cannot be counted in {clock}: {reason}; {fix}");

  private final MessageSpec spec;

  RuleCode(Severity severity, String template) {
    this.spec = new MessageSpec(severity, template);
  }

  @Override
  public MessageSpec spec() {
    return spec;
  }

  /**
   * {@code field} is not a finite number.
   *
   * @param value the value as written or computed: a number, or the text that was read (a CSV cell, a JSON literal)
   */
  public static Violation nonFiniteValue(String path, String field, Object value) {
    return NON_FINITE_VALUE.violation(path, value, field, value);
  }

  public static Violation negativeValue(String path, String field, Number value) {
    return NEGATIVE_VALUE.violation(path, value, field, value);
  }

  /** A learning-rate channel whose smallest value, {@code minimum}, is below 0. */
  public static Violation negativeLearningRate(String path, double minimum) {
    return NEGATIVE_LEARNING_RATE.violation(path, minimum, minimum);
  }

  /** A momentum or β1 ({@code field}) that reaches {@code value}, outside [0, 1). */
  public static Violation momentumOutOfRange(String path, String field, double value) {
    return MOMENTUM_OUT_OF_RANGE.violation(path, value, field, value);
  }

  /** A weight-decay channel whose smallest value, {@code minimum}, is below 0. */
  public static Violation negativeWeightDecay(String path, double minimum) {
    return NEGATIVE_WEIGHT_DECAY.violation(path, minimum, minimum);
  }

  /** @param value the value: a number, or the number with a word on why it matters */
  public static Violation notPositive(String path, String field, Object value) {
    return NOT_POSITIVE.violation(path, value, field, value);
  }

  /**
   * {@code field} lies outside {@code range}.
   *
   * @param value the value: a number, or the text written when it is none (an expression, a literal too large for a long)
   * @param range the allowed range in interval notation, with the reason when it is not obvious
   */
  public static Violation outOfRange(String path, String field, Object value, String range) {
    return OUT_OF_RANGE.violation(path, value, field, value, range);
  }

  /**
   * A value that would not be finite at {@code step}.
   *
   * @param value the setting to blame, or {@code null} when none is
   * @param step the step, or words for it ("a late step", "t = 100")
   * @param result the value there, or words for it ("unbounded (…)")
   */
  public static Violation nonFiniteAtStep(String path, Number value, String step, String result) {
    return NON_FINITE_AT_STEP.violation(path, value, step, result);
  }

  /**
   * An intermediate {@code expression} of a shape, {@code operands} with the values written in,
   * that exceeds the largest double; {@code fix} says which setting to change.
   */
  public static Violation overflow(String path, double value, String expression, String operands, String fix) {
    return OVERFLOW.violation(path, value, expression, operands, fix);
  }

  public static Violation nonPositiveLength(String path, String field, long value) {
    return NON_POSITIVE_LENGTH.violation(path, value, field, value);
  }

  /**
   * A phase of {@code shape} (e.g. {@code linear}) declared to run forever; the message adds the
   * article. {@code openEnded} lists the kinds that may (the schedule package derives it from its
   * shape catalogue, which this package cannot see).
   */
  public static Violation needsLength(String path, String shape, String openEnded) {
    return NEEDS_LENGTH.violation(path, null, Article.of(shape), openEnded);
  }

  /** Phase {@code open} (an index) runs forever but phase {@code next} follows it. */
  public static Violation openPhaseNotLast(String path, int open, int next) {
    return OPEN_PHASE_NOT_LAST.violation(path, null, open, next);
  }

  /**
   * The phases' lengths add up to more than {@code maximum} steps.
   *
   * @param value the length of the phase that passes the maximum, or {@code null} when not known
   */
  public static Violation lengthOverflow(String path, Long value, long maximum) {
    return LENGTH_OVERFLOW.violation(path, value, maximum);
  }

  public static Violation emptySchedule(String path) {
    return EMPTY_SCHEDULE.violation(path, null);
  }

  public static Violation negativeStep(String path, long step) {
    return NEGATIVE_STEP.violation(path, step, step);
  }

  /** {@code step} is past the declared {@code end} of a schedule whose after-end policy is FAIL. */
  public static Violation stepBeyondEnd(String path, long step, long end) {
    return STEP_BEYOND_END.violation(path, step, step, end);
  }

  /**
   * After-end CONTINUE declared on a last phase of {@code shape}, whose formula grows without bound.
   *
   * @param value the after-end policy declared
   */
  public static Violation continueUnbounded(String path, Enum<?> value, String shape) {
    return CONTINUE_UNBOUNDED.violation(path, value, shape);
  }

  /** A floor ({@code floorField}) above the value a decaying shape starts from ({@code peakField}). */
  /** Cosine restarts whose floor lies above their start: each period rises, as PyTorch runs it. */
  public static Violation restartsRise(String path, double floor, double from) {
    return RESTARTS_RISE.violation(path, floor, floor, from);
  }

  public static Violation floorAbovePeak(String path, String floorField, double floor, String peakField, double peak) {
    return FLOOR_ABOVE_PEAK.violation(path, floor, floorField, floor, peakField, peak);
  }

  /** {@code milestone} follows a larger {@code previous} one. */
  public static Violation milestonesNotIncreasing(String path, long milestone, long previous) {
    return MILESTONES_NOT_INCREASING.violation(path, milestone, milestone, previous);
  }

  public static Violation cyclicBaseAboveMax(String path, double base, double max) {
    return CYCLIC_BASE_ABOVE_MAX.violation(path, base, base, max);
  }

  public static Violation restartPeriodTooSmall(String path, long t0) {
    return RESTART_PERIOD_TOO_SMALL.violation(path, t0, t0);
  }

  public static Violation restartMultiplierTooSmall(String path, long tMult) {
    return RESTART_MULTIPLIER_TOO_SMALL.violation(path, tMult, tMult);
  }

  /**
   * One-cycle phase {@code part} (1 rises, 2 falls) would span {@code span} steps, no more than 0,
   * with {@code pctStart} of {@code total} steps.
   */
  public static Violation oneCyclePhaseEmpty(String path, int part, double span, double pctStart, long total) {
    return ONE_CYCLE_PHASE_EMPTY.violation(path, pctStart, part, span, pctStart, total);
  }

  public static Violation plateauFactorOutOfRange(String path, double factor) {
    return PLATEAU_FACTOR_OUT_OF_RANGE.violation(path, factor, factor);
  }

  /**
   * A channel named {@code channel} that the plan does not have; the message quotes the name.
   *
   * @param hint what follows the name: a did-you-mean, the channels there are, or nothing
   */
  public static Violation unknownChannel(String path, String channel, String hint) {
    return UNKNOWN_CHANNEL.violation(path, channel, channel, hint);
  }

  /**
   * A config whose values do not meet {@code condition}, which {@code binding} (the declared
   * expression, {@code path = expression}) needs; {@code actual} gives the values.
   *
   * @param value the one config value the expression uses, or {@code null} when it uses several
   */
  public static Violation conditionNotMet(String path, Object value, String binding, String condition, String actual) {
    return CONDITION_NOT_MET.violation(path, value, binding, condition, actual);
  }

  /**
   * A segment of {@code steps} steps whose last step reaches {@code reached} units, past its {@code
   * span}; {@code fitting} steps would fit.
   */
  public static Violation segmentPastEnd(String path, long steps, double reached, double span, long fitting) {
    return SEGMENT_PAST_END.violation(path, steps, steps, reached, span, fitting);
  }

  /**
   * The learning rate of the first update is 0.
   *
   * @param value the setting that makes it 0
   * @param cause why it is 0, in the config's terms, e.g. {@code warmup_min_lr is 0}
   */
  public static Violation firstUpdateAtZero(String path, double value, String cause) {
    return FIRST_UPDATE_AT_ZERO.violation(path, value, cause);
  }

  /** {@code milestone} appears {@code count} times. */
  public static Violation repeatedMilestone(String path, long milestone, long count) {
    return REPEATED_MILESTONE.violation(path, milestone, milestone, count);
  }

  /**
   * A post-cycle momentum that grows past 1 after {@code step}.
   *
   * @param value the growth rate to blame
   * @param growth how it grows and the value it reaches, e.g. {@code from * (1 + rate * t / every) grows … and is 1.02 at step 8}
   * @param fix the setting that avoids it, or empty when the caller has none to offer
   */
  public static Violation beta1AboveOne(String path, double value, long step, String growth, String fix) {
    return BETA1_ABOVE_ONE.violation(path, value, step, growth, fix.isEmpty() ? "" : ": " + fix);
  }

  /**
   * A length in {@code unit} where the run geometry lacks what converts it to updates.
   *
   * @param value the length as written, e.g. {@code 375000000 tokens}
   * @param missing what is missing, e.g. {@code a sequence length in the run geometry}
   * @param fix how to give it, in the caller's terms
   */
  public static Violation unitNeedsGeometry(String path, String field, Object value, String unit, String missing, String fix) {
    return UNIT_NEEDS_GEOMETRY.violation(path, value, field, unit, missing, fix);
  }

  /**
   * A length that resolves to {@code updates} updates, which the schedule's cadence of {@code every}
   * updates per step does not divide.
   */
  public static Violation lengthOffCadence(String path, String field, Object length, long updates, long every) {
    return LENGTH_OFF_CADENCE.violation(path, length, field, length, updates, every);
  }

  /**
   * A batch-size schedule that Megatron-LM would refuse, or that cannot be run.
   *
   * @param entry which part, e.g. {@code entry '5000:16'} or {@code "0:32 4M:64"}
   * @param problem what is wrong with it, with the value
   * @param fix what to write instead
   */
  public static Violation invalidBatchSchedule(String path, String entry, String problem, String fix) {
    return INVALID_BATCH_SCHEDULE.violation(path, entry, entry, problem, fix);
  }

  /**
   * A length inside a schedule clocked in samples or tokens that is no whole number of the clock's
   * unit (tokens that are not whole samples) or is in a unit the clock does not count (updates, epochs).
   *
   * @param clock the clock's unit, {@code samples} or {@code tokens}
   * @param reason why, with the figures
   * @param fix what to write instead
   */
  public static Violation lengthOffClock(String path, String field, Object length, String clock, String reason, String fix) {
    return LENGTH_OFF_CLOCK.violation(path, length, field, length, clock, reason, fix);
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }
}
