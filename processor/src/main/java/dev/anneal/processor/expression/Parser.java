package dev.anneal.processor.expression;

/**
 * Reads an expression by recursive descent. The grammar:
 *
 * <pre>
 * sum     = product (("+" | "-") product)*
 * product = unary (("*" | "/") unary)*
 * unary   = "-" unary | atom
 * atom    = number | name | call | "(" sum ")"
 * call    = function "(" sum ("," sum)* ")"
 * number  = digits with optional "_" separators, optional fraction and exponent (2_000, 3e-4, 0.1)
 * name    = a Java identifier
 * </pre>
 *
 * A function is one of the {@link MathFunction}s, called with as many arguments as it takes. A
 * name qualified by a class ({@code Math.sqrt}, {@code Double.NaN}) and a comma between digits
 * ({@code 1,000}) are refused with what to write instead.
 *
 * An integer literal (no fraction, no exponent) is a {@code long}; any other number a {@code double}.
 * Digits are ASCII, as in Java source.
 *
 * <p>The tree is at most {@link #MAX_DEPTH} operations deep (nested or chained alike: {@code a + b
 * + c} is two deep), and parentheses and negations nest at most as deep, so that reading,
 * checking, printing and evaluating it never exhaust the compiler's stack, whatever an annotation
 * holds; the printed form of every tree read reads back.
 */
public final class Parser {
  /** Deeper than any schedule expression a person writes; bounds the recursion of every pass over the tree. */
  public static final int MAX_DEPTH = 64;

  private final String text;
  private int position;
  private int parentheses;
  private int negations;

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
      throw new ParseException("unexpected '" + text.charAt(parser.position) + "'", parser.position + 1, parser.groupingHint());
    }
    return expression;
  }

  /** After a comma between digits ({@code 1,000}): how Java groups digits instead. */
  private String groupingHint() {
    if (peek() != ',' || position == 0 || !isDigit(text.charAt(position - 1)) || position + 1 >= text.length()
        || !isDigit(text.charAt(position + 1))) {
      return "";
    }
    int start = position;
    while (start > 0 && (isDigit(text.charAt(start - 1)) || text.charAt(start - 1) == ',' || text.charAt(start - 1) == '_')) {
      start--;
    }
    int end = position;
    while (end < text.length() && (isDigit(text.charAt(end)) || text.charAt(end) == ',' || text.charAt(end) == '_')) {
      end++;
    }
    String written = text.substring(start, end);
    return "; group digits with '_' as Java does (" + written.replace(',', '_') + "), not with ','";
  }

  private Expression sum() throws ParseException {
    Expression left = product();
    while (true) {
      skipSpaces();
      if (atEnd() || (peek() != '+' && peek() != '-')) {
        return left;
      }
      int at = position;
      char op = text.charAt(position++);
      left = deepest(new Expression.Binary(op, left, product()), at);
    }
  }

  private Expression product() throws ParseException {
    Expression left = unary();
    while (true) {
      skipSpaces();
      if (atEnd() || (peek() != '*' && peek() != '/')) {
        return left;
      }
      int at = position;
      char op = text.charAt(position++);
      left = deepest(new Expression.Binary(op, left, unary()), at);
    }
  }

  private Expression unary() throws ParseException {
    skipSpaces();
    if (!atEnd() && peek() == '-') {
      int at = position;
      if (++negations > MAX_DEPTH) {
        throw error("the expression negates more than " + MAX_DEPTH + " times in a row; name a part of it with a parameter");
      }
      position++;
      Expression negated = deepest(new Expression.Negate(unary()), at);
      negations--;
      return negated;
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
      if (++parentheses > MAX_DEPTH) {
        throw error("the expression is nested more than " + MAX_DEPTH + " levels deep; name a part of it with a parameter");
      }
      position++;
      Expression inner = sum();
      skipSpaces();
      if (atEnd() || peek() != ')') {
        throw error("expected ')'");
      }
      position++;
      parentheses--;
      return inner;
    }
    if (isDigit(c) || c == '.') {
      return number();
    }
    if (Character.isJavaIdentifierStart(c)) {
      int start = position;
      String name = identifier();
      while (!atEnd() && peek() == '.' && position + 1 < text.length() && Character.isJavaIdentifierStart(text.charAt(position + 1))) {
        position++;
        name += "." + identifier();
      }
      skipSpaces();
      boolean called = !atEnd() && peek() == '(';
      if (name.contains(".")) {
        throw new ParseException("`" + name + "`", start + 1, qualifiedName(name, called));
      }
      return called ? call(name, start) : new Expression.Name(name);
    }
    throw error("expected a number, a name or '(' but found '" + c + "'");
  }

  private String identifier() {
    int start = position;
    while (!atEnd() && Character.isJavaIdentifierPart(peek())) {
      position++;
    }
    return text.substring(start, position);
  }

  /** {@code name(arguments…)}, the parser just past the name and at the {@code (}. */
  private Expression call(String name, int start) throws ParseException {
    MathFunction function = MathFunction.named(name)
        .orElseThrow(() -> new ParseException("unknown function `" + name + "`", start + 1, "; " + supported()));
    if (++parentheses > MAX_DEPTH) {
      throw error("the expression is nested more than " + MAX_DEPTH + " levels deep; name a part of it with a parameter");
    }
    position++;
    java.util.List<Expression> arguments = new java.util.ArrayList<>();
    arguments.add(sum());
    skipSpaces();
    while (!atEnd() && peek() == ',') {
      position++;
      arguments.add(sum());
      skipSpaces();
    }
    if (atEnd() || peek() != ')') {
      throw error("expected ',' or ')'");
    }
    position++;
    parentheses--;
    if (arguments.size() != function.arity()) {
      throw new ParseException("`" + name + "` takes " + function.arity() + (function.arity() == 1 ? " argument" : " arguments"), start + 1,
          "; it is given " + arguments.size());
    }
    return deepest(new Expression.Call(function, arguments), start);
  }

  /** Why a qualified name cannot be read, and what to write, after {@code "; "}. */
  private static String qualifiedName(String name, boolean called) {
    String simple = name.substring(name.lastIndexOf('.') + 1);
    if (called) {
      return MathFunction.named(simple).isPresent()
          ? "; write `" + simple + "(…)` without `" + name.substring(0, name.lastIndexOf('.')) + ".`: " + supported()
          : "; no class's methods are known here: " + supported();
    }
    return "; no class's fields are known here: write a number, or name a component of the record";
  }

  /** The functions there are, for messages. */
  private static String supported() {
    java.util.List<String> names = MathFunction.spellings();
    return "expressions call " + String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1)
        + ", as Java's Math does";
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
    if (!hasDigitBeforeExponent(plain) || written.startsWith("_") || written.endsWith("_") || written.contains("_.")
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

  /** A number needs a digit before its exponent: {@code .} and {@code .e3} are not numbers. */
  private static boolean hasDigitBeforeExponent(String number) {
    for (int i = 0; i < number.length() && number.charAt(i) != 'e' && number.charAt(i) != 'E'; i++) {
      if (isDigit(number.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private void digits(boolean underscores) {
    while (!atEnd() && (isDigit(peek()) || (underscores && peek() == '_'))) {
      position++;
    }
  }

  /** ASCII digits only: {@link Character#isDigit} also takes other scripts' digits, which Java source does not. */
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** {@code built}, unless it makes the tree deeper than {@link #MAX_DEPTH} (a long chain such as {@code a + a + … + a}). */
  private Expression deepest(Expression built, int operator) throws ParseException {
    if (depth(built) > MAX_DEPTH) {
      throw new ParseException("the expression is more than " + MAX_DEPTH + " operations deep; name a part of it with a parameter", operator + 1);
    }
    return built;
  }

  /** Operations on the longest path to a leaf; the recursion is bounded, as every tree built so far is within the limit. */
  private static int depth(Expression expression) {
    int deepest = -1;
    for (Expression operand : expression.operands()) {
      deepest = Math.max(deepest, depth(operand));
    }
    return deepest + 1;
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
