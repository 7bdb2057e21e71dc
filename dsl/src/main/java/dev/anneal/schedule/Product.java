package dev.anneal.schedule;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The product of factor schedules at every step, {@code f0(step) * f1(step) * …}: what PyTorch's
 * {@code ChainedScheduler} does with multiplicative schedulers. Typically one factor carries the
 * values and the others are relative (unitless) multipliers.
 */
public record Product(List<Schedule> factors) implements Schedule {
  public Product {
    factors = List.copyOf(factors);
    if (factors.isEmpty()) {
      throw new InvalidScheduleException(RuleCode.emptySchedule("factors"));
    }
  }

  @Override
  public double valueAt(long step) {
    double value = factors.get(0).valueAt(step);
    for (int i = 1; i < factors.size(); i++) {
      value *= factors.get(i).valueAt(step);
    }
    // Finite factors can still multiply past the largest double.
    return FiniteValues.at(step, value);
  }

  @Override
  public double valueAt(long step, ScheduleState state) {
    double value = factors.get(0).valueAt(step, state.part(path(0)));
    for (int i = 1; i < factors.size(); i++) {
      value *= factors.get(i).valueAt(step, state.part(path(i)));
    }
    return FiniteValues.at(step, value);
  }

  @Override
  public ScheduleState observe(ScheduleState state, long step, double metric) {
    ScheduleState next = state;
    for (int i = 0; i < factors.size(); i++) {
      if (factors.get(i).isReactive()) {
        next = next.withPart(path(i), factors.get(i).observe(state.part(path(i)), step, metric));
      }
    }
    return next;
  }

  @Override
  public boolean isReactive() {
    return factors.stream().anyMatch(Schedule::isReactive);
  }

  private static String path(int index) {
    return "factors[" + index + "]";
  }

  @Override
  public Explanation explain(long step) {
    List<Explanation> parts = new ArrayList<>();
    for (Schedule factor : factors) {
      parts.add(factor.explain(step));
    }
    return new Explanation(step, valueAt(step), "", step, "product", "product", "the product of the factors' values", Map.of(), parts, "");
  }

  /**
   * The latest end the factors declare; empty if any factor runs for ever, since the product then
   * changes for ever too (a factor that declares no end is never past it).
   */
  @Override
  public OptionalLong declaredEnd() {
    long latest = -1;
    for (Schedule factor : factors) {
      OptionalLong end = factor.declaredEnd();
      if (end.isEmpty()) {
        return OptionalLong.empty();
      }
      latest = Math.max(latest, end.getAsLong());
    }
    return OptionalLong.of(latest);
  }

  /** The first factor's policy; each factor applies its own past its own end. */
  @Override
  public AfterEnd afterEnd() {
    return factors.get(0).afterEnd();
  }

  @Override
  public List<Phase> phases() {
    return factors.get(0).phases();
  }

  @Override
  public Range range() {
    Range range = factors.get(0).range();
    for (int i = 1; i < factors.size(); i++) {
      range = range.times(factors.get(i).range());
    }
    return range;
  }

  @Override
  public List<Violation> warnings() {
    List<Violation> out = new ArrayList<>();
    for (int i = 0; i < factors.size(); i++) {
      for (Violation warning : factors.get(i).warnings()) {
        out.add(warning.under(path(i)));
      }
    }
    return out;
  }
}
