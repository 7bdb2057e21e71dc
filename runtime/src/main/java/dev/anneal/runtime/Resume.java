package dev.anneal.runtime;

import dev.anneal.checkpoint.Difference;
import dev.anneal.checkpoint.GroupResume;
import dev.anneal.checkpoint.ResumeCheck;
import dev.anneal.checkpoint.ResumePolicy;
import dev.anneal.checkpoint.SavedChannel;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
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
import java.util.function.Function;

/**
 * Which parameter groups and plans a resumed run applies and which reactive state it keeps: reads
 * a checkpoint's groups (their Anneal JSON definitions read back) and compares them with the
 * groups the run was built with, then applies what {@link ResumeCheck#choose} decides for the
 * {@link ResumePolicy} and {@link GroupResume#decide} for each group. The policy itself lives
 * there; here are only what is particular to groups: groups added or removed, their selectors, and
 * whose groups a resume keeps. The differences are (path, checkpoint value, new value), under
 * {@code groups.<name>.}.
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

  /** A group as the checkpoint saved it: its selector's text and its channels by name. */
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
    ResumeCheck.Choice choice = ResumeCheck.choose(policy, differences(saved, current));
    Map<String, SavedGroup> before = byName(saved, SavedGroup::name);
    Map<String, ParameterGroup> now = byName(current, ParameterGroup::name);
    List<ParameterGroup> groups = new ArrayList<>();
    List<Map<String, ScheduleState>> states = new ArrayList<>();
    List<Violation> found = new ArrayList<>();
    if (choice == ResumeCheck.Choice.CHECKPOINT) {
      // The checkpoint's groups, selectors and plans.
      for (SavedGroup group : saved) {
        ParameterGroup same = now.get(group.name());
        GroupResume.Decision decision = GroupResume.decide(
            choice, "groups." + group.name(), group.channels(), same == null ? null : same.plan(), content.step());
        groups.add(new ParameterGroup(group.name(), ParameterSelector.parse(group.selector()), decision.plan()));
        states.add(decision.states());
        found.addAll(decision.problems());
      }
    } else {
      // The run's own groups and selectors, with the plans the choice gives them.
      for (ParameterGroup group : current) {
        SavedGroup was = before.get(group.name());
        GroupResume.Decision decision = GroupResume.decide(
            choice, "groups." + group.name(), was == null ? null : was.channels(), group.plan(), content.step());
        groups.add(decision.plan() == group.plan() ? group : new ParameterGroup(group.name(), group.selector(), decision.plan()));
        states.add(decision.states());
        found.addAll(decision.problems());
      }
    }
    InvalidScheduleException.throwIfErrors(found);
    return new Outcome(groups, states);
  }

  private static List<SavedGroup> read(Sidecar.Content content, Path sidecar) {
    List<SavedGroup> out = new ArrayList<>();
    for (Sidecar.GroupState group : content.groups()) {
      Map<String, SavedChannel> channels = new LinkedHashMap<>();
      for (Sidecar.ChannelState channel : group.channels()) {
        Schedule schedule = channel.definition().isEmpty()
            ? null
            : Definitions.read(channel.definition(), channel.fingerprint(), sidecar, "groups." + group.name() + "." + channel.name());
        channels.put(channel.name(), new SavedChannel(channel.fingerprint(), schedule, channel.unwritable(),
            channel.nextValue(), new ScheduleState(channel.plateaus())));
      }
      out.add(new SavedGroup(group.name(), group.selector(), channels));
    }
    return out;
  }

  /** Every difference, sorted by path: groups added or removed, selectors, and each plan's ({@link GroupResume#differences}). */
  private static List<Difference> differences(List<SavedGroup> saved, List<ParameterGroup> current) {
    Map<String, SavedGroup> before = byName(saved, SavedGroup::name);
    Map<String, ParameterGroup> now = byName(current, ParameterGroup::name);
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
      for (Difference difference : GroupResume.differences(was.channels(), is.plan())) {
        out.add(new Difference(at + "." + difference.path(), difference.saved(), difference.current()));
      }
    }
    out.sort(Comparator.comparing(Difference::path));
    return out;
  }

  private static <T> Map<String, T> byName(List<T> groups, Function<T, String> name) {
    Map<String, T> out = new LinkedHashMap<>();
    groups.forEach(group -> out.put(name.apply(group), group));
    return out;
  }

  private static String describe(String selector, Set<String> channels) {
    return "group (selector " + selector + ", channels " + String.join(", ", channels) + ")";
  }
}
