package dev.anneal.config;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum ConfigCode implements DiagnosticCode {
  INVALID_JSON(Severity.ERROR, "{arg1}"),
  UNKNOWN_KEY(Severity.ERROR, "unknown key {arg1}{arg2}"),
  UNKNOWN_TYPE(Severity.ERROR, "unknown {arg1} {arg2}{arg3}"),
  MISSING_KEY(Severity.ERROR, "missing required key {arg1}"),
  WRONG_TYPE(Severity.ERROR, "expected {arg1}, found {arg2}"),
  UNREADABLE_FILE(Severity.ERROR, "cannot read {arg1}: {arg2}"),
  UNSUPPORTED(Severity.ERROR, "{arg1}"),
  DUPLICATE_KEY(Severity.ERROR, "key given {arg1}, on lines {arg2}; {arg3}"),
  CONVERSION_DIFFERS(Severity.ERROR, "converted to {arg1}, the value at step {arg2}{arg3} is {arg4} instead of {arg5}; {arg6} cannot express this schedule exactly"),
  CONVERSION_LOSES_CHANNEL(Severity.ERROR, "converted to {arg1}, this channel is not scheduled any more; {arg2} cannot express it"),
  CONVERSION_ADDS_CHANNEL(Severity.ERROR, "converted to {arg1}, this channel is scheduled too, but the source leaves it alone"),
  WRITER_OUTPUT_REJECTED(Severity.ERROR, "the {arg1} writer produced a config its own reader rejects: {arg2}; please report this"),
  RISES_PAST_END(Severity.WARNING, "past step {arg1} the {arg2} formula rises again (upstream behaviour); stop training at the end or clamp with HOLD"),
  IGNORED_ARGUMENT(Severity.WARNING, "{arg1} is ignored by {arg2}; remove it or pick a type that uses it"),
  IGNORED_SETTING(Severity.NOTE, "ignored: {arg1}");

  private final Severity severity;
  private final String template;

  ConfigCode(Severity severity, String template) {
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
