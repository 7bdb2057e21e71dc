package dev.anneal.processor.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Prints an {@link Expression}, with only the parentheses that precedence and Java's left-to-right
 * evaluation need, and with names rendered by the caller (a parameter as {@code total} in
 * messages, as {@code config.total()} in generated code).
 */
public final class Printer {
  private Printer() {}

  /** As a person writes it: names and literals as they are. */
  public static String show(Expression expression) {
    return new Printer.Run(name -> name, null, false).print(expression, 0);
  }

  /**
   * As Java source.
   *
   * @param names how each name is written
   * @param integerNames which names are integers: their {@code + - *} and negation use {@code
   *     Math.addExact} and the like, so that an overflow throws instead of wrapping; {@code null}
   *     for plain operators
   */
  public static String java(Expression expression, Function<String, String> names, Predicate<String> integerNames) {
    return new Printer.Run(names, integerNames, true).print(expression, 0);
  }

  private record Run(Function<String, String> names, Predicate<String> integerNames, boolean java) {
    /** Precedence: 1 for + and -, 2 for * and /, 3 for unary and atoms. */
    String print(Expression expression, int context) {
      if (expression instanceof Expression.Literal literal) {
        return java ? javaLiteral(literal.value()) : literal.text();
      }
      if (expression instanceof Expression.Name name) {
        return names.apply(name.name());
      }
      if (expression instanceof Expression.Pi) {
        return "Math.PI";
      }
      if (expression instanceof Expression.Negate negate) {
        if (integerNames != null && Types.isInteger(negate, integerNames) && !(negate.operand() instanceof Expression.Literal)) {
          return "Math.negateExact(" + print(negate.operand(), 0) + ")"; // -Long.MIN_VALUE wraps to itself
        }
        String operand = print(negate.operand(), 3);
        return "-" + (operand.startsWith("-") ? "(" + operand + ")" : operand);
      }
      if (expression instanceof Expression.ToDouble cast) {
        return parenthesize("(double) " + print(cast.operand(), 3), context > 2);
      }
      if (expression instanceof Expression.Call call) {
        return call(call);
      }
      Expression.Binary binary = (Expression.Binary) expression;
      if (integerNames != null && binary.op() != '/' && Types.isInteger(binary, integerNames)) {
        String function = binary.op() == '+' ? "addExact" : binary.op() == '-' ? "subtractExact" : "multiplyExact";
        return "Math." + function + "(" + print(binary.left(), 0) + ", " + print(binary.right(), 0) + ")";
      }
      int precedence = binary.op() == '+' || binary.op() == '-' ? 1 : 2;
      // Java is left-associative: a right operand of equal precedence needs parentheses to keep its meaning.
      String text = print(binary.left(), precedence) + " " + binary.op() + " " + print(binary.right(), precedence + 1);
      return parenthesize(text, precedence < context);
    }

    /**
     * {@code Math.round(x)} in Java source; as written ({@code round(x)}) for people. An integer
     * argument of {@code round} is cast to double: {@code Math.round(long)} would resolve to the
     * {@code float} overload and lose digits.
     */
    private String call(Expression.Call call) {
      List<String> arguments = new ArrayList<>();
      for (Expression argument : call.arguments()) {
        String printed = print(argument, 0);
        if (java && call.function() == MathFunction.ROUND && isIntegerArgument(argument)) {
          printed = "(double) " + print(argument, 3);
        }
        arguments.add(printed);
      }
      return (java ? "Math." : "") + call.function().spelling() + "(" + String.join(", ", arguments) + ")";
    }

    private boolean isIntegerArgument(Expression argument) {
      return Types.isInteger(argument, integerNames == null ? name -> false : integerNames);
    }

    /** A literal whose value is exactly the value meant (a double prints so that it parses back to itself). */
    private static String javaLiteral(Number value) {
      if (value instanceof Long integer) {
        return integer == (int) (long) integer ? Long.toString(integer) : integer + "L";
      }
      return Double.toString(value.doubleValue());
    }

    private static String parenthesize(String text, boolean needed) {
      return needed ? "(" + text + ")" : text;
    }
  }
}
