package dev.anneal.config.megatron;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageSpec;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum MegatronCode implements DiagnosticCode {
  MEGATRON_UNKNOWN_FLAG(Severity.ERROR, "unknown flag {flag}; did you mean `{suggestion}`?"),
  MEGATRON_FLAG_NEEDS_VALUE(Severity.ERROR, "{flag} needs a value; write `{flag} VALUE`"),
  MEGATRON_FLAG_NOT_LITERAL(Severity.ERROR, "{flag} is given as `{expression}`, {source}; write the number it stands for, or set it in the script"),
  MEGATRON_FLAG_TYPE(Severity.ERROR, "{flag} takes {expected}, found '{written}'; {fix}"),
  MEGATRON_FLAG_RANGE(Severity.ERROR, "{flag} ({written}) {requirement}; {fix}"),
  MEGATRON_FLAG_CONFLICT(Severity.ERROR, "{flag} cannot be combined with {other}: {reason}; {fix}"),
  MEGATRON_MISSING_FLAG(Severity.ERROR, "{flag} is required: {reason}; add {usage}"),
  MEGATRON_DEPRECATED_FLAG(Severity.ERROR, "{flag} is no longer accepted by Megatron-LM; use {replacement}"),
  MEGATRON_WSD_ANNEAL_TOO_LONG(Severity.WARNING, "the WSD anneal ({anneal}) is longer than the decay after the warm-up ({window}); {consequence}; if the anneal should start where the warm-up ends, make {flag} at most {limit}"),
  MEGATRON_COMMAND_SPLIT(Severity.ERROR, "{cause}: bash runs line {line} as a command of its own (`{command}: command not found`), and Megatron never sees {flags}; {fix}"),
  MEGATRON_UNCLOSED(Severity.ERROR, "the {opener} opened on line {line} is never closed, so bash stops with a syntax error (unexpected end of file) and never runs the command that starts on line {commandLine}; {fix}"),
  MEGATRON_FLAG_LOOKALIKE(Severity.ERROR, "unrecognized argument '{argument}': it has {lookalike}, so Megatron's argparse stops with 'unrecognized arguments'; did you mean `{meant}`?"),
  MEGATRON_FLAG_NOT_MODELLED(Severity.ERROR, "{setting}: {effect}; Anneal does not model this yet: {fix}"),
  MEGATRON_STRAY_SPACE(Severity.ERROR, "line {line} ends with `\\` and a space, so the `\\` escapes the space instead of continuing the line: bash passes a lone space to Megatron as an argument, and argparse stops with 'unrecognized arguments'; delete the space after the `\\`"),
  MEGATRON_QUOTED_TOGETHER(Severity.ERROR, "'{argument}' is quoted as one argument, so argparse does not read it as {flag} (an argument with a space is not a flag to it) and Megatron stops with 'unrecognized arguments'; write `{argument}` without the quotes"),
  MEGATRON_FLAG_REPEATED(Severity.WARNING, "{flag} is given {count} times ({places}); Megatron uses the last value, {value}"),
  MEGATRON_FLAG_IGNORED(Severity.WARNING, "{flag} is ignored {condition}; remove it"),
  MEGATRON_BATCH_SIZE_ASSUMED(Severity.WARNING, "--global-batch-size is not given, so Anneal counts one sample per iteration, but {dependence}; add --global-batch-size as your launch script sets it"),
  MEGATRON_LR_CLIFF(Severity.WARNING, "the learning rate drops at once from {lr} to --min-lr ({minLr}) after iteration {iteration} ({where}); {fix}"),
  MEGATRON_FRACTIONAL_BOUNDARY(Severity.NOTE, "{span} comes to {iterations} iterations, not a whole number: {part} ends part-way between iterations {before} and {after}, as Megatron computes it"),
  MEGATRON_PARTIAL_BATCH(Severity.WARNING, "--train-samples ({samples}) is not a multiple of --global-batch-size ({batch}): Megatron trains {iterations} iterations and never sees the last {dropped} samples"),
  MEGATRON_NEGATIVE_WARMUP(Severity.WARNING, "{flag} ({written}) is negative, which Megatron does not check: it warms up only while lr_warmup_steps > 0, so there is no warm-up, and it counts the decay from {start} {unit} before training starts, so the first update is already part-way down the decay; use 0 for no warm-up"),
  MEGATRON_NEGATIVE_ANNEAL(Severity.WARNING, "{flag} ({written}) is negative, which Megatron does not check: the anneal would start after the decay ends, so Megatron holds --lr until the decay ends and then drops to --min-lr, as with 0; use 0 for that, or the anneal's length"),
  MEGATRON_BATCH_SCHEDULE_REFUSED(Severity.ERROR, "{flag} '{schedule}' {problem}, so Megatron stops: {error}; {fix}"),
  MEGATRON_ITERS_MIS_SCALED(Severity.WARNING, "with --step-batch-size-schedule Megatron counts {flags} in units of the global batch it falls back to, --micro-batch-size × data-parallel size = {base} samples, while every iteration advances the scheduler by the schedule's batch ({batches} samples), so {what} at iteration {end} of {trainIters}; give the lengths in samples ({fix}) to spread them over the run"),
  MEGATRON_SAMPLES_OVERSHOOT(Severity.NOTE, "--train-samples ({samples}) is reached after {iterations} iterations of the batch schedule, which consume {consumed} samples: Megatron trains until the consumed samples reach it, so its last iteration goes {over} samples past it");

  private final MessageSpec spec;

  MegatronCode(Severity severity, String template) {
    this.spec = new MessageSpec(severity, template);
  }

  @Override
  public MessageSpec spec() {
    return spec;
  }

  /** {@code flag} is not a flag Megatron has; {@code suggestion} is the one it most resembles. */
  public static Violation megatronUnknownFlag(String path, String flag, String suggestion) {
    return MEGATRON_UNKNOWN_FLAG.violation(path, flag, flag, suggestion);
  }

  /** {@code flag} is the last word of its command, or followed by another flag, so argparse has no value for it. */
  public static Violation megatronFlagNeedsValue(String path, String flag) {
    return MEGATRON_FLAG_NEEDS_VALUE.violation(path, null, flag);
  }

  /**
   * {@code flag}'s value is a shell {@code expression} ({@code $VAR}, a command substitution) whose
   * value the script does not give.
   *
   * @param source where the value comes from and why Anneal cannot know it, in words, e.g. {@code
   *     the script's command-line argument 1, which Anneal does not know}
   */
  public static Violation megatronFlagNotLiteral(String path, String flag, String expression, String source) {
    return MEGATRON_FLAG_NOT_LITERAL.violation(path, expression, flag, expression, source);
  }

  /**
   * {@code flag}'s value, as {@code written}, is not of the kind it takes.
   *
   * @param expected the kind of value the flag takes, in words, e.g. {@code an integer}
   */
  public static Violation megatronFlagType(String path, String flag, String expected, String written, String fix) {
    return MEGATRON_FLAG_TYPE.violation(path, written, flag, expected, written, fix);
  }

  /**
   * {@code flag}'s value is out of its range.
   *
   * @param value the offending value: the number read, or the text when it is too large to read
   * @param written the value as the user wrote it, or as Megatron computes it for a default
   * @param requirement what the value must be and why, e.g. {@code must be at least 0}
   */
  public static Violation megatronFlagRange(String path, Object value, String flag, String written, String requirement, String fix) {
    return MEGATRON_FLAG_RANGE.violation(path, value, flag, written, requirement, fix);
  }

  /**
   * {@code flag} is given together with {@code other}, which Megatron does not allow.
   *
   * @param value {@code flag}'s value as written
   */
  public static Violation megatronFlagConflict(String path, String value, String flag, String other, String reason, String fix) {
    return MEGATRON_FLAG_CONFLICT.violation(path, value, flag, other, reason, fix);
  }

  /** {@code flag} (or one of several, in words) is needed and missing; {@code usage} shows how to write it. */
  public static Violation megatronMissingFlag(String path, String flag, String reason, String usage) {
    return MEGATRON_MISSING_FLAG.violation(path, null, flag, reason, usage);
  }

  /** {@code flag} is one Megatron-LM removed; {@code replacement} names the flags that took its place. */
  public static Violation megatronDeprecatedFlag(String path, String flag, String replacement) {
    return MEGATRON_DEPRECATED_FLAG.violation(path, null, flag, replacement);
  }

  /**
   * The WSD anneal starts before the warm-up ends. Megatron runs it: its warm-up wins while it
   * lasts, and the anneal's curve takes over part-way down right after.
   *
   * @param value the anneal's length, in the unit training is counted in
   * @param anneal the anneal flag and its value, e.g. {@code --lr-wsd-decay-iters 900}
   * @param window the length of the decay after the warm-up, in words
   * @param consequence what Megatron does, in words
   * @param flag the anneal flag
   * @param limit the longest anneal that fits the window
   */
  public static Violation megatronWsdAnnealTooLong(String path, long value, String anneal, String window, String consequence, String flag,
      long limit) {
    return MEGATRON_WSD_ANNEAL_TOO_LONG.violation(path, value, anneal, window, consequence, flag, limit);
  }

  /**
   * A command of a launch script is cut off from the one before it, so bash runs it on its own.
   *
   * @param cause what ends the command before, in words
   * @param line the line the cut-off command starts on
   * @param command its first word, which bash takes for a program
   * @param flags the flags Megatron never sees, joined with {@code ", "}
   */
  public static Violation megatronCommandSplit(String path, String cause, int line, String command, String flags, String fix) {
    return MEGATRON_COMMAND_SPLIT.violation(path, command, cause, line, command, flags, fix);
  }

  /**
   * A quote or a parenthesis opened on {@code line} is never closed.
   *
   * @param opener what is left open, in words, e.g. {@code quote `"`}
   * @param commandLine the line where the command that bash never runs starts
   */
  public static Violation megatronUnclosed(String path, String opener, int line, int commandLine, String fix) {
    return MEGATRON_UNCLOSED.violation(path, null, opener, line, commandLine, fix);
  }

  /**
   * A flag written with a character that only looks like a hyphen or a space.
   *
   * @param value the argument as written
   * @param argument the argument with its lookalike characters made visible
   * @param lookalike the lookalike characters, in words
   * @param meant the flag it was meant to be
   */
  public static Violation megatronFlagLookalike(String path, String value, String argument, String lookalike, String meant) {
    return MEGATRON_FLAG_LOOKALIKE.violation(path, value, argument, lookalike, meant);
  }

  /**
   * A flag whose effect on the learning rate Anneal does not model.
   *
   * @param value the flag's values as written
   * @param setting the flag and its values
   * @param effect what Megatron does with it, in words
   */
  public static Violation megatronFlagNotModelled(String path, String value, String setting, String effect, String fix) {
    return MEGATRON_FLAG_NOT_MODELLED.violation(path, value, setting, effect, fix);
  }

  /** Line {@code line} of a launch script ends with a backslash and a space, in a command that Megatron still runs. */
  public static Violation megatronStraySpace(int line) {
    return MEGATRON_STRAY_SPACE.violation("line " + line, null, line);
  }

  /**
   * A flag quoted together with its value, so bash passes them as one argument.
   *
   * @param value the argument as written
   * @param argument the argument with its spaces made single
   */
  public static Violation megatronQuotedTogether(String path, String value, String argument, String flag) {
    return MEGATRON_QUOTED_TOGETHER.violation(path, value, argument, flag);
  }

  /**
   * {@code flag} is given {@code count} times.
   *
   * @param places where it is given, joined with {@code ", "}
   * @param value the last value, the one Megatron uses
   */
  public static Violation megatronFlagRepeated(String path, String flag, int count, String places, String value) {
    return MEGATRON_FLAG_REPEATED.violation(path, value, flag, count, places, value);
  }

  /**
   * {@code flag} has no effect {@code condition}, e.g. {@code unless --lr-decay-style is WSD}.
   *
   * @param value the flag's value as written
   */
  public static Violation megatronFlagIgnored(String path, String value, String flag, String condition) {
    return MEGATRON_FLAG_IGNORED.violation(path, value, flag, condition);
  }

  /** Without --global-batch-size the curve is counted at one sample per iteration; {@code dependence} says why that matters. */
  public static Violation megatronBatchSizeAssumed(String path, String dependence) {
    return MEGATRON_BATCH_SIZE_ASSUMED.violation(path, null, dependence);
  }

  /**
   * The learning rate falls at once to --min-lr where the decay ends.
   *
   * @param value the decay's length, in the unit training is counted in
   * @param lr the learning rate at the last iteration of the decay
   * @param minLr --min-lr
   * @param iteration the last iteration of the decay
   * @param where where the decay ends and why it drops there, in words
   */
  public static Violation megatronLrCliff(String path, long value, double lr, double minLr, long iteration, String where, String fix) {
    return MEGATRON_LR_CLIFF.violation(path, value, lr, minLr, iteration, where, fix);
  }

  /**
   * A boundary of the schedule that falls between two iterations.
   *
   * @param value where the boundary falls, in the unit training is counted in
   * @param span what ends there and how its length is given, in words
   * @param iterations its length in iterations
   * @param part what ends there, in words
   * @param before the last iteration before the boundary
   * @param after the first iteration after it
   */
  public static Violation megatronFractionalBoundary(String path, double value, String span, double iterations, String part, long before,
      long after) {
    return MEGATRON_FRACTIONAL_BOUNDARY.violation(path, value, span, iterations, part, before, after);
  }

  /**
   * --train-samples is not a multiple of --global-batch-size.
   *
   * @param iterations the iterations Megatron trains
   * @param dropped the samples it never sees
   */
  public static Violation megatronPartialBatch(String path, long samples, long batch, long iterations, long dropped) {
    return MEGATRON_PARTIAL_BATCH.violation(path, samples, samples, batch, iterations, dropped);
  }

  /**
   * A negative warm-up, which Megatron runs as no warm-up and a decay counted from before training.
   *
   * @param value the warm-up as written
   * @param written the warm-up as written, for the message
   * @param start how long before training the decay starts, in {@code unit}
   * @param unit {@code iterations} or {@code samples}
   */
  public static Violation megatronNegativeWarmup(String path, double value, String flag, String written, String start, String unit) {
    return MEGATRON_NEGATIVE_WARMUP.violation(path, value, flag, written, start, unit);
  }

  /**
   * A negative WSD anneal, which Megatron runs as an anneal of 0.
   *
   * @param value the anneal as written
   * @param written the anneal as written, for the message
   */
  public static Violation megatronNegativeAnneal(String path, long value, String flag, String written) {
    return MEGATRON_NEGATIVE_ANNEAL.violation(path, value, flag, written);
  }

  /**
   * A {@code --step-batch-size-schedule} that Megatron stops on, at start-up or at the iteration
   * that reaches the offending entry.
   *
   * @param schedule the flag's value as written
   * @param problem what is wrong, with the figures, e.g. {@code has a batch of 40 at iteration 7}
   * @param error Megatron's exception and message, e.g. {@code AssertionError: Number of microbatches should not decrease}
   */
  public static Violation megatronBatchScheduleRefused(String path, String flag, String schedule, String problem, String error, String fix) {
    return MEGATRON_BATCH_SCHEDULE_REFUSED.violation(path, schedule, flag, schedule, problem, error, fix);
  }

  /**
   * {@code *-iters} flags with a batch schedule: Megatron multiplies them by micro-batch × data-parallel
   * size, not by the batches the schedule runs, so the decay (or warm-up) ends too early.
   *
   * @param flags the flags concerned, e.g. {@code --lr-decay-iters 3000 and --lr-warmup-iters 100}
   * @param base micro-batch × data-parallel size
   * @param batches the batches the schedule runs, e.g. {@code 32 to 128}
   * @param what what ends where, e.g. {@code the decay reaches --min-lr}
   * @param end the 1-based iteration at which it ends
   * @param fix the sample flags to use instead
   */
  public static Violation megatronItersMisScaled(String path, String flags, long base, String batches, String what, long end, long trainIters,
      String fix) {
    return MEGATRON_ITERS_MIS_SCALED.violation(path, end, flags, base, batches, what, end, trainIters, fix);
  }

  /** {@code --train-samples} with a batch schedule: the last of {@code iterations} goes {@code over} samples past it. */
  public static Violation megatronSamplesOvershoot(String path, long samples, long iterations, long consumed, long over) {
    return MEGATRON_SAMPLES_OVERSHOOT.violation(path, samples, samples, iterations, consumed, over);
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }
}
