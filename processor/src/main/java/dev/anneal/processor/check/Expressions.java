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

/** Parses and type-checks one attribute's expression, reporting on the attribute's value. */
final class Expressions {
  private final Scope scope;

  Expressions(Scope scope) {
    this.scope = scope;
  }

  /**
   * The expression, or empty after reporting why it cannot be used: a syntax error, an unknown or
   * non-numeric name, a double where a whole number of steps is needed, a division by a constant
   * zero.
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
      if (parameter.isEmpty()) {
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
      out.add(new Finding(ProcessorCode.fractionalLength(path, attribute, text), where));
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

  private static boolean isZero(Expression constant) {
    try {
      return new Evaluator(Map.of()).evaluate(constant).doubleValue() == 0;
    } catch (ArithmeticException e) {
      return false; // an overflow inside the divisor is reported when the whole expression is folded
    }
  }
}
