package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The momentum (Adam β1) after DeepSpeed's {@code OneCycle}, exactly as upstream computes it:
 * {@code from * (1 + rate * t / every)} ({@code cycle_max_mom * (1 + decay_mom_rate * t /
 * decay_step_size)}). DeepSpeed calls it a decay, but with a rate above 0 β1 grows and passes 1,
 * where Adam diverges: {@link #check} warns ({@code Beta1AboveOne}) and names the last step at or
 * below 1. It is the one schedule a momentum channel may hold although it leaves [0, 1): the plan
 * rules accept it because it reproduces upstream and warns (see {@link #onlyExcursion}).
 */
public record PostCycleMomentum(double from, double rate, long every) implements Shape {
  @Override
  public double valueAt(long t, long n) {
    return from * (1 + rate * ((double) t / every));
  }

  @Override
  public Range range(long n) {
    return Range.of(from, valueAt(n == Phase.OPEN ? Long.MAX_VALUE : n, n));
  }

  @Override
  public Range rangePastEnd(long n) {
    return Range.of(from, valueAt(Long.MAX_VALUE, n));
  }

  @Override
  public boolean allowsOpenLength() {
    return true;
  }

  @Override
  public List<Violation> check(long n) {
    List<Violation> out = new ArrayList<>();
    boolean ok = Rules.within(out, "from", from, 0, 1) & Rules.nonNegative(out, "rate", rate) & Rules.atLeastOne(out, "every", every);
    if (ok && !Double.isFinite(valueAt(n == Phase.OPEN ? Long.MAX_VALUE : n, n))) {
      out.add(RuleCode.nonFiniteAtStep("rate", rate, n == Phase.OPEN ? "a late step" : "t = " + n, Values.show(valueAt(n == Phase.OPEN ? Long.MAX_VALUE : n, n))));
    } else if (ok && from < 1) {
      long last = lastStepAtMostOne(n);
      if (last >= 0) {
        out.add(RuleCode.beta1AboveOne("rate", rate, last,
            "from * (1 + rate * t / every) grows with rate " + Values.show(rate) + " > 0 (DeepSpeed's post-cycle momentum decay) and is "
                + Values.show(valueAt(last + 1, n)) + " at step " + (last + 1), ""));
      }
    }
    return out;
  }

  /**
   * The last local step at which the value is at most 1, when a later step of the phase exceeds
   * 1; -1 if it never does within {@code n} steps (an open phase: within the 64-bit step range).
   */
  public long lastStepAtMostOne(long n) {
    long end = n == Phase.OPEN ? Long.MAX_VALUE - 1 : n - 1;
    if (from > 1 || !(valueAt(end, n) > 1)) {
      return -1;
    }
    // The value never decreases with t: find the last step at or below 1 by bisection.
    long low = 0;
    long high = end;
    while (high - low > 1) {
      long middle = low + (high - low) / 2;
      if (valueAt(middle, n) > 1) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return low;
  }

  /**
   * Whether the only values of {@code schedule} outside [0, 1) come from post-cycle momentum
   * phases that start within [0, 1) and grow (and so warn): then the plan rules report the
   * warning instead of an error, because that is what DeepSpeed really does.
   */
  static boolean onlyExcursion(Schedule schedule) {
    if (!(schedule instanceof Sequence sequence)) {
      return false;
    }
    boolean excursion = false;
    List<Phase> phases = sequence.phases();
    for (int i = 0; i < phases.size(); i++) {
      Phase phase = phases.get(i);
      if (phase.shape() instanceof PostCycleMomentum growth) {
        if (!(growth.from >= 0 && growth.from < 1 && growth.rate >= 0)) {
          return false;
        }
        excursion = true;
      } else {
        Range range = phase.shape().range(phase.steps());
        boolean last = i == phases.size() - 1;
        if (last && !phase.isOpen() && sequence.afterEnd() == AfterEnd.CONTINUE) {
          range = range.union(phase.shape().rangePastEnd(phase.steps()));
        }
        if (range.min() < 0 || range.max() >= 1) {
          return false;
        }
      }
    }
    return excursion;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitPostCycleMomentum(this);
  }

  @Override
  public String kind() {
    return "post-cycle-momentum";
  }

  @Override
  public String formula() {
    return "from * (1 + rate * t / every)";
  }
}
