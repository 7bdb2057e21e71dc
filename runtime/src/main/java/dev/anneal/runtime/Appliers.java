package dev.anneal.runtime;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What applies a training schedule's values (Anneal's optimizer, a DJL tracker) and the channels
 * each applies. An optimizer or tracker fixes its channels when it is built, so every plan the run
 * applies must schedule no other channel: checked when each is built and again when a restore
 * replaces the plans. The one Anneal optimizer also receives the checkpoint's optimizer state.
 *
 * <p>Not synchronized: {@link ScheduledTraining} calls it under its lock.
 */
final class Appliers {
  /** The name of what applies the values → the channels it applies, in the order they were built. */
  private final Map<String, Set<String>> channelsByApplier = new LinkedHashMap<>();
  private ScheduledOptimizer optimizer;

  /**
   * Records a DJL tracker, which applies the learning rate alone.
   *
   * @throws InvalidScheduleException ({@code ChannelNotApplied}, {@code MissingKey}) if a plan
   *     schedules another channel or lacks {@code lr}
   */
  void addTracker(List<ParameterGroup> groups) {
    Set<String> applied = Set.of(Plan.LR);
    requireChannels(groups, "a DJL tracker", applied);
    channelsByApplier.put("a DJL tracker", applied);
  }

  /**
   * Records Anneal's optimizer, which applies {@code appliedChannels}.
   *
   * @throws InvalidScheduleException as {@link #addTracker}, or ({@code SecondOptimizer}) if
   *     another optimizer was already built from the same schedule
   */
  void attach(List<ParameterGroup> groups, ScheduledOptimizer optimizer, Set<String> appliedChannels, String optimizerName) {
    requireChannels(groups, optimizerName, appliedChannels);
    if (this.optimizer != null && this.optimizer != optimizer) {
      throw new InvalidScheduleException(RuntimeCode.secondOptimizer(optimizerName));
    }
    this.optimizer = optimizer;
    channelsByApplier.put(optimizerName, Set.copyOf(appliedChannels));
  }

  /** The Anneal optimizer built from the schedule, or null. */
  ScheduledOptimizer optimizer() {
    return optimizer;
  }

  /**
   * Checks that what was built for plans scheduling {@code channels} also applies {@code resolved},
   * the groups a restore chose.
   *
   * @throws InvalidScheduleException ({@code ChannelsChangedOnResume}) if the resolved plans schedule
   *     other channels, or as {@link #addTracker}
   */
  void requireApplies(List<ParameterGroup> resolved, List<String> channels) {
    List<String> resolvedChannels = RunState.channelsOf(resolved);
    if (!channelsByApplier.isEmpty() && !new HashSet<>(resolvedChannels).equals(new HashSet<>(channels))) {
      throw new InvalidScheduleException(RuntimeCode.channelsChangedOnResume(
          resolvedChannels, List.copyOf(channelsByApplier.keySet()), channels));
    }
    channelsByApplier.forEach((user, appliedChannels) -> requireChannels(resolved, user, appliedChannels));
  }

  /**
   * Hands a checkpoint's optimizer state to the optimizer, once the model's parameters are {@code bound}.
   *
   * @throws InvalidScheduleException ({@code OptimizerParametersChanged}, {@code
   *     OptimizerMissing}) if the state is for other
   *     parameters, or for an Anneal optimizer this run lacks
   */
  void restoreOptimizerState(Sidecar.Content content, GroupBinding bound) {
    List<String> saved = new ArrayList<>(content.optimizerState().keySet());
    if (!content.optimizerState().isEmpty()) {
      List<String> now = bound.names();
      if (!new HashSet<>(saved).equals(new HashSet<>(now))) {
        throw new InvalidScheduleException(RuntimeCode.optimizerParametersChanged(saved, now));
      }
    }
    if (optimizer == null) {
      if (!content.optimizerKind().isEmpty()) {
        throw new InvalidScheduleException(RuntimeCode.optimizerMissing(content.optimizerKind()));
      }
      return;
    }
    optimizer.restoreState(content.optimizerKind(), content.optimizerState());
  }

  private static void requireChannels(List<ParameterGroup> groups, String user, Set<String> appliedChannels) {
    List<Violation> found = new ArrayList<>();
    for (ParameterGroup group : groups) {
      for (String channel : group.plan().channels().keySet()) {
        if (!appliedChannels.contains(channel)) {
          found.add(RuntimeCode.channelNotApplied("groups." + group.name() + "." + channel, user, channel, appliedChannels.stream().sorted().toList()));
        }
      }
      if (group.plan().lr() == null) {
        found.add(ConfigCode.missingKey("groups." + group.name() + ".lr", "lr"));
      }
    }
    InvalidScheduleException.throwIfErrors(found);
  }
}
