package dev.anneal.config;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageSpec;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum ConfigCode implements DiagnosticCode {
  INVALID_JSON(Severity.ERROR, "line {line}, column {column}: {problem}"),
  EMPTY_INPUT(Severity.ERROR, "the input is empty; expected a JSON object"),
  UNKNOWN_KEY(Severity.ERROR, "unknown key '{key}'{hint}"),
  UNKNOWN_TYPE(Severity.ERROR, "unknown {kind} '{name}'{hint}"),
  MISSING_KEY(Severity.ERROR, "missing required key {key}"),
  WRONG_TYPE(Severity.ERROR, "expected {expected}, found {found}"),
  UNREADABLE_FILE(Severity.ERROR, "cannot read {file}: {reason}"),
  UNSUPPORTED(Severity.ERROR, "cannot be written as {format}: {reason}"),
  NOT_IMPORTABLE(Severity.ERROR, "cannot be imported from {format}: {reason}"),
  DUPLICATE_KEY(Severity.ERROR, "key given {times}, on lines {lines}; {fix}"),
  CONVERSION_DIFFERS(Severity.ERROR, "converted to {format}, the value at step {step} is {actual} instead of {expected}; {format} cannot express this schedule exactly"),
  CONVERSION_DIFFERS_WHEN_STALLED(Severity.ERROR, "converted to {format}, the value at step {step} when the metric stalls is {actual} instead of {expected}; {format} cannot express this schedule exactly"),
  CONVERSION_LOSES_CHANNEL(Severity.ERROR, "converted to {format}, this channel is not scheduled any more; {format} cannot express it"),
  CONVERSION_ADDS_CHANNEL(Severity.ERROR, "converted to {format}, this channel is scheduled too, but the source leaves it alone"),
  WRITER_OUTPUT_REJECTED(Severity.ERROR, "the {format} writer produced a config its own reader rejects: {problem}; please report this"),
  RISES_PAST_END(Severity.NOTE, "past step {step} the {formula} formula rises again (upstream behaviour); stop training at the end or clamp with HOLD"),
  IGNORED_ARGUMENT(Severity.WARNING, "{argument} is ignored by {ignoredBy}; remove it or pick a type that uses it"),
  IGNORED_SETTING(Severity.NOTE, "ignored: {reason}"),
  DUPLICATE_KEY_LAST_WINS(Severity.WARNING, "key given {times}, on lines {lines}: {system} reads the file with Python's json, which keeps the last value ({value}); keep only the one you mean");

  private final MessageSpec spec;

  ConfigCode(Severity severity, String template) {
    this.spec = new MessageSpec(severity, template);
  }

  @Override
  public MessageSpec spec() {
    return spec;
  }

  /** The text is not JSON: where the parser stopped, and what it found there. */
  public static Violation invalidJson(long line, long column, String problem) {
    return INVALID_JSON.violation("", null, line, column, problem);
  }

  /** The input has nothing but white space (or a byte-order mark). */
  public static Violation emptyInput() {
    return EMPTY_INPUT.violation("", "");
  }

  /**
   * A key the format does not know.
   *
   * @param key the key as written, quoted by the message
   * @param hint what follows the quoted key, each part with its own separator: where the key was
   *     (" in scheduler") and a did-you-mean or the list of known keys; may be empty
   */
  public static Violation unknownKey(String path, String key, String hint) {
    return UNKNOWN_KEY.violation(path, key, key, hint);
  }

  /**
   * A name that is not one of the choices, e.g. an unknown scheduler type.
   *
   * @param kind what the name names ("scheduler type", "format")
   * @param name the name as written, quoted by the message
   * @param hint a did-you-mean or the list of known names, with its own separator; may be empty
   */
  public static Violation unknownType(String path, String kind, String name, String hint) {
    return UNKNOWN_TYPE.violation(path, name, kind, name, hint);
  }

  /** @param key the key, quoted as the format writes it, and why it is needed where that helps */
  public static Violation missingKey(String path, String key) {
    return MISSING_KEY.violation(path, null, key);
  }

  /**
   * A value of the wrong kind.
   *
   * @param value the offending value, kept for tools
   * @param expected what the key takes ("an integer")
   * @param found what it has, in words ("a list of 3")
   */
  public static Violation wrongType(String path, Object value, String expected, String found) {
    return WRONG_TYPE.violation(path, value, expected, found);
  }

  /** @param file the file in words ("the file", or the resource's name) */
  public static Violation unreadableFile(String path, String value, String file, String reason) {
    return UNREADABLE_FILE.violation(path, value, file, reason);
  }

  /**
   * A writer's refusal: {@code format} has no form for the schedule at {@code path}.
   *
   * @param format the format's name as its users know it ("Megatron", "PyTorch")
   * @param reason what the format lacks, and the way out where there is one
   */
  public static Violation unsupported(String path, Object value, String format, String reason) {
    return UNSUPPORTED.violation(path, value, format, reason);
  }

  /**
   * A reader's refusal: a valid setting of {@code format} that Anneal cannot turn into a schedule.
   *
   * @param format the format's name as its users know it ("PyTorch", "DeepSpeed")
   * @param reason what the setting does upstream that Anneal cannot express, and the way out
   */
  public static Violation notImportable(String path, Object value, String format, String reason) {
    return NOT_IMPORTABLE.violation(path, value, format, reason);
  }

  /**
   * @param times how often, in words ("twice", "3 times")
   * @param lines the lines, joined ("2, 4 and 7")
   * @param fix what to do ("remove one")
   */
  public static Violation duplicateKey(String path, String times, String lines, String fix) {
    return DUPLICATE_KEY.violation(path, null, times, lines, fix);
  }

  /** @param actual the converted value, or what it does instead of a value */
  public static Violation conversionDiffers(String path, String format, long step, String actual, String expected) {
    return CONVERSION_DIFFERS.violation(path, step, format, step, actual, expected);
  }

  /** Like {@link #conversionDiffers}, on the replay of a reactive schedule with a metric that never improves. */
  public static Violation conversionDiffersWhenStalled(String path, String format, long step, String actual, String expected) {
    return CONVERSION_DIFFERS_WHEN_STALLED.violation(path, step, format, step, actual, expected);
  }

  public static Violation conversionLosesChannel(String path, String format) {
    return CONVERSION_LOSES_CHANNEL.violation(path, null, format);
  }

  public static Violation conversionAddsChannel(String path, String format) {
    return CONVERSION_ADDS_CHANNEL.violation(path, null, format);
  }

  /** @param problem the first violation the reader reported, as printed */
  public static Violation writerOutputRejected(String format, String problem) {
    return WRITER_OUTPUT_REJECTED.violation("", null, format, problem);
  }

  /**
   * @param value the setting that places the end
   * @param formula which formula rises ("cosine")
   */
  public static Violation risesPastEnd(String path, long value, long step, String formula) {
    return RISES_PAST_END.violation(path, value, step, formula);
  }

  /**
   * @param argument the argument as shown ("decay_step_size", or "key (value)")
   * @param ignoredBy what ignores it, e.g. the scheduler type
   */
  public static Violation ignoredArgument(String path, Object value, String argument, String ignoredBy) {
    return IGNORED_ARGUMENT.violation(path, value, argument, ignoredBy);
  }

  /** @param reason why the setting does not change the schedule */
  public static Violation ignoredSetting(String path, Object value, String reason) {
    return IGNORED_SETTING.violation(path, value, reason);
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }

  /**
   * A key given more than once where the system itself keeps the last value.
   *
   * @param value the last value, which the config holds
   */
  public static Violation duplicateKeyLastWins(String path, String times, String lines, String system, String value) {
    return DUPLICATE_KEY_LAST_WINS.violation(path, null, times, lines, system, value);
  }
}
