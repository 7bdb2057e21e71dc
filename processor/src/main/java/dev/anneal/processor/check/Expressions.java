package dev.anneal.processor.check;

import dev.anneal.config.DidYouMean;
import dev.anneal.processor.ProcessorCode;
import dev.anneal.processor.expression.Evaluator;
import dev.anneal.processor.expression.Expression;
import dev.anneal.processor.expression.ParseException;
import dev.anneal.processor.expression.Parser;
import dev.anneal.processor.expression.Types;
import dev.anneal.processor.read.RecordParameter;
import dev.anneal.processor.read.Site;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parses and type-checks one attribute's expression, reporting on the attribute's value. */
final class Expressions {
  /** Names a Java programmer may write for non-finite doubles; none is a number an expression may hold. */
  private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "POSITIVE_INFINITY", "NEGATIVE_INFINITY");

  private final Scope scope;

  Expressions(Scope scope) {
    this.scope = scope;
  }

  /**
   * The expression, or empty after reporting why it cannot be used: a syntax error (an unknown
   * function among them), {@code NaN} or {@code Infinity}, an unknown or non-numeric name, a double
   * where a whole number of steps is needed (naming the function that makes it one), a division by
   * a constant zero.
   */
  Optional<Arg.Expr> check(String text, String attribute, String path, boolean integer, boolean given, Site where, List<Finding> out) {
    Expression expression;
    try {
      expression = Parser.parse(text);
    } catch (ParseException e) {
      out.add(new Finding(ProcessorCode.expressionSyntax(path, text, e.getMessage()), where));
      return Optional.empty();
    }
    boolean namesOk = true;
    for (String name : expression.names()) {
      Optional<RecordParameter> parameter = scope.lookUp(name);
      if (parameter.isEmpty() && NON_FINITE.contains(name)) {
        out.add(new Finding(ProcessorCode.nonFiniteNumber(path, name, text), where));
        namesOk = false;
      } else if (parameter.isEmpty()) {
        String hint = scope.parameterized()
            ? DidYouMean.hint(name, scope.numericNames())
            : "; a schedule on a class has no parameters: declare it on a record to name its components";
        out.add(new Finding(ProcessorCode.unknownName(path, name, text, hint), where));
        namesOk = false;
      } else if (parameter.get().type() == null) {
        out.add(new Finding(ProcessorCode.notNumericParameter(path, name, parameter.get().typeName()), where));
        namesOk = false;
      }
    }
    if (!namesOk) {
      return Optional.empty();
    }
    if (integer && !Types.isInteger(expression, scope::isInteger)) {
      Optional<Expression.Call> call = doubleCall(expression);
      out.add(new Finding(call.isPresent()
          ? ProcessorCode.doubleFunctionLength(path, attribute, text, call.get().function().spelling())
          : ProcessorCode.fractionalLength(path, attribute, text), where));
      return Optional.empty();
    }
    for (Expression divisor : expression.divisors()) {
      if (divisor.names().isEmpty() && isZero(divisor)) {
        out.add(new Finding(ProcessorCode.divisionByZero(path, text), where));
        return Optional.empty();
      }
    }
    return Optional.of(new Arg.Expr(expression, text, path, given, where));
  }

  /** The outermost call that makes an expression a double ({@code floor(…)} in {@code floor(x) * 2}), if one does. */
  private Optional<Expression.Call> doubleCall(Expression expression) {
    if (Types.isInteger(expression, scope::isInteger)) {
      return Optional.empty();
    }
    if (expression instanceof Expression.Call call) {
      return Optional.of(call);
    }
    for (Expression operand : expression.operands()) {
      Optional<Expression.Call> inner = doubleCall(operand);
      if (inner.isPresent()) {
        return inner;
      }
    }
    return Optional.empty();
  }

  private static boolean isZero(Expression constant) {
    try {
      return new Evaluator(Map.of()).evaluate(constant).doubleValue() == 0;
    } catch (ArithmeticException e) {
      return false; // an overflow inside the divisor is reported when the whole expression is folded
    }
  }
}
