package dev.anneal.processor.describe;

import java.util.List;
import java.util.Optional;

/**
 * One generated file: a schedule class, or a plan class holding one nested schedule class per
 * channel.
 *
 * @param javadoc the plan's comment (a schedule's is its own)
 */
public record ClassCode(String packageName, String simpleName, boolean plan, String javadoc, Optional<ConfigType> config, List<ScheduleCode> schedules) {
  public ClassCode {
    schedules = List.copyOf(schedules);
  }
}
