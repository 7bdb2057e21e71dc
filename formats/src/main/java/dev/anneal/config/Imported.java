package dev.anneal.config;

import dev.anneal.geometry.RunGeometry;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A config read into a plan.
 *
 * @param format the format it was read as (e.g. {@code pytorch})
 * @param plan the plan: channels {@code lr}, and {@code momentum} / {@code weight_decay} where the
 *     source schedules them
 * @param warnings upstream quirks reproduced and arguments ignored, with the config path of each
 * @param optimizer the optimizer the config sets up, with every setting it runs with; empty when
 *     the config leaves the optimizer to the user's code (or the format has none)
 * @param runLength the updates the user's own loop runs where the config states it apart from its
 *     schedules (a {@code pytorch} config's {@code epochs} times its updates per epoch: a PyTorch
 *     scheduler has no end of its own, the {@code for epoch in range(epochs)} loop around it does);
 *     empty where the schedules' declared end says it or nothing does
 * @param geometry the run geometry the config states (Anneal JSON's {@code "geometry"}, a pytorch
 *     config's epoch figures, a Megatron launch's batch-size schedule, data-parallel size and
 *     sequence length), which converts its updates to epochs, samples and tokens; empty where it
 *     states none
 */
public record Imported(String format, Plan plan, List<Violation> warnings, Optional<OptimizerSettings> optimizer, OptionalLong runLength,
    Optional<RunGeometry> geometry) {
  public Imported {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(plan, "plan");
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(runLength, "runLength");
    Objects.requireNonNull(geometry, "geometry");
  }

  /** A config that states no run length apart from its schedules and no geometry. */
  public Imported(String format, Plan plan, List<Violation> warnings, Optional<OptimizerSettings> optimizer) {
    this(format, plan, warnings, optimizer, OptionalLong.empty(), Optional.empty());
  }

  /** A config that names no optimizer. */
  public Imported(String format, Plan plan, List<Violation> warnings) {
    this(format, plan, warnings, Optional.empty());
  }

  /** A copy with {@code optimizer} (which may be {@code null}: none). */
  public Imported withOptimizer(OptimizerSettings optimizer) {
    return new Imported(format, plan, warnings, Optional.ofNullable(optimizer), runLength, geometry);
  }

  /** A copy with these warnings instead. */
  public Imported withWarnings(List<Violation> warnings) {
    return new Imported(format, plan, warnings, optimizer, runLength, geometry);
  }

  /** A copy stating the run's length in updates. */
  public Imported withRunLength(long updates) {
    return new Imported(format, plan, warnings, optimizer, OptionalLong.of(updates), geometry);
  }

  /** A copy stating the run's geometry. */
  public Imported withGeometry(RunGeometry geometry) {
    return new Imported(format, plan, warnings, optimizer, runLength, Optional.of(geometry));
  }
}
