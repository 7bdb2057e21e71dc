package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Another shape run backwards over the phase: the value at local step t is {@code inner}'s value
 * at {@code n - t}. DeepSpeed's {@code WarmupDecayLR} computes its decay from the steps that
 * remain, {@code min + (max - min) * (n - t) / n}: that is {@code Reversed(Linear(min, max))}, to
 * the last bit (a {@link Linear} from max to min rounds differently).
 */
public record Reversed(Shape inner) implements Shape {
  public Reversed {
    Objects.requireNonNull(inner, "inner");
  }

  @Override
  public double valueAt(long t, long n) {
    return inner.valueAt(n - t, n);
  }

  /** The inner shape's value at its start, {@code t = 0}. */
  @Override
  public double endValue(long n) {
    return inner.valueAt(0, n);
  }

  @Override
  public Range range(long n) {
    // The first step reads the inner formula at t = n, which a shape's own phase never shows
    // (a segment is past its span there): add it rather than trust the inner range to hold it.
    double first = inner.valueAt(n, n);
    return inner.range(n).union(new Range(first, first));
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    for (Violation violation : inner.check(n)) {
      out.add(violation.under("inner"));
    }
    if (out.stream().noneMatch(Violation::isError) && !Double.isFinite(inner.valueAt(n, n))) {
      out.add(RuleCode.nonFiniteAtStep("inner", null, "t = 0 (the " + inner.kind() + " formula at t = " + n + ")", Values.show(inner.valueAt(n, n))));
    }
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitReversed(this);
  }

  @Override
  public String kind() {
    return "reversed";
  }

  @Override
  public String formula() {
    return "the " + inner.kind() + " formula at n - t: " + inner.formula();
  }
}
