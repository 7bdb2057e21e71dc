package dev.anneal.processor.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Computes an {@link Expression} with Java's arithmetic, so that a constant folded at compile time
 * has exactly the value the same expression has in generated code. Integer {@code + - *} overflow
 * throws, as the generated {@code Math.addExact} and the like do.
 */
public final class Evaluator {
  private final Map<String, Number> values;

  /** @param values the value of each name: a {@link Long} or a {@link Double} */
  public Evaluator(Map<String, Number> values) {
    this.values = values;
  }

  /**
   * @return a {@link Long} for an integer expression, else a {@link Double}
   * @throws ArithmeticException on integer overflow or integer division by zero
   * @throws IllegalArgumentException on a name with no value
   */
  public Number evaluate(Expression expression) {
    if (expression instanceof Expression.Literal literal) {
      return literal.value();
    }
    if (expression instanceof Expression.Name name) {
      Number value = values.get(name.name());
      if (value == null) {
        throw new IllegalArgumentException("no value for " + name.name());
      }
      return value;
    }
    if (expression instanceof Expression.Pi) {
      return Math.PI;
    }
    if (expression instanceof Expression.Negate negate) {
      Number operand = evaluate(negate.operand());
      return operand instanceof Long integer ? (Number) Math.negateExact(integer) : (Number) (-operand.doubleValue());
    }
    if (expression instanceof Expression.ToDouble cast) {
      return evaluate(cast.operand()).doubleValue();
    }
    if (expression instanceof Expression.Call call) {
      List<Number> arguments = new ArrayList<>();
      for (Expression argument : call.arguments()) {
        arguments.add(evaluate(argument));
      }
      return call.function().apply(arguments);
    }
    Expression.Binary binary = (Expression.Binary) expression;
    Number left = evaluate(binary.left());
    Number right = evaluate(binary.right());
    if (left instanceof Long a && right instanceof Long b) {
      return switch (binary.op()) {
        case '+' -> Math.addExact(a, b);
        case '-' -> Math.subtractExact(a, b);
        case '*' -> Math.multiplyExact(a, b);
        default -> a / b;
      };
    }
    double a = left.doubleValue();
    double b = right.doubleValue();
    return switch (binary.op()) {
      case '+' -> a + b;
      case '-' -> a - b;
      case '*' -> a * b;
      default -> a / b;
    };
  }
}
