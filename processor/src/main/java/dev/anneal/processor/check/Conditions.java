package dev.anneal.processor.check;

import dev.anneal.geometry.Unit;
import dev.anneal.processor.expression.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Derives what a config must meet for a parameterized declaration's expressions to make sense:
 * every divisor that names a parameter must not be 0 (checked first: nothing else can be computed
 * otherwise), and every length that names one must be at least 1 ({@code total - warmup} requires
 * {@code total > warmup}). The model's own rules run after these, on the computed values.
 */
final class Conditions {
  /** The model fields that are lengths in steps (each must be at least 1). */
  private static final Set<String> LENGTHS = Set.of("every", "up", "down", "t0", "tMult");

  private Conditions() {}

  static List<Condition> derive(List<CheckedPhase> phases) {
    List<Condition> divisors = new ArrayList<>();
    List<Condition> lengths = new ArrayList<>();
    {
      for (CheckedPhase phase : phases) {
        // A length in a unit needs only an amount above 0, which the geometry's resolution checks.
        boolean inUpdates = UnitLengths.unitOf(phase.draft()) == Unit.UPDATES;
        phase.steps().filter(steps -> steps.given()).ifPresent(steps -> add(steps, inUpdates, divisors, lengths));
        phase.args().forEach((field, arg) -> {
          if (arg instanceof Arg.Expr expr) {
            add(expr, LENGTHS.contains(field), divisors, lengths);
          } else if (arg instanceof Arg.Items items) {
            items.items().forEach(item -> add(item, false, divisors, lengths));
          }
        });
      }
    }
    List<Condition> out = new ArrayList<>(dedupe(divisors));
    out.addAll(dedupe(lengths));
    return out;
  }

  private static void add(Arg.Expr expr, boolean length, List<Condition> divisors, List<Condition> lengths) {
    for (Expression divisor : expr.expression().divisors()) {
      if (!divisor.names().isEmpty()) {
        divisors.add(new Condition(expr.path(), expr.text(), divisor, "!=", Expression.integer(0), true));
      }
    }
    if (length && !expr.expression().names().isEmpty()) {
      Expression value = expr.expression();
      // a - b >= 1 is a > b for integers: say it the way a person would.
      lengths.add(value instanceof Expression.Binary binary && binary.op() == '-'
          ? new Condition(expr.path(), expr.text(), binary.left(), ">", binary.right(), false)
          : new Condition(expr.path(), expr.text(), value, ">=", Expression.integer(1), false));
    }
  }

  /** An expression used twice is one condition. */
  private static List<Condition> dedupe(List<Condition> conditions) {
    List<Condition> out = new ArrayList<>();
    for (Condition condition : conditions) {
      if (out.stream().noneMatch(c -> c.path().equals(condition.path()) && c.show().equals(condition.show()))) {
        out.add(condition);
      }
    }
    return out;
  }
}
