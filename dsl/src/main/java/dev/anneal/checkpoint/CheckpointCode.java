package dev.anneal.checkpoint;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum CheckpointCode implements DiagnosticCode {
  SCHEDULE_CHANGED(Severity.ERROR, "the schedule differs from the checkpoint's ({arg1}); resume with policy USE_CHECKPOINT (Megatron's --use-checkpoint-opt_param-scheduler), USE_NEW (--override-opt_param-scheduler) or CONTINUE_FROM_CURRENT_VALUE"),
  CANNOT_CONTINUE_FROM_ZERO(Severity.ERROR, "cannot continue channel {arg1} from its current value {arg2}: the new schedule is 0 at step {arg3}, so no scale reaches it"),
  NO_VALUE_TO_CONTINUE(Severity.ERROR, "the checkpoint's schedule has no value at step {arg1} (it ends there and its after-end policy is FAIL), so there is no value to continue from; resume with policy USE_NEW");

  private final Severity severity;
  private final String template;

  CheckpointCode(Severity severity, String template) {
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
