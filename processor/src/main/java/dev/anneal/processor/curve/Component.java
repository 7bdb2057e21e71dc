package dev.anneal.processor.curve;

/**
 * One constructor argument of a model {@link dev.anneal.schedule.Shape}, and where an annotation
 * gives it.
 *
 * @param field the model's field (the record component), as rule paths name it: {@code peak}
 * @param kind what it holds
 * @param attribute the {@link dev.anneal.annotation.PhaseSpec} attribute that gives it: {@code from};
 *     {@code null} for a {@link Kind#FIXED} argument
 * @param fallback when the attribute is left out: {@link #REQUIRED}, {@link #PREVIOUS_END}, or an
 *     expression ({@code "0.5"}); for {@link Kind#ENUM} and {@link Kind#BOOLEAN}, the default
 *     constant's name; for {@link Kind#FIXED}, the value itself
 */
public record Component(String field, Kind kind, String attribute, Object fallback) {
  /** The attribute must be given. */
  public static final String REQUIRED = "<required>";

  /** Left out, it is the value the previous phase ended on (the first phase must give it). */
  public static final String PREVIOUS_END = "<previous end>";

  /** What an argument holds. */
  public enum Kind {
    /** A double expression. */
    VALUE,
    /** An integer expression: a length or a count. */
    INTEGER,
    /** A list of integer expressions (milestones). */
    INTEGER_LIST,
    /** A constant of an enum of the model, given by an enum attribute. */
    ENUM,
    /** A boolean attribute. */
    BOOLEAN,
    /** Not an attribute: a constant the annotation does not expose (a PyTorch default). */
    FIXED
  }

  /** Whether the attribute is an expression (or list of expressions). */
  public boolean isExpression() {
    return kind == Kind.VALUE || kind == Kind.INTEGER || kind == Kind.INTEGER_LIST;
  }

  /** Whether the value must be a whole number. */
  public boolean isInteger() {
    return kind == Kind.INTEGER || kind == Kind.INTEGER_LIST;
  }
}
