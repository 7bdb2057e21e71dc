package dev.anneal.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.anneal.processor.expression.Evaluator;
import dev.anneal.processor.expression.Expression;
import dev.anneal.processor.expression.ParseException;
import dev.anneal.processor.expression.Parser;
import dev.anneal.processor.expression.Types;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Fuzz target for the annotation expression parser ({@code steps = "total - warmup"}). An
 * expression is either refused with a {@link ParseException} (which the processor reports as
 * {@code [ExpressionSyntax]} on the annotation value) at a column inside the text, or read into a
 * tree that prints back to text that reads to the same tree, whose Java type ({@link Types}) is the
 * type its evaluation has, and whose evaluation fails only with the documented {@link
 * ArithmeticException} of integer overflow or division by zero. Any other exception, a stack
 * overflow or a hang is a finding.
 *
 * <p>{@code mvn verify} runs it over {@code
 * src/test/resources/dev/anneal/reliability/ExpressionFuzzTestInputs/parse/}; to fuzz it, see
 * docs/reliability.md: {@code JAZZER_FUZZ=1 mvn -pl processor test -Dtest=ExpressionFuzzTest}.
 */
class ExpressionFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void parse(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Expression expression;
    try {
      expression = Parser.parse(text);
    } catch (ParseException refused) {
      assertTrue(refused.column() >= 1 && refused.column() <= text.length() + 1,
          () -> "column " + refused.column() + " outside the " + text.length() + " characters of `" + text + "`");
      assertFalse(refused.getMessage().isBlank());
      return;
    }
    assertTrue(depth(expression) <= Parser.MAX_DEPTH + 1, () -> "`" + text + "` reads into a tree deeper than " + Parser.MAX_DEPTH);
    String shown = expression.show();
    Expression again;
    try {
      again = Parser.parse(shown);
    } catch (ParseException e) {
      throw new AssertionError("`" + text + "` reads, but its printed form `" + shown + "` does not: " + e.getMessage(), e);
    }
    assertEquals(expression, again, () -> "`" + text + "` printed as `" + shown + "` reads back differently");
    Map<String, Number> values = new HashMap<>();
    for (String name : expression.names()) {
      // Integer and double parameters alike, with values that overflow and divide by zero now and then.
      int hash = name.hashCode();
      values.put(name, (hash & 1) == 0 ? (Number) (long) (hash >> 1) : (Number) (hash / 7.0));
    }
    boolean integer = Types.isInteger(expression, name -> values.get(name) instanceof Long);
    Number value;
    try {
      value = new Evaluator(values).evaluate(expression);
    } catch (ArithmeticException overflowOrDivisionByZero) {
      return;
    }
    assertEquals(integer, value instanceof Long, () -> "`" + text + "` is typed " + (integer ? "long" : "double") + " but evaluates to " + value);
  }

  private static int depth(Expression expression) {
    return 1 + expression.operands().stream().mapToInt(ExpressionFuzzTest::depth).max().orElse(0);
  }
}
