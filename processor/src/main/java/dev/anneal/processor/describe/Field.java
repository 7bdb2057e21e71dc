package dev.anneal.processor.describe;

import dev.anneal.processor.expression.Expression;
import java.util.Optional;

/**
 * A named constant of a generated schedule: {@code static final} in a fixed schedule, a {@code
 * final} field computed from the config in a parameterized one.
 *
 * @param name its name in camel case ({@code phase1Delta}); fixed schedules print it in upper case
 * @param integer whether it is a {@code long} (else a {@code double})
 * @param value how it is computed
 * @param doc what it is, for a comment
 */
public record Field(String name, boolean integer, Value value, String doc) {

  /** How a constant is computed. */
  public sealed interface Value {}

  /** A number the processor computed (a fixed schedule's value, exactly as the model folded it). */
  public record Literal(Number number) implements Value {}

  /** An expression over the config's components (a parameterized schedule's attribute). */
  public record FromConfig(Expression expression) implements Value {}

  /** An expression over other constants, e.g. {@code to - from}. */
  public record Derived(Expression expression) implements Value {}

  /**
   * The first step after a phase of a parameterized schedule: {@code previous + steps}, computed
   * so that it cannot wrap to a negative step ({@code ConfigBinding.boundary}); the rules refuse a
   * sum past {@code Long.MAX_VALUE - 1}.
   *
   * @param previous the previous phase's boundary constant
   * @param steps the phase's length constant
   */
  public record Boundary(String previous, String steps) implements Value {}

  /** The value the model's shape ends on, computed by the model: {@code new Cosine(…).endValue(steps)}. */
  public record EndOf(ShapeCall shape, String steps) implements Value {}

  /** The expression, if the value is one. */
  public Optional<Expression> expression() {
    if (value instanceof FromConfig config) {
      return Optional.of(config.expression());
    }
    return value instanceof Derived derived ? Optional.of(derived.expression()) : Optional.empty();
  }
}
