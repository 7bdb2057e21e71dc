package dev.anneal.processor.expression;

import java.util.function.Predicate;

/**
 * The type of an {@link Expression}, by Java's rules: an operation is integer if every operand is,
 * else double; a call has its {@link MathFunction}'s type.
 */
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
    if (expression instanceof Expression.Call call) {
      return call.function().returnsInteger(call.arguments().stream().map(argument -> isInteger(argument, integerNames)).toList());
    }
    return false;
  }
}
