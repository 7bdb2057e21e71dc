package dev.anneal.runtime;

import java.util.List;

/**
 * The values one optimizer update uses, computed once per step and served to every parameter on
 * every device: {@code value(group, channel)} is the plan's value at {@code step} (updates already
 * applied), with the reactive state as it stood when the update began.
 *
 * @param step the number of updates applied before this one (the schedule's step)
 * @param groups the group names, in declaration order
 * @param channels the channel names (the union over groups)
 * @param values {@code values[group][channel]}, {@code NaN} where a group's plan lacks the channel
 */
public record StepValues(long step, List<String> groups, List<String> channels, double[][] values) {

  public StepValues {
    groups = List.copyOf(groups);
    channels = List.copyOf(channels);
  }

  /** The value of {@code channel} for group index {@code group}, or {@code NaN} if its plan lacks it. */
  public double value(int group, String channel) {
    int index = channels.indexOf(channel);
    return index < 0 ? Double.NaN : values[group][index];
  }

  /** The value as the optimizer applies it: rounded to {@code float}, as DJL's update kernels take it. */
  public float applied(int group, String channel) {
    return (float) value(group, channel);
  }
}
