package dev.anneal.processor;

import dev.anneal.rules.Article;
import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageSpec;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;
import java.util.List;

/**
 * The diagnostics owned by this package; see {@link DiagnosticCode}. Each is created through its
 * factory below, which takes the path of the attribute at fault and the template's placeholders.
 * The templates do the quoting (backticks around expressions and names, single quotes around
 * channels) and the factories the grammar (articles, lists), so callers pass bare values.
 */
public enum ProcessorCode implements DiagnosticCode {
  EXPRESSION_SYNTAX(Severity.ERROR, "cannot read `{expression}`: {reason}"),
  UNKNOWN_NAME(Severity.ERROR, "unknown name `{name}` in `{expression}`{hint}"),
  NOT_NUMERIC_PARAMETER(Severity.ERROR, "`{name}` has type {type}; expressions use int, long, float and double components"),
  FRACTIONAL_LENGTH(Severity.ERROR,
      "{attribute} (`{expression}`) must be a whole number of steps, but it is a double expression; wrap it in round(…) for the nearest whole number, or use integer parameters and literals"),
  DIVISION_BY_ZERO(Severity.ERROR, "`{expression}` divides by zero"),
  MISSING_ATTRIBUTE(Severity.ERROR, "{shape} phase needs `{attribute}`{reason}"),
  IRRELEVANT_ATTRIBUTE(Severity.ERROR, "`{attribute}` does not apply to {shape} phase, which takes {attributes}"),
  CHANNEL_PHASES_DIFFER(Severity.ERROR,
      "channel '{channel}' leaves the length of phase {phase} to channel '{firstChannel}', which has only {firstChannelPhases} phases"),
  DUPLICATE_CHANNEL(Severity.ERROR, "channel '{channel}' is declared more than once"),
  PROCESSOR_FAILURE(Severity.ERROR, "the Anneal processor failed on this type ({failure}); please report it with this source"),
  JUMP_BETWEEN_PHASES(Severity.WARNING,
      "phase {phase} starts at {start} but phase {previousPhase} ends at {previousEnd}; leave `from` out to start where the previous phase ends"),
  PRIVATE_RECORD(Severity.ERROR,
      "the generated class `{generated}` cannot read record `{record}` because `{privateType}` is private; remove `private` from `{privateType}`"
          + " (the generated class is a separate class in the same package)"),
  GENERIC_RECORD(Severity.ERROR,
      "record `{record}` declares type parameters {typeParameters}, which the generated class `{generated}` cannot supply (it would use the record"
          + " as a raw type); declare the record without type parameters"),
  GENERATED_NAME_CLASH(Severity.ERROR, "the generated class `{qualifiedName}` {conflict}; {fix}"),
  INVALID_GENERATED_NAME(Severity.ERROR, "`{name}` is not a valid class name: `name` takes a Java identifier without a package{hint}"),
  ABSOLUTE_RESOURCE_PATH(Severity.ERROR,
      "`{resource}` starts with '/', but a resource is found relative to the roots of the class path and the source path; write `{relative}`"),
  // Expressions: non-finite names and lengths from double-valued functions.
  NON_FINITE_NUMBER(Severity.ERROR, "`{name}` in `{expression}`: non-finite numbers are not allowed, every value and length of a schedule is finite; write a finite number"),
  DOUBLE_FUNCTION_LENGTH(Severity.ERROR,
      "{attribute} (`{expression}`) must be a whole number of steps, but {function}(…) returns a double, as Java's Math.{function} does; wrap it in round(…) for the nearest whole number"),
  UNIT_WITHOUT_LENGTH(Severity.ERROR, "unit {unit} applies to steps, which this phase {reason}; leave unit out, or give steps in {unit}"),
  UNUSED_GEOMETRY(Severity.WARNING,
      "the geometry is given but every length is in updates, so it changes nothing; give a phase's steps a unit (epochs, samples, tokens), or leave geometry out"),
  INVALID_CLOCK(Severity.ERROR, "clock {clock} {problem}; {fix}");

  private final MessageSpec spec;

  ProcessorCode(Severity severity, String template) {
    this.spec = new MessageSpec(severity, template);
  }

  @Override
  public MessageSpec spec() {
    return spec;
  }

  /** An expression the parser cannot read; {@code reason} is the parser's own account of where and why. */
  public static Violation expressionSyntax(String path, String expression, String reason) {
    return EXPRESSION_SYNTAX.violation(path, expression, expression, reason);
  }

  /**
   * A name in an expression that is no parameter of the schedule.
   *
   * @param hint what follows the message: {@code "; did you mean `x`?"}, another sentence after
   *     {@code "; "}, or empty
   */
  public static Violation unknownName(String path, String name, String expression, String hint) {
    return UNKNOWN_NAME.violation(path, name, name, expression, hint);
  }

  /** A parameter named in an expression whose {@code type} (as the source spells it) is not a number. */
  public static Violation notNumericParameter(String path, String name, String type) {
    return NOT_NUMERIC_PARAMETER.violation(path, name, name, type);
  }

  /** A length ({@code attribute}) given by a double expression. */
  public static Violation fractionalLength(String path, String attribute, String expression) {
    return FRACTIONAL_LENGTH.violation(path, expression, attribute, expression);
  }

  /** An expression with a divisor that is a constant zero. */
  public static Violation divisionByZero(String path, String expression) {
    return DIVISION_BY_ZERO.violation(path, expression, expression);
  }

  /**
   * A required attribute left out of a phase of curve {@code shape} (e.g. {@code cosine}).
   *
   * @param reason why it is required here, after a space and in parentheses, or empty when the curve alone requires it
   */
  public static Violation missingAttribute(String path, String shape, String attribute, String reason) {
    return MISSING_ATTRIBUTE.violation(path, null, Article.of(shape), attribute, reason);
  }

  /**
   * An attribute written on a phase whose curve {@code shape} does not take it.
   *
   * @param value the attribute's value as written
   * @param attributes every attribute the curve takes, in the order they are listed
   */
  public static Violation irrelevantAttribute(String path, String value, String attribute, String shape, List<String> attributes) {
    return IRRELEVANT_ATTRIBUTE.violation(path, value, attribute, Article.of(shape), String.join(", ", attributes));
  }

  /**
   * A plan's channel with a phase past the first channel's last one, which leaves out its length.
   *
   * @param phase the phase's index
   * @param firstChannelPhases how many phases the first channel has
   */
  public static Violation channelPhasesDiffer(String path, String channel, int phase, String firstChannel, int firstChannelPhases) {
    return CHANNEL_PHASES_DIFFER.violation(path, null, channel, phase, firstChannel, firstChannelPhases);
  }

  /** A plan that declares two channels of one name. */
  public static Violation duplicateChannel(String path, String channel) {
    return DUPLICATE_CHANNEL.violation(path, channel, channel);
  }

  /**
   * An unexpected failure while processing one type, reported on that type with no path.
   *
   * @param failure the exception's simple class name and message, e.g. {@code FilerException: Attempt to recreate …}
   */
  public static Violation processorFailure(String failure) {
    return PROCESSOR_FAILURE.violation("", failure, failure);
  }

  /**
   * A phase given a start value other than where the previous phase ends.
   *
   * @param phase the phase's index
   * @param previousPhase the index of the phase before it
   */
  public static Violation jumpBetweenPhases(String path, int phase, double start, int previousPhase, double previousEnd) {
    return JUMP_BETWEEN_PHASES.violation(path, start, phase, start, previousPhase, previousEnd);
  }

  /**
   * A parameterized schedule on a record that the generated class, a separate top-level class in
   * the same package, cannot name.
   *
   * @param generated the generated class's simple name
   * @param record the record as the source names it, e.g. {@code Outer.Run}
   * @param privateType the private type that hides it: the record itself or one enclosing it
   */
  public static Violation privateRecord(String generated, String record, String privateType) {
    return PRIVATE_RECORD.violation("", record, generated, record, privateType);
  }

  /**
   * A parameterized schedule on a generic record, which the generated class could only use raw.
   *
   * @param typeParameters the type parameters as written, e.g. {@code <T>}
   */
  public static Violation genericRecord(String record, String typeParameters, String generated) {
    return GENERIC_RECORD.violation("", record, record, typeParameters, generated);
  }

  /**
   * Two declarations, or a declaration and a type of the compilation, that want one class name.
   *
   * @param path {@code name} when the name was written, empty when it is the default
   * @param conflict what already has the name, e.g. {@code is also generated for `test.First`}
   * @param fix the remedy, e.g. {@code choose another `name`}
   */
  public static Violation generatedNameClash(String path, String qualifiedName, String conflict, String fix) {
    return GENERATED_NAME_CLASH.violation(path, qualifiedName, qualifiedName, conflict, fix);
  }

  /**
   * A {@code name} attribute that javac could not use as a class name.
   *
   * @param hint what follows the message: {@code "; did you mean `MySchedule`?"} or empty
   */
  public static Violation invalidGeneratedName(String path, String name, String hint) {
    return INVALID_GENERATED_NAME.violation(path, name, name, hint);
  }

  /** A {@code @CheckedConfig} resource written as an absolute path, and the relative one that is meant. */
  public static Violation absoluteResourcePath(String path, String resource, String relative) {
    return ABSOLUTE_RESOURCE_PATH.violation(path, resource, resource, relative);
  }

  /**
  /** {@code NaN} or {@code Infinity} written in an expression, where they would name a parameter. */
  public static Violation nonFiniteNumber(String path, String name, String expression) {
    return NON_FINITE_NUMBER.violation(path, name, name, expression);
  }

  /**
   * A length ({@code attribute}) whose expression is a double because it calls {@code function}
   * ({@code floor}, {@code ceil}, {@code sqrt}, {@code pow}, or {@code min}/{@code max} of a double).
   */
  public static Violation doubleFunctionLength(String path, String attribute, String expression, String function) {
    return DOUBLE_FUNCTION_LENGTH.violation(path, expression, attribute, expression, function);
  }

  /**
   * A phase whose {@code unit} has no length of its own to apply to.
   *
   * @param unit the unit written, e.g. {@code tokens}
   * @param reason why there is none: {@code leaves out (it takes the first channel's length and
   *     unit)}, {@code gives as forever}
   */
  public static Violation unitWithoutLength(String path, String unit, String reason) {
    return UNIT_WITHOUT_LENGTH.violation(path, unit, unit, reason);
  }

  /** A {@code geometry} on an annotation none of whose lengths is in a unit it would resolve. */
  public static Violation unusedGeometry(String path) {
    return UNUSED_GEOMETRY.violation(path, null);
  }

  /**
   * A {@code clock} the processor cannot generate: more than one, or on a record.
   *
   * @param clock the clock as written, e.g. {@code TOKENS}
   * @param problem why, e.g. {@code names more than one clock}
   * @param fix what to write instead
   */
  public static Violation invalidClock(String path, String clock, String problem, String fix) {
    return INVALID_CLOCK.violation(path, clock, clock, problem, fix);
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }
}
