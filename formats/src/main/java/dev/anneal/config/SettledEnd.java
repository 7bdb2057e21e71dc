package dev.anneal.config;

import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Milestones;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Product;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an imported schedule ends. An upstream scheduler that reaches its final value at a known
 * step and keeps it (DeepSpeed's {@code WarmupDecayLR} at {@code total_num_steps}, PyTorch's {@code
 * LinearLR} at {@code total_iters}) is first built as its phases followed by an open constant;
 * {@link #settled} turns that constant into a declared end with {@link AfterEnd#HOLD} (and an open
 * multi-step decay, {@code MultiStepLR}, ends at its last milestone), so that
 * {@code plot}, {@code curve} and {@code train} default to the whole curve instead of a fixed
 * number of steps. The values are the same at every step; only the end is declared.
 *
 * <p>Writers recognise upstream schedulers in the open form: {@link #reopened} gives it back.
 */
public final class SettledEnd {
  private SettledEnd() {}

  /**
   * {@code schedule} with a declared end where its last phase is an open constant that follows
   * other phases: the end of the phase before it, when that phase ends on the constant's value to
   * the bit (the held value is then the same), else one step into the constant (declared for one
   * step, then held). A product declares an end only when every factor does ({@link
   * Product#declaredEnd}); a schedule that never settles (an open decay, a cycle, a constant from
   * step 0) is returned as it is.
   */
  public static Schedule settled(Schedule schedule) {
    if (schedule instanceof Scaled scaled) {
      return settled(scaled);
    }
    if (schedule instanceof Product product) {
      List<Schedule> factors = product.factors().stream().map(SettledEnd::settled).toList();
      return factors.equals(product.factors()) ? product : new Product(factors);
    }
    if (!(schedule instanceof Sequence sequence) || sequence.isReactive()) {
      return schedule;
    }
    List<Phase> phases = new ArrayList<>(sequence.phases());
    Phase last = phases.get(phases.size() - 1);
    if (last.isOpen() && last.shape() instanceof Milestones milestones && lastMilestone(milestones) > 0) {
      // From its last milestone on, a multi-step decay keeps from * factor^(all milestones): its formula at n = that milestone.
      phases.set(phases.size() - 1, new Phase(milestones, lastMilestone(milestones)));
      return new Sequence(phases, AfterEnd.HOLD);
    }
    if (sequence.phases().size() < 2 || !last.isOpen() || !(last.shape() instanceof Constant held)) {
      return schedule;
    }
    Phase before = phases.get(phases.size() - 2);
    phases.remove(phases.size() - 1);
    if (Double.doubleToLongBits(before.shape().endValue(before.steps())) != Double.doubleToLongBits(held.value())) {
      phases.add(new Phase(held, 1));
    }
    return new Sequence(phases, AfterEnd.HOLD);
  }

  /** {@link #settled(Schedule)} of a scaled schedule, still scaled by the same factor. */
  public static Scaled settled(Scaled scaled) {
    Schedule inner = settled(scaled.schedule());
    return inner == scaled.schedule() ? scaled : new Scaled(scaled.factor(), inner);
  }

  /**
   * {@code schedule} with the value it holds past its declared end written as an open constant
   * phase (a last constant phase simply left open), the form upstream schedulers are recognised
   * in; {@code schedule} itself where it declares no end or does not hold past it. The values are
   * the same at every step.
   */
  public static Schedule reopened(Schedule schedule) {
    if (schedule instanceof Scaled scaled) {
      Schedule inner = reopened(scaled.schedule());
      return inner == scaled.schedule() ? scaled : new Scaled(scaled.factor(), inner);
    }
    if (schedule instanceof Product product) {
      List<Schedule> factors = product.factors().stream().map(SettledEnd::reopened).toList();
      return factors.equals(product.factors()) ? product : new Product(factors);
    }
    if (!(schedule instanceof Sequence sequence) || sequence.afterEnd() != AfterEnd.HOLD || sequence.declaredEnd().isEmpty()) {
      return schedule;
    }
    List<Phase> phases = new ArrayList<>(sequence.phases());
    Phase last = phases.remove(phases.size() - 1);
    double held = last.shape().endValue(last.steps());
    if (last.shape() instanceof Constant constant && Double.doubleToLongBits(constant.value()) == Double.doubleToLongBits(held)) {
      phases.add(new Phase(constant, Phase.OPEN));
    } else if (last.shape() instanceof Milestones milestones && lastMilestone(milestones) == last.steps()) {
      phases.add(new Phase(milestones, Phase.OPEN));
    } else {
      phases.add(last);
      phases.add(new Phase(new Constant(held), Phase.OPEN));
    }
    return new Sequence(phases, AfterEnd.HOLD);
  }

  /** The last (largest) milestone, or -1 if there is none. */
  private static long lastMilestone(Milestones milestones) {
    return milestones.milestones().stream().mapToLong(Long::longValue).max().orElse(-1);
  }
}
