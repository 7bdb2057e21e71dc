package dev.anneal.processor.check;

import dev.anneal.processor.expression.Expression;

/**
 * A condition a config must meet for an expression of a parameterized declaration to make sense,
 * derived at compile time and checked by the generated {@code validate}.
 *
 * @param path where the expression is, e.g. {@code phases[1].steps}
 * @param expression the expression as written
 * @param left the condition's left side
 * @param operator {@code >}, {@code >=} or {@code !=}
 * @param right its right side
 * @param divisor whether it guards a division (checked before anything is computed)
 */
public record Condition(String path, String expression, Expression left, String operator, Expression right, boolean divisor) {
  /** The condition in the config's terms, e.g. {@code total > warmup}. */
  public String show() {
    return left.show() + " " + operator + " " + right.show();
  }
}
