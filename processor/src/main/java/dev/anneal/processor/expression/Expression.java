package dev.anneal.processor.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An arithmetic expression as an annotation attribute writes it ({@code "total - warmup"}, {@code
 * "round(total * 0.03)"}), or as
 * the describer derives it from other constants ({@code to - from}). Its meaning is Java's: an
 * operation on two integers is an integer operation, anything with a double is a double one.
 */
public sealed interface Expression {

  /** A literal as written, with its value: a {@link Long} for integer literals, else a {@link Double}. */
  record Literal(String text, Number value) implements Expression {}

  /** A parameter, or (in derived expressions) another constant. */
  record Name(String name) implements Expression {}

  /** {@code -operand}. */
  record Negate(Expression operand) implements Expression {}

  /** {@code left op right}, with op one of {@code + - * /}. */
  record Binary(char op, Expression left, Expression right) implements Expression {}

  /** {@code (double) operand}: an integer used where the model's formula converts it. */
  record ToDouble(Expression operand) implements Expression {}

  /** {@code Math.function(arguments…)}: one of the {@link MathFunction}s, with as many arguments as it takes. */
  record Call(MathFunction function, List<Expression> arguments) implements Expression {
    public Call {
      arguments = List.copyOf(arguments);
      if (arguments.size() != function.arity()) {
        throw new IllegalArgumentException(function.spelling() + " takes " + function.arity() + " arguments, not " + arguments.size());
      }
    }
  }

  /** {@code Math.PI}. */
  record Pi() implements Expression {}

  static Expression name(String name) {
    return new Name(name);
  }

  static Expression binary(char op, Expression left, Expression right) {
    return new Binary(op, left, right);
  }

  static Expression call(MathFunction function, Expression... arguments) {
    return new Call(function, List.of(arguments));
  }

  static Expression integer(long value) {
    return new Literal(Long.toString(value), value);
  }

  static Expression real(double value) {
    return new Literal(Double.toString(value), value);
  }

  /** The expressions directly inside this one, left to right. */
  default List<Expression> operands() {
    if (this instanceof Negate negate) {
      return List.of(negate.operand());
    }
    if (this instanceof Binary binary) {
      return List.of(binary.left(), binary.right());
    }
    if (this instanceof ToDouble cast) {
      return List.of(cast.operand());
    }
    if (this instanceof Call call) {
      return call.arguments();
    }
    return List.of();
  }

  /** The names it uses, sorted. */
  default Set<String> names() {
    Set<String> out = new TreeSet<>();
    if (this instanceof Name name) {
      out.add(name.name());
    }
    for (Expression operand : operands()) {
      out.addAll(operand.names());
    }
    return out;
  }

  /** The right operands of its divisions, innermost first. */
  default List<Expression> divisors() {
    List<Expression> out = new ArrayList<>();
    for (Expression operand : operands()) {
      out.addAll(operand.divisors());
    }
    if (this instanceof Binary binary && binary.op() == '/') {
      out.add(binary.right());
    }
    return out;
  }

  /** The expression as a person writes it, with only the parentheses precedence needs. */
  default String show() {
    return Printer.show(this);
  }
}
