package dev.anneal.runtime;

import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a training run applies, as one immutable value: the groups with the plans in force, the
 * channels (the union over the plans), each group's reactive state per channel, the number of
 * updates applied, and the parameters bound to the groups (null until training begins).
 *
 * <p>{@link ScheduledTraining} holds it in one volatile reference and replaces it whole when a step
 * ends, a metric is observed, parameters are bound or a checkpoint is restored. So a reader (the
 * per-parameter path, which takes no lock, or a checkpoint being saved) never sees the groups of
 * one plan with the states, step or binding of another: a binding's group indices always point
 * into the groups beside it.
 */
final class RunState {
  private final List<ParameterGroup> groups;
  /** The group names, as a list that {@link StepValues}' {@code List.copyOf} keeps rather than copies. */
  private final List<String> groupNames;
  private final List<String> channels;
  /** {@code states[group][channel]}; never modified once this value is built. */
  private final ScheduleState[][] states;
  private final long step;
  private final GroupBinding binding;

  private RunState(List<ParameterGroup> groups, List<String> channels, ScheduleState[][] states, long step, GroupBinding binding) {
    this.groups = List.copyOf(groups);
    this.groupNames = List.copyOf(this.groups.stream().map(ParameterGroup::name).toList());
    this.channels = channels;
    this.states = states;
    this.step = step;
    this.binding = binding;
  }

  /**
   * The state of a run that has not started: every channel in its initial state, {@code step}
   * updates counted as applied (0 unless the run begins later), nothing bound.
   */
  static RunState initial(List<ParameterGroup> groups, long step) {
    return restored(groups, Collections.nCopies(groups.size(), Map.of()), step, null);
  }

  /**
   * The state a resumed run continues from: {@code groups} with their reactive state by channel
   * name ({@code byChannel}, in the same order; a channel missing there starts from its initial
   * state), {@code step} updates applied and {@code binding} (null if nothing is bound yet).
   */
  static RunState restored(List<ParameterGroup> groups, List<Map<String, ScheduleState>> byChannel, long step, GroupBinding binding) {
    List<String> channels = channelsOf(groups);
    ScheduleState[][] states = new ScheduleState[groups.size()][channels.size()];
    for (int g = 0; g < groups.size(); g++) {
      for (int c = 0; c < channels.size(); c++) {
        Schedule schedule = groups.get(g).plan().findChannel(channels.get(c)).orElse(null);
        ScheduleState state = byChannel.get(g).get(channels.get(c));
        states[g][c] = schedule == null ? ScheduleState.EMPTY : state == null ? schedule.initialState() : state;
      }
    }
    return new RunState(groups, channels, states, step, binding);
  }

  /** The channels scheduled by any of {@code groups}, in declaration order. */
  static List<String> channelsOf(List<ParameterGroup> groups) {
    Set<String> names = new LinkedHashSet<>();
    for (ParameterGroup group : groups) {
      names.addAll(group.plan().channels().keySet());
    }
    return List.copyOf(names);
  }

  List<ParameterGroup> groups() {
    return groups;
  }

  List<String> channels() {
    return channels;
  }

  /** The number of updates applied. */
  long step() {
    return step;
  }

  /** The parameters bound to {@link #groups()}, or null before training began. */
  GroupBinding binding() {
    return binding;
  }

  /** A copy of the reactive states, {@code [group][channel]}, for the caller to keep. */
  ScheduleState[][] statesCopy() {
    ScheduleState[][] copy = new ScheduleState[states.length][];
    for (int g = 0; g < states.length; g++) {
      copy[g] = states[g].clone();
    }
    return copy;
  }

  /** The values of every group and channel at {@code at}, with the reactive state as it stands. */
  StepValues valuesAt(long at) {
    double[][] values = new double[groups.size()][channels.size()];
    for (int g = 0; g < groups.size(); g++) {
      Plan plan = groups.get(g).plan();
      for (int c = 0; c < channels.size(); c++) {
        Schedule schedule = plan.findChannel(channels.get(c)).orElse(null);
        values[g][c] = schedule == null ? Double.NaN : schedule.valueAt(at, states[g][c]);
      }
    }
    return new StepValues(at, groupNames, channels, values);
  }

  /** This state one update later. */
  RunState advanced() {
    return new RunState(groups, channels, states, step + 1, binding);
  }

  /** This state with {@code metric} fed to every reactive schedule, as observed after update {@code last}. */
  RunState observed(double metric, long last) {
    ScheduleState[][] next = statesCopy();
    for (int g = 0; g < groups.size(); g++) {
      for (int c = 0; c < channels.size(); c++) {
        Schedule schedule = groups.get(g).plan().findChannel(channels.get(c)).orElse(null);
        if (schedule != null && schedule.isReactive()) {
          next[g][c] = schedule.observe(next[g][c], last, metric);
        }
      }
    }
    return new RunState(groups, channels, next, step, binding);
  }

  /** This state with the model's parameters bound to its groups. */
  RunState boundTo(GroupBinding bound) {
    return new RunState(groups, channels, states, step, bound);
  }
}
