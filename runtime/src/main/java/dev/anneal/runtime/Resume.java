package dev.anneal.runtime;

import dev.anneal.checkpoint.CheckpointCode;
import dev.anneal.checkpoint.Difference;
import dev.anneal.checkpoint.Fingerprint;
import dev.anneal.checkpoint.ResumeCheck;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import dev.anneal.schedule.ScheduleState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, by {@link ResumePolicy}, which parameter groups and plans a resumed run applies and
 * which reactive state it keeps: the checkpoint's groups (read back from their Anneal JSON
 * definitions) against the groups the run was built with. The differences are {@link
 * ResumeCheck#differences}' (path, checkpoint value, new value), under {@code groups.<name>.}.
 */
final class Resume {
  private Resume() {}

  /**
   * What a resumed run applies.
   *
   * @param groups the groups, with the plans in force
   * @param states per group (in the same order), the reactive state of each channel by name
   */
  record Outcome(List<ParameterGroup> groups, List<Map<String, ScheduleState>> states) {
    Outcome {
      groups = List.copyOf(groups);
      states = List.copyOf(states);
    }
  }

  /** A saved channel; {@code schedule} is {@code null} when the checkpoint holds no definition of it. */
  private record SavedChannel(
      String name, String fingerprint, Schedule schedule, String unwritable, double nextValue, ScheduleState state) {}

  private record SavedGroup(String name, String selector, Map<String, SavedChannel> channels) {}

  /**
   * The groups and states a run resumed from {@code content} applies.
   *
   * @throws InvalidScheduleException ({@code ScheduleChanged}) listing every difference under {@link
   *     ResumePolicy#FAIL_ON_DIFFERENCE}; ({@code CheckpointWithoutDefinition}) under {@link
   *     ResumePolicy#USE_CHECKPOINT} for a changed schedule the checkpoint holds no definition of;
   *     ({@code CannotContinueFromZero}, {@code NoValueToContinue}) under {@link
   *     ResumePolicy#CONTINUE_FROM_CURRENT_VALUE}; ({@code CheckpointUnreadable}) if a definition
   *     does not read back to the schedule it was saved from
   */
  static Outcome resolve(Sidecar.Content content, Path sidecar, List<ParameterGroup> current, ResumePolicy policy) {
    List<SavedGroup> saved = read(content, sidecar);
    List<Difference> differences = differences(saved, current);
    if (differences.isEmpty()) {
      return useNew(saved, current);
    }
    return switch (policy) {
      case FAIL_ON_DIFFERENCE -> {
        List<Violation> found = new ArrayList<>();
        for (Difference difference : differences) {
          found.add(CheckpointCode.scheduleChanged(difference.path(), difference.saved(), difference.current()));
        }
        throw new InvalidScheduleException(found);
      }
      case USE_CHECKPOINT -> useCheckpoint(saved, current);
      case USE_NEW -> useNew(saved, current);
      case CONTINUE_FROM_CURRENT_VALUE -> continueFromCurrentValue(saved, current, content.step());
    };
  }

  private static List<SavedGroup> read(Sidecar.Content content, Path sidecar) {
    List<SavedGroup> out = new ArrayList<>();
    for (Sidecar.GroupState group : content.groups()) {
      Map<String, SavedChannel> channels = new LinkedHashMap<>();
      for (Sidecar.ChannelState channel : group.channels()) {
        Schedule schedule = channel.definition().isEmpty()
            ? null
            : Definitions.read(channel.definition(), channel.fingerprint(), sidecar, "groups." + group.name() + "." + channel.name());
        channels.put(channel.name(), new SavedChannel(channel.name(), channel.fingerprint(), schedule, channel.unwritable(),
            channel.nextValue(), new ScheduleState(channel.plateaus())));
      }
      out.add(new SavedGroup(group.name(), group.selector(), channels));
    }
    return out;
  }

  /** Every difference, sorted by path: groups added or removed, selectors, and each plan's definition. */
  private static List<Difference> differences(List<SavedGroup> saved, List<ParameterGroup> current) {
    Map<String, SavedGroup> before = byName(saved);
    Map<String, ParameterGroup> now = currentByName(current);
    Set<String> names = new LinkedHashSet<>(before.keySet());
    names.addAll(now.keySet());
    List<Difference> out = new ArrayList<>();
    for (String name : names) {
      SavedGroup was = before.get(name);
      ParameterGroup is = now.get(name);
      String at = "groups." + name;
      if (was == null || is == null) {
        out.add(new Difference(at, was == null ? null : describe(was.selector(), was.channels().keySet()),
            is == null ? null : describe(is.selector().text(), is.plan().channels().keySet())));
        continue;
      }
      if (!was.selector().equals(is.selector().text())) {
        out.add(new Difference(at + ".selector", was.selector(), is.selector().text()));
      }
      Map<String, Schedule> defined = new LinkedHashMap<>();
      Map<String, Schedule> compared = new LinkedHashMap<>(is.plan().channels());
      for (SavedChannel channel : was.channels().values()) {
        if (channel.schedule() != null) {
          defined.put(channel.name(), channel.schedule());
          continue;
        }
        // No definition saved: the fingerprints alone tell whether the schedule changed.
        Schedule schedule = compared.remove(channel.name());
        String fingerprint = schedule == null ? null : Fingerprint.of(schedule);
        if (!channel.fingerprint().equals(fingerprint)) {
          out.add(new Difference(at + "." + channel.name(), "schedule " + shortened(channel.fingerprint()) + " (no definition saved)",
              fingerprint == null ? null : "schedule " + shortened(fingerprint)));
        }
      }
      for (Difference difference : ResumeCheck.differences(new Plan(defined), new Plan(compared))) {
        out.add(new Difference(at + "." + difference.path(), difference.saved(), difference.current()));
      }
    }
    out.sort(Comparator.comparing(Difference::path));
    return out;
  }

  /** The current groups; reactive state kept for every channel whose definition did not change. */
  private static Outcome useNew(List<SavedGroup> saved, List<ParameterGroup> current) {
    Map<String, SavedGroup> before = byName(saved);
    List<Map<String, ScheduleState>> states = new ArrayList<>();
    for (ParameterGroup group : current) {
      Map<String, ScheduleState> byChannel = new LinkedHashMap<>();
      group.plan().channels().forEach((name, schedule) -> {
        SavedChannel was = channel(before.get(group.name()), name);
        boolean unchanged = was != null && was.fingerprint().equals(Fingerprint.of(schedule));
        byChannel.put(name, unchanged ? was.state() : schedule.initialState());
      });
      states.add(byChannel);
    }
    return new Outcome(current, states);
  }

  /**
   * The checkpoint's groups, selectors and plans, with their reactive state. A channel saved
   * without a definition can be taken only where the current plan holds the very same schedule.
   */
  private static Outcome useCheckpoint(List<SavedGroup> saved, List<ParameterGroup> current) {
    Map<String, ParameterGroup> now = currentByName(current);
    List<ParameterGroup> groups = new ArrayList<>();
    List<Map<String, ScheduleState>> states = new ArrayList<>();
    List<Violation> found = new ArrayList<>();
    for (SavedGroup group : saved) {
      Map<String, Schedule> channels = new LinkedHashMap<>();
      Map<String, ScheduleState> byChannel = new LinkedHashMap<>();
      for (SavedChannel channel : group.channels().values()) {
        Schedule schedule = channel.schedule();
        if (schedule == null) {
          ParameterGroup same = now.get(group.name());
          Schedule candidate = same == null ? null : same.plan().findChannel(channel.name()).orElse(null);
          if (candidate == null || !Fingerprint.of(candidate).equals(channel.fingerprint())) {
            found.add(RuntimeCode.CHECKPOINT_WITHOUT_DEFINITION.at(
                "groups." + group.name() + "." + channel.name(), channel.unwritable(), channel.unwritable(), ResumePolicy.USE_CHECKPOINT));
            continue;
          }
          schedule = candidate;
        }
        channels.put(channel.name(), schedule);
        byChannel.put(channel.name(), channel.state());
      }
      groups.add(new ParameterGroup(group.name(), ParameterSelector.parse(group.selector()), new Plan(channels)));
      states.add(byChannel);
    }
    InvalidScheduleException.throwIfErrors(found);
    return new Outcome(groups, states);
  }

  /**
   * The current groups; each changed channel scaled so that at the resume step it gives the value
   * the run had reached (reactive reductions included), so the run continues without a jump.
   */
  private static Outcome continueFromCurrentValue(List<SavedGroup> saved, List<ParameterGroup> current, long step) {
    Map<String, SavedGroup> before = byName(saved);
    List<ParameterGroup> groups = new ArrayList<>();
    List<Map<String, ScheduleState>> states = new ArrayList<>();
    List<Violation> found = new ArrayList<>();
    for (ParameterGroup group : current) {
      Map<String, Schedule> channels = new LinkedHashMap<>(group.plan().channels());
      Map<String, ScheduleState> byChannel = new LinkedHashMap<>();
      group.plan().channels().forEach((name, schedule) -> {
        SavedChannel was = channel(before.get(group.name()), name);
        String at = "groups." + group.name() + "." + name;
        if (was != null && was.fingerprint().equals(Fingerprint.of(schedule))) {
          byChannel.put(name, was.state());
          return;
        }
        byChannel.put(name, schedule.initialState());
        if (was == null) {
          return; // a channel the checkpoint did not schedule starts as declared
        }
        ResumeCheck.Continuation continued = ResumeCheck.continueFrom(at, name, was.nextValue(), schedule, step);
        if (continued.problem() != null) {
          found.add(continued.problem());
        } else {
          channels.put(name, continued.schedule());
        }
      });
      groups.add(new ParameterGroup(group.name(), group.selector(), new Plan(channels)));
      states.add(byChannel);
    }
    InvalidScheduleException.throwIfErrors(found);
    return new Outcome(groups, states);
  }

  private static Map<String, SavedGroup> byName(List<SavedGroup> groups) {
    Map<String, SavedGroup> out = new LinkedHashMap<>();
    groups.forEach(group -> out.put(group.name(), group));
    return out;
  }

  private static Map<String, ParameterGroup> currentByName(List<ParameterGroup> groups) {
    Map<String, ParameterGroup> out = new LinkedHashMap<>();
    groups.forEach(group -> out.put(group.name(), group));
    return out;
  }

  private static SavedChannel channel(SavedGroup group, String name) {
    return group == null ? null : group.channels().get(name);
  }

  private static String describe(String selector, Set<String> channels) {
    return "group (selector " + selector + ", channels " + String.join(", ", channels) + ")";
  }

  private static String shortened(String fingerprint) {
    return fingerprint.substring(0, 12) + "…";
  }
}
