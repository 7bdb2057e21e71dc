package dev.anneal.schedule;

import dev.anneal.rules.Code;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of a plan's channels: a learning rate never below 0, momentum and β1 in [0, 1),
 * weight decay never below 0, every value finite. They use each schedule's {@link
 * Schedule#range()}, so they hold at every step, not just the ones that were sampled.
 */
public final class PlanRules {
  private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private PlanRules() {}

  public static List<Violation> check(Map<String, Schedule> channels) {
    List<Violation> out = new ArrayList<>();
    channels.forEach((name, schedule) -> {
      String path = "channels." + name;
      if (!CHANNEL_NAME.matcher(name).matches()) {
        out.add(Code.UNKNOWN_CHANNEL.at(path, name, "'" + name + "' (channel names are lower case: lr, momentum, weight_decay, or your own)"));
        return;
      }
      out.addAll(channel(name, schedule).stream().map(v -> v.under(path)).toList());
    });
    return out;
  }

  /** The rules for one channel; paths relative to the channel. */
  public static List<Violation> channel(String name, Schedule schedule) {
    List<Violation> out = new ArrayList<>();
    Range range = schedule.range();
    if (!range.isFinite()) {
      out.add(Code.NON_FINITE_AT_STEP.at("", null, "some step", "unbounded (range " + Values.show(range.min()) + " to " + Values.show(range.max()) + ")"));
    } else {
      switch (name) {
        case Plan.LR -> {
          if (range.min() < 0) {
            out.add(Code.NEGATIVE_LEARNING_RATE.at("", range.min(), range.min()));
          }
        }
        case Plan.MOMENTUM -> {
          // DeepSpeed's post-cycle momentum grows past 1; it is reproduced and warns instead (Beta1AboveOne).
          if ((range.min() < 0 || range.max() >= 1) && !PostCycleMomentum.onlyExcursion(schedule)) {
            double bad = range.min() < 0 ? range.min() : range.max();
            out.add(Code.MOMENTUM_OUT_OF_RANGE.at("", bad, name, bad));
          }
        }
        case Plan.WEIGHT_DECAY -> {
          if (range.min() < 0) {
            out.add(Code.NEGATIVE_WEIGHT_DECAY.at("", range.min(), range.min()));
          }
        }
        default -> {}
      }
    }
    if (Plan.LR.equals(name) && out.isEmpty() && schedule.valueAt(0) == 0) {
      out.add(Code.FIRST_UPDATE_AT_ZERO.at("", 0.0, "the value at step 0 is 0"));
    }
    out.addAll(schedule.warnings());
    return out;
  }
}
