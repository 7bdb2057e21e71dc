package dev.anneal.runtime;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters selected by name that share a plan: Megatron's decoupled embedding learning rate, no
 * weight decay on biases and norms, a slower backbone. Every trainable parameter of a model must
 * belong to exactly one group (checked when training begins).
 *
 * @param name the group's name, used in logs, metrics and checkpoints
 * @param selector which parameters belong to it
 * @param plan the group's channels ({@code lr}, {@code momentum}, {@code weight_decay})
 */
public record ParameterGroup(String name, ParameterSelector selector, Plan plan) {

  public ParameterGroup {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(plan, "plan");
  }

  /** A group with a plan of its own; {@code pattern} as {@link ParameterSelector#parse} reads it. */
  public static ParameterGroup of(String name, String pattern, Plan plan) {
    return new ParameterGroup(name, ParameterSelector.parse(pattern), plan);
  }

  /**
   * A group that follows {@code base} with some channels multiplied, e.g. {@code Map.of("lr", 0.1)}
   * for a slower backbone or {@code Map.of("weight_decay", 0.0)} for biases and norms.
   *
   * @throws InvalidScheduleException ({@code UnknownChannel}) if a factor names a channel {@code base} lacks
   */
  public static ParameterGroup scaled(String name, String pattern, Plan base, Map<String, Double> factors) {
    Map<String, Schedule> channels = new LinkedHashMap<>(base.channels());
    factors.forEach((channel, factor) -> {
      Schedule schedule = channels.get(channel);
      if (schedule == null) {
        throw new InvalidScheduleException(
            RuleCode.unknownChannel("groups." + name + "." + channel, channel, " (the plan has " + base.channels().keySet() + ")"));
      }
      channels.put(channel, schedule.scaledBy(factor));
    });
    return new ParameterGroup(name, ParameterSelector.parse(pattern), new Plan(channels));
  }
}
