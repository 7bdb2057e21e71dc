package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A reactive phase that reduces its value when a metric stops improving, with exactly the rules
 * of PyTorch's {@code ReduceLROnPlateau}. The phase starts at {@code initial}; its current value
 * lives in an explicit {@link PlateauState} that {@link #observe} advances, never in hidden state:
 * {@link #valueAt} (no metric seen) is always {@code initial}.
 *
 * <p>After each observed metric: if it is better than the best so far (by {@code threshold},
 * relative or absolute) it becomes the best and the bad count resets, else the bad count grows; in
 * cooldown the bad count is held at 0; when it exceeds {@code patience} the value becomes {@code
 * max(value * factor, minValue)} (only if that lowers it by more than {@code eps}) and a cooldown
 * of {@code cooldown} observations starts.
 */
public record Plateau(
    double initial,
    Mode mode,
    double factor,
    long patience,
    double threshold,
    ThresholdMode thresholdMode,
    long cooldown,
    double minValue,
    double eps)
    implements Shape {

  /** Whether a lower ({@code MIN}, e.g. loss) or a higher ({@code MAX}, e.g. accuracy) metric is better. */
  public enum Mode {
    MIN,
    MAX
  }

  /** Whether {@code threshold} is relative to the best value or an absolute difference. */
  public enum ThresholdMode {
    REL,
    ABS
  }

  public Plateau {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(thresholdMode, "thresholdMode");
  }

  /** PyTorch's defaults: min mode, factor 0.1, patience 10, threshold 1e-4 rel, no cooldown, min 0, eps 1e-8. */
  public static Plateau withDefaults(double initial) {
    return new Plateau(initial, Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8);
  }

  @Override
  public double valueAt(long t, long n) {
    return initial;
  }

  /** The state before any metric is observed. */
  public PlateauState initialState() {
    return new PlateauState(initial, mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, 0, 0, 0);
  }

  /** The state after one more metric; {@code state} itself is unchanged. */
  public PlateauState observe(PlateauState state, double metric) {
    double best = state.best();
    long bad = state.badObservations();
    if (isBetter(metric, best)) {
      best = metric;
      bad = 0;
    } else {
      bad++;
    }
    long cooldownLeft = state.cooldownLeft();
    if (cooldownLeft > 0) {
      cooldownLeft--;
      bad = 0;
    }
    double value = state.value();
    if (bad > patience) {
      double reduced = Math.max(value * factor, minValue);
      if (value - reduced > eps) {
        value = reduced;
      }
      cooldownLeft = cooldown;
      bad = 0;
    }
    return new PlateauState(value, best, bad, cooldownLeft, state.observations() + 1);
  }

  private boolean isBetter(double metric, double best) {
    if (mode == Mode.MIN) {
      return thresholdMode == ThresholdMode.REL ? metric < best * (1. - threshold) : metric < best - threshold;
    }
    return thresholdMode == ThresholdMode.REL ? metric > best * (threshold + 1.) : metric > best + threshold;
  }

  @Override
  public Range range(long n) {
    return Range.of(Math.min(minValue, initial), initial);
  }

  @Override
  public Range rangePastEnd(long n) {
    return range(n);
  }

  @Override
  public boolean allowsOpenLength() {
    return true;
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    Rules.finite(out, "initial", initial);
    if (Rules.finite(out, "factor", factor) && !(factor > 0 && factor < 1)) {
      out.add(RuleCode.plateauFactorOutOfRange("factor", factor));
    }
    Rules.nonNegative(out, "patience", patience);
    Rules.nonNegative(out, "threshold", threshold);
    Rules.nonNegative(out, "cooldown", cooldown);
    if (Rules.nonNegative(out, "minValue", minValue)) {
      Rules.notAbove(out, "minValue", minValue, "initial", initial);
    }
    Rules.nonNegative(out, "eps", eps);
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitPlateau(this);
  }

  @Override
  public String kind() {
    return "plateau";
  }

  @Override
  public String formula() {
    return "initial, times factor (down to minValue) each time the metric fails to improve for more than patience observations";
  }
}
