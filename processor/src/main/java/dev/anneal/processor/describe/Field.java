package dev.anneal.processor.describe;

import dev.anneal.geometry.Unit;
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

  /**
   * The updates of a parameterized phase whose length is in a unit: {@code amount} resolved against
   * the generated class's geometry from the previous phase's boundary ({@code
   * ConfigBinding.updates}).
   *
   * @param amount the length in {@code unit}, over the config's components
   * @param unit epochs, samples or tokens
   * @param previous the previous phase's boundary constant, or {@code null} for the first phase
   * @param path the attribute's path, where a violation is reported
   */
  public record InUnit(Expression amount, Unit unit, String previous, String path) implements Value {}

  /** The value the model's shape ends on, computed by the model: {@code new Cosine(…).endValue(steps)}. */
  public record EndOf(ShapeCall shape, String steps) implements Value {}

  /** The expression, if the value is one. */
  public Optional<Expression> expression() {
    if (value instanceof FromConfig config) {
      return Optional.of(config.expression());
    }
    if (value instanceof InUnit inUnit) {
      return Optional.of(inUnit.amount());
    }
    return value instanceof Derived derived ? Optional.of(derived.expression()) : Optional.empty();
  }
}
