package dev.anneal.cli;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum CliCode implements DiagnosticCode {
  AMBIGUOUS_FORMAT(Severity.ERROR, "the config fits more than one format: {arg1}; add {arg2} to say which"),
  UNDETECTED_FORMAT(Severity.ERROR, "cannot tell the config's format from {arg1}; add {arg2} NAME, where NAME is one of {arg3}"),
  UNWRITABLE_FILE(Severity.ERROR, "cannot write {arg1}: {arg2}"),
  ROW_LENGTH(Severity.ERROR, "the row has {arg1} fields but the header has {arg2} (a field may not hold a comma, even in quotes)"),
  NOT_ENOUGH_DATA(Severity.ERROR, "{arg1}"),
  TOO_MANY_CLASSES(Severity.ERROR, "column {arg1} holds {arg2} distinct values in {arg3} rows, too many for class labels (at most {arg4}: two rows per class); anneal trains a classifier: choose a column of class labels with --target"),
  MORE_PROBLEMS(Severity.ERROR, "{arg1} more problems in this file are not shown; fix the ones above first"),
  OPTIMIZER_NOT_APPLIED(Severity.ERROR, "anneal train cannot apply {arg1}: {arg2}; {arg3}"),
  RUN_STOPS_BEFORE_END(Severity.WARNING, "the run stops in {arg1} at update {arg2} of {arg3}, so the rest of the plan never runs; {arg4}"),
  RUN_PASSES_END(Severity.WARNING, "the run takes {arg1} updates, {arg2} past the plan's declared end ({arg3}): after it {arg4}; {arg5}"),
  TOO_FEW_METRICS(Severity.ERROR, "{arg1} metrics read, but steps 0 to {arg2} need {arg3} (the value at step i has seen the metrics of lines 1 to i; after the last metric a plateau phase would stop reacting); add {arg4} to the file, or pass --steps {arg5}"),
  DETECTED_FORMAT(Severity.NOTE, "read as {arg1}, from {arg2}; add {arg3} to read it as another format");

  private final Severity severity;
  private final String template;

  CliCode(Severity severity, String template) {
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
