package dev.anneal.config;

import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.List;
import java.util.Objects;

/**
 * A config read into a plan.
 *
 * @param format the format it was read as (e.g. {@code pytorch})
 * @param plan the plan: channels {@code lr}, and {@code momentum} / {@code weight_decay} where the
 *     source schedules them
 * @param warnings upstream quirks reproduced and arguments ignored, with the config path of each
 */
public record Imported(String format, Plan plan, List<Violation> warnings) {
  public Imported {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(plan, "plan");
    warnings = List.copyOf(warnings);
  }
}
