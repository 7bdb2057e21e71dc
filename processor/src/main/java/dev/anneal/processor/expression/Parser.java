package dev.anneal.processor.expression;

/**
 * Reads an expression by recursive descent. The grammar:
 *
 * <pre>
 * sum     = product (("+" | "-") product)*
 * product = unary (("*" | "/") unary)*
 * unary   = "-" unary | atom
 * atom    = number | name | "(" sum ")"
 * number  = digits with optional "_" separators, optional fraction and exponent (2_000, 3e-4, 0.1)
 * name    = a Java identifier
 * </pre>
 *
 * An integer literal (no fraction, no exponent) is a {@code long}; any other number a {@code double}.
 */
public final class Parser {
  private final String text;
  private int position;

  private Parser(String text) {
    this.text = text;
  }

  /**
   * @throws ParseException naming what was expected and the column
   */
  public static Expression parse(String text) throws ParseException {
    Parser parser = new Parser(text);
    parser.skipSpaces();
    if (parser.atEnd()) {
      throw new ParseException("the expression is empty", 1);
    }
    Expression expression = parser.sum();
    parser.skipSpaces();
    if (!parser.atEnd()) {
      throw parser.error("unexpected '" + text.charAt(parser.position) + "'");
    }
    return expression;
  }

  private Expression sum() throws ParseException {
    Expression left = product();
    while (true) {
      skipSpaces();
      if (atEnd() || (peek() != '+' && peek() != '-')) {
        return left;
      }
      char op = text.charAt(position++);
      left = new Expression.Binary(op, left, product());
    }
  }

  private Expression product() throws ParseException {
    Expression left = unary();
    while (true) {
      skipSpaces();
      if (atEnd() || (peek() != '*' && peek() != '/')) {
        return left;
      }
      char op = text.charAt(position++);
      left = new Expression.Binary(op, left, unary());
    }
  }

  private Expression unary() throws ParseException {
    skipSpaces();
    if (!atEnd() && peek() == '-') {
      position++;
      return new Expression.Negate(unary());
    }
    return atom();
  }

  private Expression atom() throws ParseException {
    skipSpaces();
    if (atEnd()) {
      throw error("expected a number, a name or '(' after the end");
    }
    char c = peek();
    if (c == '(') {
      position++;
      Expression inner = sum();
      skipSpaces();
      if (atEnd() || peek() != ')') {
        throw error("expected ')'");
      }
      position++;
      return inner;
    }
    if (Character.isDigit(c) || c == '.') {
      return number();
    }
    if (Character.isJavaIdentifierStart(c)) {
      int start = position;
      while (!atEnd() && Character.isJavaIdentifierPart(peek())) {
        position++;
      }
      return new Expression.Name(text.substring(start, position));
    }
    throw error("expected a number, a name or '(' but found '" + c + "'");
  }

  private Expression number() throws ParseException {
    int start = position;
    boolean integer = true;
    digits(true);
    if (!atEnd() && peek() == '.') {
      integer = false;
      position++;
      digits(true);
    }
    if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
      integer = false;
      position++;
      if (!atEnd() && (peek() == '+' || peek() == '-')) {
        position++;
      }
      int exponentStart = position;
      digits(true);
      if (position == exponentStart) {
        throw error("expected the digits of an exponent");
      }
    }
    String written = text.substring(start, position);
    String plain = written.replace("_", "");
    if (plain.equals(".") || written.startsWith("_") || written.endsWith("_") || written.contains("_.")
        || written.contains("._") || written.contains("_e") || written.contains("_E")) {
      throw new ParseException("malformed number '" + written + "'", start + 1);
    }
    if (integer) {
      try {
        return new Expression.Literal(written, Long.parseLong(plain));
      } catch (NumberFormatException e) {
        throw new ParseException("the integer " + written + " is larger than a long (" + Long.MAX_VALUE + ")", start + 1);
      }
    }
    return new Expression.Literal(written, Double.parseDouble(plain));
  }

  private void digits(boolean underscores) {
    while (!atEnd() && (Character.isDigit(peek()) || (underscores && peek() == '_'))) {
      position++;
    }
  }

  private void skipSpaces() {
    while (!atEnd() && Character.isWhitespace(peek())) {
      position++;
    }
  }

  private boolean atEnd() {
    return position >= text.length();
  }

  private char peek() {
    return text.charAt(position);
  }

  private ParseException error(String problem) {
    return new ParseException(problem, position + 1);
  }
}
