package dev.anneal.processor.read;

import javax.lang.model.element.Element;

/**
 * A component of the record a parameterized schedule is declared on.
 *
 * @param name the component's name, which expressions use
 * @param type its numeric kind, or {@code null} if it is not a number
 * @param typeName its type as written, for messages
 */
public record RecordParameter(String name, Numeric type, String typeName, Element element) {
  /** How a numeric component behaves in expressions. */
  public enum Numeric {
    /** {@code byte}, {@code short}, {@code int}, {@code long}: an integer. */
    INTEGER,
    /** {@code float}, {@code double}: a double. */
    DOUBLE
  }
}
