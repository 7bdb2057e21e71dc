package dev.anneal.runtime;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum RuntimeCode implements DiagnosticCode {
  PARAMETERS_UNMATCHED(Severity.ERROR, "no parameter group selects {arg1}; add a group whose pattern matches, or a catch-all group (glob:*)"),
  PARAMETERS_MATCHED_TWICE(Severity.ERROR, "{arg1}; make the patterns disjoint so that each trainable parameter has exactly one group"),
  UNUSED_GROUP(Severity.ERROR, "group {arg1} ({arg2}) selects no trainable parameter; the parameters are {arg3}"),
  INVALID_PATTERN(Severity.ERROR, "{arg1} is not a valid {arg2} pattern: {arg3}"),
  CHANNEL_NOT_APPLIED(Severity.ERROR, "{arg1} does not apply a channel named {arg2}; it applies {arg3}"),
  CONFLICTING_SETTING(Severity.ERROR, "{arg1}"),
  NOT_BOUND(Severity.ERROR, "the training schedule is not bound to a trainer: {arg1}"),
  STEP_NOT_ADVANCED(Severity.ERROR, "{arg1} was updated more than once per device ({arg2} devices) within step {arg3}; the step advances only through the schedule's listener (add TrainingSchedule.listener() to the training config) or TrainingSchedule.endStep() after trainer.step()"),
  UNKNOWN_PARAMETER(Severity.ERROR, "parameter id {arg1} is not among the parameters bound at the start of training; rebuild the trainer after changing the model"),
  CHECKPOINT_UNREADABLE(Severity.ERROR, "{arg1} is {arg2}; refusing to resume from it"),
  CHECKPOINT_MISMATCH(Severity.ERROR, "{arg1}"),
  NON_FINITE_METRIC(Severity.ERROR, "the metric observed after step {arg1} is {arg2}; a reactive phase needs a finite metric"),
  RANGE_TEST_TOO_SHORT(Severity.ERROR, "too few usable losses to suggest a learning rate: {arg1} (finite, measured before {arg2}), at least {arg3} needed; {arg4}"),
  CHECKPOINT_LOCKED(Severity.ERROR, "another save of {arg1} into {arg2} is under way ({arg3} holds {arg4}); give each run its own folder or checkpoint name, or save from one thread at a time");

  private final Severity severity;
  private final String template;

  RuntimeCode(Severity severity, String template) {
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
