package dev.anneal.config.transformers;

import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Scaled;
import dev.anneal.schedule.Sequence;
import java.util.List;
import java.util.Objects;

/**
 * A transformers schedule built by {@link TransformersSchedules}: the learning rate {@code
 * learning_rate * lambda(step)}, as PyTorch's {@code LambdaLR} computes it, and the upstream quirks
 * it reproduces that a user should know about.
 *
 * @param function the {@code transformers.optimization} function it mirrors, e.g. {@code
 *     get_cosine_schedule_with_warmup}
 * @param schedule the learning rate: the relative {@code lambda} as a {@link Sequence} of phases,
 *     scaled by the optimizer's learning rate
 * @param warnings the quirks reproduced (first update at 0, a cosine rising past its end, …), each
 *     with the name of the argument responsible as its path
 */
public record TransformersPreset(String function, Scaled schedule, List<Violation> warnings) {
  public TransformersPreset {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(schedule, "schedule");
    warnings = List.copyOf(warnings);
  }

  /** The optimizer's learning rate the relative schedule is bound to. */
  public double learningRate() {
    return schedule.factor();
  }

  /** The relative schedule, {@code lambda(step)}. */
  public Sequence lambda() {
    return (Sequence) schedule.schedule();
  }

  /** A plan with this schedule as its learning rate. */
  public Plan plan() {
    return Plan.of(schedule);
  }
}
