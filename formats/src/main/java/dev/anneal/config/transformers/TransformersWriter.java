package dev.anneal.config.transformers;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Values;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Writes a plan as the transformers config that reproduces it (see {@link TransformersFormat#write}).
 * It guesses calls from the learning rate's phases ({@link Candidates}), renders each, reads it back
 * with {@link TransformersFormat#read}, and keeps the first whose phases are the plan's. A schedule
 * written with relative phases bound to a learning rate ({@code Scaled}, as every preset and every
 * transformers config is) comes back identical; absolute values divided by their peak come back
 * equal up to rounding, which is then checked step by step.
 */
final class TransformersWriter {
  /** The bound every parity test holds: max(1e-12 absolute, 1e-9 relative). */
  static final double ABSOLUTE = 1e-12;

  static final double RELATIVE = 1e-9;

  /** How many steps past twice the declared end are still compared. */
  private static final long MARGIN = 100;

  /** Beyond this many steps, compare phase boundaries and an even sample rather than every step. */
  private static final long EVERY_STEP_LIMIT = 200_000;

  private TransformersWriter() {}

  static String write(Plan plan) {
    for (Map.Entry<String, Schedule> channel : plan.channels().entrySet()) {
      if (!channel.getKey().equals(Plan.LR)) {
        throw RelativeLambda.unsupported(
            "channels." + channel.getKey(),
            "transformers has no " + channel.getKey() + " schedule: its schedulers set the learning rate only");
      }
    }
    if (plan.lr() == null) {
      throw RelativeLambda.unsupported("channels", "the plan has no learning rate, the one thing transformers schedules");
    }
    RelativeLambda lambda = RelativeLambda.of(plan.lr());
    List<SchedulerCall> candidates = Candidates.of(lambda);
    if (lambda.exact()) {
      for (SchedulerCall candidate : candidates) {
        Optional<Schedule> back = readBack(candidate, lambda.base());
        if (back.isPresent() && RelativeLambda.of(back.get()).equals(lambda)) {
          return candidate.render(lambda.base()); // the same phases: the same numbers at every step
        }
      }
    }
    // Equal up to rounding (absolute values over their peak, a line for a power-1 decay): check the values.
    RelativeLambda loose = lambda.loose();
    for (SchedulerCall candidate : Candidates.of(loose)) {
      Optional<Schedule> back = readBack(candidate, lambda.base());
      if (back.isPresent() && RelativeLambda.of(back.get()).loose().equals(loose)) {
        checkValues(plan.lr(), back.get(), lambda);
        return candidate.render(lambda.base());
      }
    }
    throw RelativeLambda.unsupported(
        RelativeLambda.PATH,
        "transformers has no schedule of this form (" + lambda.describe() + "); it offers a linear warm-up from 0 followed by"
            + " a constant, a linear decay to 0, a cosine (continuing past the end), a cosine with hard restarts, a polynomial"
            + " decay or an inverse square root; a cosine to a floor (continuing, also +1-shifted); and warmup-stable-decay");
  }

  /** The learning rate {@code candidate}'s config gives when read back, or empty if upstream would refuse it. */
  private static Optional<Schedule> readBack(SchedulerCall candidate, double learningRate) {
    try {
      return Optional.of(new TransformersFormat().read(candidate.render(learningRate)).plan().lr());
    } catch (InvalidScheduleException e) {
      return Optional.empty();
    }
  }

  /**
   * Absolute values divided by their peak and multiplied back differ from the original in the last
   * bits: prove that they stay within the parity bound at every phase boundary and over the whole
   * run (every step, or an even sample of long runs), twice past the declared end.
   */
  private static void checkValues(Schedule expected, Schedule written, RelativeLambda lambda) {
    TreeSet<Long> steps = new TreeSet<>();
    long end = 0;
    for (Phase phase : lambda.phases()) {
      for (long near = Math.max(0, end - 2); near <= end + 2; near++) {
        steps.add(near);
      }
      if (!phase.isOpen()) {
        end += phase.steps();
      }
    }
    long last = 2 * end + MARGIN;
    long stride = Math.max(1, last / EVERY_STEP_LIMIT);
    for (long step = 0; step <= last; step += stride) {
      steps.add(step);
    }
    for (long step : steps) {
      double want = expected.valueAt(step);
      double got = written.valueAt(step);
      if (!(Math.abs(want - got) <= Math.max(ABSOLUTE, RELATIVE * Math.abs(want)))) {
        throw RelativeLambda.unsupported(
            RelativeLambda.PATH,
            "transformers computes this schedule relative to its peak (" + Values.show(lambda.base()) + ") and differs by more"
                + " than max(1e-12, 1e-9 relative) at step " + step + ": " + Values.show(got) + " instead of " + Values.show(want));
      }
    }
  }
}
