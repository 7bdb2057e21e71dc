package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-step decay: {@code from * factor^k}, where k counts the milestones at or before t
 * (PyTorch's {@code MultiStepLR}). A milestone listed twice counts twice, as in PyTorch; the
 * rules warn about it.
 */
public record Milestones(double from, List<Long> milestones, double factor) implements Shape {
  public Milestones {
    milestones = List.copyOf(milestones);
  }

  @Override
  public double valueAt(long t, long n) {
    int passed = 0;
    for (long milestone : milestones) {
      if (milestone > t) {
        break;
      }
      passed++;
    }
    return from * Math.pow(factor, passed);
  }

  @Override
  public Range range(long n) {
    return Range.of(from, from * Math.pow(factor, milestones.size()));
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
    Rules.finite(out, "from", from);
    Rules.positive(out, "factor", factor);
    for (int i = 0; i < milestones.size(); i++) {
      long milestone = milestones.get(i);
      String path = "milestones[" + i + "]";
      if (milestone < 0) {
        out.add(RuleCode.negativeValue(path, path, milestone));
      }
      if (i > 0 && milestone < milestones.get(i - 1)) {
        out.add(RuleCode.milestonesNotIncreasing(path, milestone, milestones.get(i - 1)));
      } else if (i > 0 && milestone == milestones.get(i - 1) && (i == 1 || milestones.get(i - 2) != milestone)) {
        long count = milestones.stream().filter(m -> m == milestone).count();
        out.add(RuleCode.repeatedMilestone(path, milestone, count));
      }
    }
    if (Double.isFinite(from) && factor > 0 && !Double.isFinite(from * Math.pow(factor, milestones.size()))) {
      out.add(RuleCode.nonFiniteAtStep("factor", factor, "the last milestone", Values.show(from * Math.pow(factor, milestones.size()))));
    }
    return out;
  }

  @Override
  public <R> R accept(ShapeVisitor<R> visitor) {
    return visitor.visitMilestones(this);
  }

  @Override
  public String kind() {
    return "milestones";
  }

  @Override
  public String formula() {
    return "from * factor^(number of milestones <= t)";
  }
}
