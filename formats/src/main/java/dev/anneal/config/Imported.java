package dev.anneal.config;

import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A config read into a plan.
 *
 * @param format the format it was read as (e.g. {@code pytorch})
 * @param plan the plan: channels {@code lr}, and {@code momentum} / {@code weight_decay} where the
 *     source schedules them
 * @param warnings upstream quirks reproduced and arguments ignored, with the config path of each
 * @param optimizer the optimizer the config sets up, with every setting it runs with; empty when
 *     the config leaves the optimizer to the user's code (or the format has none)
 */
public record Imported(String format, Plan plan, List<Violation> warnings, Optional<OptimizerSettings> optimizer) {
  public Imported {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(plan, "plan");
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(optimizer, "optimizer");
  }

  /** A config that names no optimizer. */
  public Imported(String format, Plan plan, List<Violation> warnings) {
    this(format, plan, warnings, Optional.empty());
  }

  /** A copy with {@code optimizer} (which may be {@code null}: none). */
  public Imported withOptimizer(OptimizerSettings optimizer) {
    return new Imported(format, plan, warnings, Optional.ofNullable(optimizer));
  }
}
