package dev.anneal.config.pytorch;

import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.Sequence;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * What one PyTorch scheduler does to the optimizer's param group, in the forms its uses need: the
 * schedule it produces on its own, its phases in absolute values (for a {@code SequentialLR}, which
 * runs members one after the other), and, for the multiplicative "chainable" schedulers, its factor
 * relative to {@code base_lr} (for a {@code ChainedScheduler}, whose members multiply).
 *
 * @param type the PyTorch class name
 * @param lr the learning rate when the scheduler runs on its own
 * @param lrPhases the learning rate as absolute phases, or {@code null} for a composite
 * @param lrAfterEnd what the learning rate does after {@code lrPhases}
 * @param relative the factor of {@code base_lr} for a multiplicative scheduler, else {@code null}
 * @param settlesAt the step from which {@code relative} is 1 for good, or {@link Long#MAX_VALUE}
 * @param momentum the momentum (or β1) schedule if the scheduler cycles it, else {@code null}
 * @param momentumPhases the momentum as phases, or {@code null}
 * @param momentumAfterEnd what the momentum does after {@code momentumPhases}
 * @param startPath the path of the argument that sets the learning rate at step 0
 */
record Member(
    String type,
    Schedule lr,
    List<Phase> lrPhases,
    AfterEnd lrAfterEnd,
    Schedule relative,
    long settlesAt,
    Schedule momentum,
    List<Phase> momentumPhases,
    AfterEnd momentumAfterEnd,
    String startPath) {

  static final long NEVER = Long.MAX_VALUE;

  /**
   * A chainable scheduler that multiplies {@code base}: on its own it is {@code base * relative},
   * PyTorch's recurrence {@code lr = lr * ratio} unrolled. {@code phases} gives the phases for a
   * base value: 1 for the relative factor, {@code base} for the absolute phases.
   */
  static Member multiplicative(
      String type, double base, DoubleFunction<List<Phase>> phases, AfterEnd afterEnd, long settlesAt, String startPath) {
    Sequence relative = new Sequence(phases.apply(1.0), afterEnd);
    return new Member(
        type, new Scaled(base, relative), List.copyOf(phases.apply(base)), afterEnd, relative, settlesAt, null, null, null, startPath);
  }

  /** A scheduler whose values are absolute (it computes from its own arguments each step). */
  static Member absolute(String type, List<Phase> phases, AfterEnd afterEnd, String startPath) {
    return new Member(type, new Sequence(phases, afterEnd), List.copyOf(phases), afterEnd, null, NEVER, null, null, null, startPath);
  }

  /** A copy that can also act as a factor of a {@code ChainedScheduler}. */
  Member withRelative(Schedule factor, long settles) {
    return new Member(type, lr, lrPhases, lrAfterEnd, factor, settles, momentum, momentumPhases, momentumAfterEnd, startPath);
  }

  /** A copy that also cycles momentum. */
  Member withMomentum(List<Phase> phases, AfterEnd afterEnd) {
    return new Member(
        type, lr, lrPhases, lrAfterEnd, relative, settlesAt, new Sequence(phases, afterEnd), List.copyOf(phases), afterEnd, startPath);
  }

  boolean cyclesMomentum() {
    return momentum != null;
  }
}
