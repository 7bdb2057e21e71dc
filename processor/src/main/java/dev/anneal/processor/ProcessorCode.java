package dev.anneal.processor;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum ProcessorCode implements DiagnosticCode {
  EXPRESSION_SYNTAX(Severity.ERROR, "cannot read {arg1}: {arg2}"),
  UNKNOWN_NAME(Severity.ERROR, "unknown name {arg1} in {arg2}{arg3}"),
  NOT_NUMERIC_PARAMETER(Severity.ERROR, "{arg1} has type {arg2}; expressions use int, long, float and double components"),
  FRACTIONAL_LENGTH(Severity.ERROR, "{arg1} ({arg2}) must be a whole number of steps, but it is a double expression; use integer parameters and literals"),
  DIVISION_BY_ZERO(Severity.ERROR, "{arg1} divides by zero"),
  MISSING_ATTRIBUTE(Severity.ERROR, "{arg1} phase needs {arg2}"),
  IRRELEVANT_ATTRIBUTE(Severity.ERROR, "{arg1} does not apply to {arg2} phase, which takes {arg3}"),
  CHANNEL_PHASES_DIFFER(Severity.ERROR, "channel {arg1} leaves the length of phase {arg2} to channel {arg3}, which has only {arg4} phases"),
  DUPLICATE_CHANNEL(Severity.ERROR, "channel {arg1} is declared more than once"),
  PROCESSOR_FAILURE(Severity.ERROR, "the Anneal processor failed on this type ({arg1}); please report it with this source"),
  JUMP_BETWEEN_PHASES(Severity.WARNING, "phase {arg1} starts at {arg2} but phase {arg3} ends at {arg4}; leave `from` out to start where the previous phase ends");

  private final Severity severity;
  private final String template;

  ProcessorCode(Severity severity, String template) {
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
