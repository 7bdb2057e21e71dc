package dev.anneal.cli;

import dev.anneal.config.ConfigFormat;
import dev.anneal.config.Conversion;
import dev.anneal.config.DidYouMean;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Range;
import dev.anneal.schedule.Schedule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The channels {@code anneal convert} converts: those {@code --channel} names, with a note for each
 * one left out, and, when a whole plan cannot be converted, which channels stand in the way and
 * which convert together, so the refusal can offer {@code --channel} as the fix (or say why it
 * would not help).
 */
final class ConvertChannels {
  private ConvertChannels() {}

  /**
   * {@code plan} with only the channels {@code names} gives, in the plan's own order.
   *
   * @throws CommandFailure ({@code UnknownChannel}) for every name the plan lacks, each with a "did you mean"
   */
  static Plan select(Plan plan, List<String> names, Path file) {
    List<Violation> unknown = names.stream().filter(name -> plan.findChannel(name).isEmpty())
        .map(name -> RuleCode.unknownChannel("--channel", name, DidYouMean.hint(name, plan.channels().keySet())))
        .toList();
    if (!unknown.isEmpty()) {
      throw CommandFailure.badInput(file, unknown);
    }
    return restricted(plan, names);
  }

  /** A {@code ChannelLeftOut} note for each channel of {@code plan} that {@code kept} does not name. */
  static List<Violation> leftOut(Plan plan, List<String> kept) {
    return plan.channels().entrySet().stream().filter(channel -> !kept.contains(channel.getKey()))
        .map(channel -> CliCode.channelLeftOut(channel.getKey(), kept, values(channel.getValue())))
        .toList();
  }

  /**
   * What a target that could not write {@code plan} whole can still do with it, beyond the first
   * refusal ({@code refused}), which is all a writer reports: when the learning rate converts alone,
   * a {@code ChannelNotConvertible} error for each channel that does not convert beside it, naming
   * the channels that convert together for {@code --channel}; when the learning rate does not, its
   * own refusal, so that {@code --channel lr} is not offered in vain. Empty for a plan of one channel.
   */
  static List<Violation> account(Plan plan, ConfigFormat target, OptionalLong compared, List<Violation> refused) {
    if (plan.channels().size() < 2) {
      return List.of();
    }
    // Every format schedules the learning rate first; the others ride on it, so each is tried beside it.
    List<String> base = plan.lr() == null ? List.of() : List.of(Plan.LR);
    if (!base.isEmpty()) {
      List<Violation> lrAlone = refusal(restricted(plan, base), target, compared);
      if (!lrAlone.isEmpty()) {
        return lrAlone.stream().filter(violation -> !refused.contains(violation)).toList();
      }
    }
    List<String> kept = new ArrayList<>(base);
    List<String> blocked = new ArrayList<>();
    for (String channel : plan.channels().keySet()) {
      if (base.contains(channel)) {
        continue;
      }
      List<String> tried = new ArrayList<>(base);
      tried.add(channel);
      (refusal(restricted(plan, tried), target, compared).isEmpty() ? kept : blocked).add(channel);
    }
    List<String> ordered = plan.channels().keySet().stream().filter(kept::contains).toList();
    if (blocked.isEmpty() || ordered.isEmpty() || !refusal(restricted(plan, ordered), target, compared).isEmpty()) {
      return List.of();
    }
    return blocked.stream()
        .map(channel -> CliCode.channelNotConvertible(channel, target.name(), values(plan.channel(channel)), ordered))
        .toList();
  }

  /**
   * A channel's values in words, for a reader deciding whether to leave it out: {@code 0.01 at
   * every step}, {@code from 0 at step 0 to 0.1 at step 99}, or {@code from 1 at step 0, with no
   * declared end}.
   */
  static String values(Schedule schedule) {
    Range range = schedule.range();
    if (range.min() == range.max()) {
      return Values.show(range.min()) + " at every step";
    }
    String first = "from " + Values.show(schedule.valueAt(0)) + " at step 0";
    OptionalLong end = schedule.declaredEnd();
    if (end.isEmpty()) {
      return first + ", with no declared end";
    }
    long last = Math.max(0, end.getAsLong() - 1);
    return first + " to " + Values.show(schedule.valueAt(last)) + " at step " + last;
  }

  /** Why {@code target} cannot convert {@code plan}, or nothing when it can. */
  private static List<Violation> refusal(Plan plan, ConfigFormat target, OptionalLong compared) {
    try {
      Conversion.of(plan, target, compared);
      return List.of();
    } catch (InvalidScheduleException cannot) {
      return cannot.violations();
    }
  }

  private static Plan restricted(Plan plan, List<String> names) {
    Map<String, Schedule> channels = new LinkedHashMap<>();
    plan.channels().forEach((name, schedule) -> {
      if (names.contains(name)) {
        channels.put(name, schedule);
      }
    });
    return new Plan(channels);
  }
}
