package dev.anneal.processor.expression;

import java.util.function.Predicate;

/** The type of an {@link Expression}, by Java's rules: integer if every operand is, else double. */
public final class Types {
  private Types() {}

  /** Whether {@code expression} is an integer expression, given which names are integers. */
  public static boolean isInteger(Expression expression, Predicate<String> integerNames) {
    if (expression instanceof Expression.Literal literal) {
      return literal.value() instanceof Long;
    }
    if (expression instanceof Expression.Name name) {
      return integerNames.test(name.name());
    }
    if (expression instanceof Expression.Negate || expression instanceof Expression.Binary) {
      return expression.operands().stream().allMatch(operand -> isInteger(operand, integerNames));
    }
    return false;
  }
}
