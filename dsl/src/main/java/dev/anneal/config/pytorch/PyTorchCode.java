package dev.anneal.config.pytorch;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum PyTorchCode implements DiagnosticCode {
  RESUME_BY_STEP(Severity.ERROR, "last_epoch ({arg1}) asks PyTorch to resume a scheduler by re-constructing it; Anneal resumes by step: leave last_epoch at -1 and evaluate the schedule from the step you resume at"),
  NO_MOMENTUM_TO_CYCLE(Severity.ERROR, "{arg1} has no momentum in torch 1.13, so {arg2} with cycle_momentum true raises ValueError there; set cycle_momentum to false"),
  MILESTONE_COUNT(Severity.ERROR, "SequentialLR needs exactly one milestone fewer than schedulers, but has {arg1} schedulers and {arg2} milestones (upstream raises ValueError)"),
  BOUNCES_PAST_TOTAL(Severity.WARNING, "{arg1}"),
  NO_EFFECT(Severity.WARNING, "{arg1} has no effect in Anneal ({arg2}); remove it"),
  MILESTONES_UNSORTED(Severity.WARNING, "milestones {arg1} are not in increasing order; PyTorch counts them as a set, so they act as {arg2}"),
  ZERO_TOTAL_ITERS(Severity.WARNING, "total_iters is 0, so PyTorch 1.13 {arg1}");

  private final Severity severity;
  private final String template;

  PyTorchCode(Severity severity, String template) {
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
