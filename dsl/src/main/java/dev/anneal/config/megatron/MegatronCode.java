package dev.anneal.config.megatron;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum MegatronCode implements DiagnosticCode {
  MEGATRON_UNKNOWN_FLAG(Severity.ERROR, "unknown flag {arg1}; did you mean `{arg2}`?"),
  MEGATRON_FLAG_NEEDS_VALUE(Severity.ERROR, "{arg1} needs a value; write `{arg2} VALUE`"),
  MEGATRON_FLAG_NOT_LITERAL(Severity.ERROR, "{arg1} is given as `{arg2}`, a shell expression Anneal does not expand; write the number it stands for"),
  MEGATRON_FLAG_TYPE(Severity.ERROR, "{arg1} takes {arg2}, found '{arg3}'; {arg4}"),
  MEGATRON_FLAG_RANGE(Severity.ERROR, "{arg1} ({arg2}) {arg3}; {arg4}"),
  MEGATRON_FLAG_CONFLICT(Severity.ERROR, "{arg1} cannot be combined with {arg2}: {arg3}; {arg4}"),
  MEGATRON_MISSING_FLAG(Severity.ERROR, "{arg1} is required: {arg2}; add {arg3}"),
  MEGATRON_DEPRECATED_FLAG(Severity.ERROR, "{arg1} is no longer accepted by Megatron-LM; use {arg2}"),
  MEGATRON_WSD_ANNEAL_TOO_LONG(Severity.ERROR, "the WSD anneal ({arg1}) is longer than the decay after the warm-up ({arg2}); {arg3}; make {arg4} at most {arg5}"),
  MEGATRON_COMMAND_SPLIT(Severity.ERROR, "{arg1}: bash runs line {arg2} as a command of its own (`{arg3}: command not found`), and Megatron never sees {arg4}; {arg5}"),
  MEGATRON_UNCLOSED(Severity.ERROR, "the {arg1} opened on line {arg2} is never closed, so bash stops with a syntax error (unexpected end of file) and never runs the command that starts on line {arg3}; {arg4}"),
  MEGATRON_FLAG_LOOKALIKE(Severity.ERROR, "unrecognized argument '{arg1}': it has {arg2}, so Megatron's argparse stops with 'unrecognized arguments'; did you mean `{arg3}`?"),
  MEGATRON_FLAG_NOT_MODELLED(Severity.ERROR, "{arg1}: {arg2}; Anneal does not model this yet: {arg3}"),
  MEGATRON_STRAY_SPACE(Severity.ERROR, "line {arg1} ends with `\\` and a space, so the `\\` escapes the space instead of continuing the line: bash passes a lone space to Megatron as an argument, and argparse stops with 'unrecognized arguments'; delete the space after the `\\`"),
  MEGATRON_QUOTED_TOGETHER(Severity.ERROR, "'{arg1}' is quoted as one argument, so argparse does not read it as {arg2} (an argument with a space is not a flag to it) and Megatron stops with 'unrecognized arguments'; write `{arg3}` without the quotes"),
  MEGATRON_FLAG_REPEATED(Severity.WARNING, "{arg1} is given {arg2} times ({arg3}); Megatron uses the last value, {arg4}"),
  MEGATRON_FLAG_IGNORED(Severity.WARNING, "{arg1} is ignored {arg2}; remove it"),
  MEGATRON_BATCH_SIZE_ASSUMED(Severity.WARNING, "--global-batch-size is not given, so Anneal counts one sample per iteration, but {arg1}; add --global-batch-size as your launch script sets it"),
  MEGATRON_LR_CLIFF(Severity.WARNING, "the learning rate drops at once from {arg1} to --min-lr ({arg2}) after iteration {arg3} ({arg4}); {arg5}"),
  MEGATRON_FRACTIONAL_BOUNDARY(Severity.WARNING, "{arg1} comes to {arg2} iterations, not a whole number: {arg3} ends part-way between iterations {arg4} and {arg5}, as Megatron computes it"),
  MEGATRON_PARTIAL_BATCH(Severity.WARNING, "--train-samples ({arg1}) is not a multiple of --global-batch-size ({arg2}): Megatron trains {arg3} iterations and never sees the last {arg4} samples");

  private final Severity severity;
  private final String template;

  MegatronCode(Severity severity, String template) {
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
