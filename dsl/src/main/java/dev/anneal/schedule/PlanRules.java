package dev.anneal.schedule;

import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of a plan's channels: a learning rate never below 0, momentum and β1 in [0, 1),
 * weight decay never below 0, every value finite. They use each schedule's {@link
 * Schedule#range()}, so they hold at every step, not just the ones that were sampled. {@link
 * RuleSet#plan} runs them over a whole plan.
 */
public final class PlanRules {
  private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z][a-z0-9_]*");

  /** The channels Anneal knows by name and checks the bounds of. */
  public static final List<String> WELL_KNOWN_CHANNELS = List.of(Plan.LR, Plan.MOMENTUM, Plan.WEIGHT_DECAY);

  private PlanRules() {}

  /**
   * The rule of a channel's name, reported at {@code path}: a misspelled well-known channel (see
   * {@link #misspelledChannel}), or a name that is not lower case. The builder's {@link Plan}, the
   * config readers and the annotation processor all run it (through {@link RuleSet}, or on its own
   * where a name comes before its schedule).
   */
  public static List<Violation> channelName(String path, String name) {
    Optional<Violation> misspelled = misspelledChannel(path, name);
    if (misspelled.isPresent()) {
      return List.of(misspelled.get());
    }
    if (!CHANNEL_NAME.matcher(name).matches()) {
      return List.of(RuleCode.unknownChannel(path, name, " (channel names are lower case: lr, momentum, weight_decay, or your own)"));
    }
    return List.of();
  }

  /**
   * An {@code UnknownChannel} with a "did you mean" if {@code name} is not a well-known channel
   * but one edit from one (two for names of six letters or more; case, dashes and underscores
   * aside). Any other lower-case name is a channel of its own, so a misspelled {@code momentum}
   * would silently become a channel nobody reads, its bounds unchecked.
   */
  public static Optional<Violation> misspelledChannel(String path, String name) {
    if (WELL_KNOWN_CHANNELS.contains(name)) {
      return Optional.empty();
    }
    String normal = normalize(name);
    int allowed = normal.length() >= 6 ? 2 : 1;
    for (String channel : WELL_KNOWN_CHANNELS) {
      if (withinEdits(normal, normalize(channel), allowed)) {
        return Optional.of(RuleCode.unknownChannel(path, name, "; did you mean `" + channel + "`?"));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code a} turns into {@code b} with at most {@code limit} single-character insertions,
   * deletions or substitutions (Levenshtein distance). Written here rather than taken from
   * commons-text so that the model artifact keeps no dependency; the config formats' own
   * "did you mean" ({@code dev.anneal.config.DidYouMean}) keeps using commons-text.
   */
  static boolean withinEdits(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) {
      return false;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      int best = current[0];
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
        best = Math.min(best, current[j]);
      }
      if (best > limit) {
        return false; // every later row is at least this row's minimum
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()] <= limit;
  }

  private static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /** The rules for one channel; paths relative to the channel. */
  public static List<Violation> channel(String name, Schedule schedule) {
    List<Violation> out = new ArrayList<>();
    Range range = schedule.range();
    if (!range.isFinite()) {
      out.add(RuleCode.nonFiniteAtStep("", null, "some step", "unbounded (range " + Values.show(range.min()) + " to " + Values.show(range.max()) + ")"));
    } else {
      switch (name) {
        case Plan.LR -> {
          if (range.min() < 0) {
            out.add(RuleCode.negativeLearningRate("", range.min()));
          }
        }
        case Plan.MOMENTUM -> {
          // DeepSpeed's post-cycle momentum grows past 1; it is reproduced and warns instead (Beta1AboveOne).
          if ((range.min() < 0 || range.max() >= 1) && !PostCycleMomentum.onlyExcursion(schedule)) {
            double bad = range.min() < 0 ? range.min() : range.max();
            out.add(RuleCode.momentumOutOfRange("", name, bad));
          }
        }
        case Plan.WEIGHT_DECAY -> {
          if (range.min() < 0) {
            out.add(RuleCode.negativeWeightDecay("", range.min()));
          }
        }
        default -> {}
      }
    }
    if (Plan.LR.equals(name) && out.isEmpty() && schedule.valueAt(0) == 0) {
      out.add(RuleCode.firstUpdateAtZero("", 0.0, "the value at step 0 is 0"));
    }
    out.addAll(schedule.warnings());
    return out;
  }
}
