package dev.anneal.config.megatron;

import java.util.function.Function;

/**
 * Bash's integer arithmetic {@code $(( … ))}, as far as launch scripts use it to compute a batch
 * size or a step count: whole numbers, variables (with or without {@code $}), {@code + - * / %},
 * unary minus and parentheses, with bash's precedence and its division that truncates toward zero
 * (as Java's does). Anything else (shifts, comparisons, assignments, a variable that is not a
 * whole number) is not evaluated.
 */
final class ShellArithmetic {
  /**
   * What a variable of the expression holds: its value, or {@code null} when it is not known (the
   * caller keeps the reason).
   */
  private final Function<String, String> variables;
  private final String text;
  private int at;

  private ShellArithmetic(String text, Function<String, String> variables) {
    this.text = text;
    this.variables = variables;
  }

  /**
   * The value of {@code expression} (the text between {@code $((} and {@code ))}), or {@code null}
   * when it uses something not evaluated here or a variable {@code variables} does not know.
   */
  static Long evaluate(String expression, Function<String, String> variables) {
    ShellArithmetic parser = new ShellArithmetic(expression, variables);
    try {
      long value = parser.sum();
      parser.skipSpaces();
      return parser.at == expression.length() ? value : null;
    } catch (NotEvaluated | ArithmeticException e) {
      return null;
    }
  }

  /** The expression uses something not evaluated here. */
  private static final class NotEvaluated extends RuntimeException {
    NotEvaluated() {
      super(null, null, false, false);
    }
  }

  private long sum() {
    long value = product();
    while (true) {
      skipSpaces();
      if (accept('+')) {
        value = Math.addExact(value, product());
      } else if (accept('-')) {
        value = Math.subtractExact(value, product());
      } else {
        return value;
      }
    }
  }

  private long product() {
    long value = unary();
    while (true) {
      skipSpaces();
      if (accept('*')) {
        value = Math.multiplyExact(value, unary());
      } else if (accept('/')) {
        value = value / unary();
      } else if (accept('%')) {
        value = value % unary();
      } else {
        return value;
      }
    }
  }

  private long unary() {
    skipSpaces();
    if (accept('-')) {
      return Math.negateExact(unary());
    }
    if (accept('+')) {
      return unary();
    }
    if (accept('(')) {
      long value = sum();
      skipSpaces();
      if (!accept(')')) {
        throw new NotEvaluated();
      }
      return value;
    }
    return operand();
  }

  private long operand() {
    int start = at;
    if (at < text.length() && Character.isDigit(text.charAt(at))) {
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      return Long.parseLong(text.substring(start, at));
    }
    boolean braced = accept('$') && accept('{');
    int nameStart = at;
    while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
      at++;
    }
    String name = text.substring(nameStart, at);
    if (name.isEmpty() || Character.isDigit(name.charAt(0)) || (braced && !accept('}'))) {
      throw new NotEvaluated();
    }
    String value = variables.apply(name);
    if (value == null || !value.strip().matches("-?[0-9]+")) {
      throw new NotEvaluated();
    }
    return Long.parseLong(value.strip());
  }

  private void skipSpaces() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private boolean accept(char c) {
    if (at < text.length() && text.charAt(at) == c) {
      at++;
      return true;
    }
    return false;
  }
}
