package dev.anneal.schedule;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Several hyperparameters scheduled together: named channels, each a {@link Schedule} over the
 * same steps. The well-known channels are {@link #LR}, {@link #MOMENTUM} (SGD momentum or Adam
 * β1) and {@link #WEIGHT_DECAY}; any other lower-case name is a free scalar. Channel order is kept.
 */
public record Plan(Map<String, Schedule> channels) {
  public static final String LR = "lr";
  public static final String MOMENTUM = "momentum";
  public static final String WEIGHT_DECAY = "weight_decay";

  /**
   * Checks the plan and keeps a copy of its channels.
   *
   * @param channels the schedule of each channel, by name, in order
   * @throws InvalidScheduleException if a channel's name or values break its rules (see {@link RuleSet#plan})
   */
  public Plan {
    Objects.requireNonNull(channels, "channels");
    channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    InvalidScheduleException.throwIfErrors(RuleSet.plan(channels));
  }

  /** A plan with the learning rate alone. */
  public static Plan of(Schedule lr) {
    return new Plan(Map.of(LR, lr));
  }

  /** A copy with one more (or a replaced) channel. */
  public Plan with(String channel, Schedule schedule) {
    Map<String, Schedule> copy = new LinkedHashMap<>(channels);
    copy.put(channel, schedule);
    return new Plan(copy);
  }

  /**
   * The schedule of {@code channel}, for a channel the caller knows the plan has; {@link
   * #findChannel} asks whether it has one.
   *
   * @throws NoSuchElementException if the plan has no channel {@code channel}
   */
  public Schedule channel(String channel) {
    return findChannel(channel).orElseThrow(
        () -> new NoSuchElementException("no channel '" + channel + "' in this plan (its channels: " + String.join(", ", channels.keySet()) + ")"));
  }

  /** The schedule of {@code channel}, or empty if the plan has none. */
  public Optional<Schedule> findChannel(String channel) {
    return Optional.ofNullable(channels.get(channel));
  }

  /** The learning-rate schedule, or {@code null}. */
  public Schedule lr() {
    return channels.get(LR);
  }

  /** Every warning of every channel, located under {@code channels.<name>}. */
  public List<Violation> warnings() {
    return RuleSet.plan(channels).stream().filter(v -> !v.isError()).toList();
  }
}
