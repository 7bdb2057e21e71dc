package dev.anneal.processor.expression;

/** An expression that cannot be read: what was expected and at which column (1-based). */
public final class ParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int column;

  ParseException(String problem, int column) {
    this(problem, column, "");
  }

  /** @param advice what to write instead, after {@code "; "}, or empty */
  ParseException(String problem, int column, String advice) {
    super(problem + " at column " + column + advice);
    this.column = column;
  }

  public int column() {
    return column;
  }
}
