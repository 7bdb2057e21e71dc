package dev.anneal.rules;


/** The diagnostics of the model's rules; see {@link DiagnosticCode}. */
public enum RuleCode implements DiagnosticCode {
  NON_FINITE_VALUE(Severity.ERROR, "{arg1} ({arg2}) must be a finite number"),
  NEGATIVE_VALUE(Severity.ERROR, "{arg1} ({arg2}) must be at least 0"),
  NEGATIVE_LEARNING_RATE(Severity.ERROR, "learning rate reaches {arg1}; a learning rate must be at least 0"),
  MOMENTUM_OUT_OF_RANGE(Severity.ERROR, "{arg1} reaches {arg2}; momentum and Adam beta1 must lie in [0, 1)"),
  NEGATIVE_WEIGHT_DECAY(Severity.ERROR, "weight decay reaches {arg1}; weight decay must be at least 0"),
  NOT_POSITIVE(Severity.ERROR, "{arg1} ({arg2}) must be greater than 0"),
  OUT_OF_RANGE(Severity.ERROR, "{arg1} ({arg2}) must lie in {arg3}"),
  NON_FINITE_AT_STEP(Severity.ERROR, "the value at step {arg1} would be {arg2}; every value up to the declared end must be finite"),
  OVERFLOW(Severity.ERROR, "{arg1} overflows: {arg2} exceeds the largest double (1.7976931348623157E308), so values would be infinite or NaN; {arg3}"),
  NON_POSITIVE_LENGTH(Severity.ERROR, "{arg1} ({arg2}) must be at least 1"),
  NEEDS_LENGTH(Severity.ERROR, "{arg1} phase needs a length in steps; only {arg2} may run forever"),
  OPEN_PHASE_NOT_LAST(Severity.ERROR, "only the last phase may run forever; phase {arg1} is open but phase {arg2} follows it"),
  LENGTH_OVERFLOW(Severity.ERROR, "the phases add up to more than {arg1} steps"),
  EMPTY_SCHEDULE(Severity.ERROR, "a schedule needs at least one phase"),
  NEGATIVE_STEP(Severity.ERROR, "step {arg1} is negative; steps count the updates already applied, from 0"),
  STEP_BEYOND_END(Severity.ERROR, "step {arg1} is past the declared end ({arg2}); declare after-end HOLD or CONTINUE to go on"),
  CONTINUE_UNBOUNDED(Severity.ERROR, "after-end CONTINUE would follow the {arg1} formula past its end, where it grows without bound; use HOLD"),
  FLOOR_ABOVE_PEAK(Severity.ERROR, "{arg1} ({arg2}) must not exceed {arg3} ({arg4}) for a decaying shape"),
  MILESTONES_NOT_INCREASING(Severity.ERROR, "milestones must be increasing, but {arg1} follows {arg2}"),
  CYCLIC_BASE_ABOVE_MAX(Severity.ERROR, "base ({arg1}) must not exceed max ({arg2})"),
  RESTART_PERIOD_TOO_SMALL(Severity.ERROR, "the first restart period T0 ({arg1}) must be at least 1"),
  RESTART_MULTIPLIER_TOO_SMALL(Severity.ERROR, "the restart period multiplier Tmult ({arg1}) must be at least 1"),
  ONE_CYCLE_PHASE_EMPTY(Severity.ERROR, "one-cycle phase {arg1} would span {arg2} steps (pct_start {arg3} of {arg4} total steps); it must span more than 0 or the value is undefined (upstream raises ZeroDivisionError)"),
  PLATEAU_FACTOR_OUT_OF_RANGE(Severity.ERROR, "factor ({arg1}) must lie in (0, 1): a plateau reduces the value"),
  UNKNOWN_CHANNEL(Severity.ERROR, "unknown channel {arg1}"),
  CONDITION_NOT_MET(Severity.ERROR, "{arg1} requires {arg2}, but {arg3}"),
  SEGMENT_PAST_END(Severity.ERROR, "a segment phase of {arg1} steps reaches {arg2} units at its last step, past its span ({arg3}); at most {arg4} steps fit"),
  FIRST_UPDATE_AT_ZERO(Severity.WARNING, "the first update uses a learning rate of 0 ({arg1}); it changes nothing"),
  REPEATED_MILESTONE(Severity.WARNING, "milestone {arg1} is repeated {arg2} times, so the factor is applied {arg3} times at once (PyTorch behaviour)"),
  BETA1_ABOVE_ONE(Severity.WARNING, "β1 exceeds 1 after step {arg1}: {arg2}");

  private final Severity severity;
  private final String template;

  RuleCode(Severity severity, String template) {
    this.severity = severity;
    this.template = template;
  }

  @Override
  public Severity severity() {
    return severity;
  }

  @Override
  public String template() {
    return template;
  }

  /** Transitional positional factory; replaced by one typed factory per code. */
  public Violation at(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }
}
