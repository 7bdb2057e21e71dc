package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.processor.expression.Expression;
import dev.anneal.processor.expression.MathFunction;
import dev.anneal.processor.expression.ParseException;
import dev.anneal.processor.expression.Parser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser's answers to what the fuzzer found: inputs that overflowed the stack (deep nesting, a
 * long chain), digits of other scripts that {@link Character#isDigit} accepts but {@link
 * Double#parseDouble} does not, and a number with no digit before its exponent. Each is now a {@link ParseException} with its column.
 */
class ParserLimitsTest {
  @Test
  void nestingDeeperThanTheLimitIsRefusedWhereItGoesTooDeep() {
    String text = "(".repeat(65) + "x" + ")".repeat(65);
    ParseException e = assertThrows(ParseException.class, () -> Parser.parse(text));
    assertEquals("the expression is nested more than 64 levels deep; name a part of it with a parameter at column 65", e.getMessage());
  }

  @Test
  void nestingUpToTheLimitReads() throws ParseException {
    assertEquals(new Expression.Name("x"), Parser.parse("(".repeat(64) + "x" + ")".repeat(64)));
    assertEquals(64, countNegations(Parser.parse("-".repeat(64) + "x")));
  }

  @Test
  void aChainLongerThanTheLimitIsRefusedAtTheOperatorThatExceedsIt() throws ParseException {
    Parser.parse("a" + "+a".repeat(64));
    ParseException e = assertThrows(ParseException.class, () -> Parser.parse("a" + "+a".repeat(65)));
    assertEquals("the expression is more than 64 operations deep; name a part of it with a parameter at column 130", e.getMessage());
  }

  @Test
  void callsNestDeepAsParenthesesDo() throws ParseException {
    Parser.parse("round(".repeat(64) + "x" + ")".repeat(64));
    // Each "round(" is 6 characters: the 65th opens its parenthesis at column 6 * 64 + 6 = 390.
    ParseException e = assertThrows(ParseException.class, () -> Parser.parse("round(".repeat(65) + "x" + ")".repeat(65)));
    assertEquals("the expression is nested more than 64 levels deep; name a part of it with a parameter at column 390", e.getMessage());
  }

  @Test
  void aCallReadsIntoItsFunctionAndArguments() throws ParseException {
    assertEquals(new Expression.Call(MathFunction.MIN, List.of(new Expression.Name("a"), new Expression.Literal("2", 2L))),
        Parser.parse(" min ( a , 2 ) "));
  }

  @Test
  void digitsOfOtherScriptsAreNotNumbers() {
    ParseException e = assertThrows(ParseException.class, () -> Parser.parse("\u0661.\u0665"));
    assertEquals("expected a number, a name or '(' but found '\u0661' at column 1", e.getMessage());
  }

  @Test
  void aPointWithAnExponentButNoDigitIsMalformed() {
    ParseException e = assertThrows(ParseException.class, () -> Parser.parse("x * .e3"));
    assertEquals("malformed number '.e3' at column 5", e.getMessage());
  }

  private static int countNegations(Expression expression) {
    int count = 0;
    while (expression instanceof Expression.Negate negate) {
      count++;
      expression = negate.operand();
    }
    return count;
  }
}
