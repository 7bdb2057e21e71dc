package dev.anneal.processor.check;

import dev.anneal.processor.expression.Expression;
import dev.anneal.processor.read.Site;
import java.util.List;

/** A shape's constructor argument after checking: where its value comes from. */
public sealed interface Arg {

  /**
   * An expression: written in the annotation ({@code given}), or the curve's default.
   *
   * @param text the expression as written, e.g. {@code total - warmup}
   * @param path its path in diagnostics, e.g. {@code phases[1].steps}
   */
  record Expr(Expression expression, String text, String path, boolean given, Site where) implements Arg {}

  /** The value the previous phase ended on. */
  record PreviousEnd() implements Arg {}

  /** A constant that is not an expression: an enum constant, a boolean, a fixed default. */
  record Fixed(Object value) implements Arg {}

  /** A list of integer expressions (milestones). */
  record Items(List<Expr> items) implements Arg {
    public Items {
      items = List.copyOf(items);
    }
  }
}
