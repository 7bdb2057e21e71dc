package dev.anneal.config.megatron;

import dev.anneal.config.ConfigCode;
import dev.anneal.config.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what becomes of every flag of a launch script that Anneal does not model, so that nothing
 * is dropped without a word. A flag of the audited groups ({@link FlagAudit}) is refused with what
 * Megatron would do, or named as ignored with its reason, one note each. The flags of Megatron's
 * other groups (model size, parallelism, data, logging, …) never shape the schedule: one note
 * names them all. Flags Megatron's parser does not have, and that are no scheduler flag (those are
 * refused when scanned), belong to the launcher or to the training script's own arguments: one
 * note names them all too.
 */
final class OtherFlags {
  /** {@code NAME=}, {@code NAME+=}: the script sets NAME. */
  private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\+?=");

  /** {@code $NAME}, {@code ${NAME}}, {@code ${NAME[@]}}. */
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

  /** The deprecated batch ramp, which Megatron ignores: beside a batch schedule the batch follows the schedule. */
  private static final String RAMPUP = "--rampup-batch-size";

  private static final String RAMPUP_WITH_SCHEDULE = "deprecated at Megatron-LM " + UpstreamFlags.COMMIT + ", which parses it but never"
      + " passes it to the batch-size calculator and prints nothing about it: the global batch follows --step-batch-size-schedule,"
      + " as the curve here has it";

  private OtherFlags() {}

  /** Reports the flags of {@code flags} that are not {@link MegatronFlag}s. */
  static void report(Flags flags, Problems problems) {
    Map<String, Flags.Other> ignored = new LinkedHashMap<>();
    Set<String> notSchedule = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    boolean batchSchedule = MegatronGeometry.present(flags);
    for (Flags.Other other : flags.upstream()) {
      UpstreamFlags.Upstream upstream = UpstreamFlags.of(other.name()).orElseThrow();
      if (batchSchedule && MegatronGeometry.READ.contains(other.name())) {
        continue; // read by MegatronGeometry: with a batch schedule these shape the curve
      }
      if (!upstream.audited()) {
        notSchedule.add(other.name());
        groups.add(upstream.group());
        continue;
      }
      FlagAudit.Entry entry = FlagAudit.of(other.name())
          .orElseThrow(() -> new IllegalStateException(other.name() + " is in an audited group but not in FlagAudit"));
      switch (entry.disposition()) {
        case REFUSED -> RefusedFlags.report(other, flags, problems);
        case IGNORED, GEOMETRY -> ignored.put(other.name(), other);
        case OPTIMIZER -> { } // honoured: MegatronOptimizer reads it into the config's optimizer
        case MODELLED -> throw new IllegalStateException(other.name() + " is modelled but not a MegatronFlag");
      }
    }
    // One note per ignored flag, at its last occurrence (argparse keeps the last value).
    ignored.values().forEach(other -> problems.add(ConfigCode.ignoredSetting(Flags.path(other.name(), other.word()), String.join(" ", other.values()),
        batchSchedule && other.name().equals(RAMPUP) ? RAMPUP_WITH_SCHEDULE : FlagAudit.of(other.name()).orElseThrow().reason())));
    if (!notSchedule.isEmpty()) {
      problems.add(ConfigCode.ignoredSetting(String.join(", ", notSchedule), null,
          "not schedule settings (Megatron-LM's " + and(new ArrayList<>(groups)) + " flags)"));
    }
    expansions(flags, problems);
    Set<String> unknown = new LinkedHashSet<>();
    flags.unknown().stream().filter(other -> !(batchSchedule && MegatronGeometry.LAUNCHER.contains(other.name())))
        .forEach(other -> unknown.add(other.name()));
    if (!unknown.isEmpty()) {
      problems.add(ConfigCode.ignoredSetting(String.join(", ", unknown), null,
          "not flags of Megatron-LM's parser (at " + UpstreamFlags.COMMIT + "), so taken to be the launcher's or the training script's own;"
              + " Megatron itself stops on a flag it does not know"));
    }
  }

  /**
   * Names each shell expansion that stands alone in a command with flags, unless it expands a
   * variable the script itself sets (whose flags were read where it is set): what it gives Megatron
   * is not known here.
   */
  private static void expansions(Flags flags, Problems problems) {
    Set<Integer> commandsWithFlags = new HashSet<>();
    Set<String> assigned = new HashSet<>();
    for (Token word : flags.words()) {
      if (word.text().startsWith("--")) {
        commandsWithFlags.add(word.command());
      }
      Matcher assignment = ASSIGNMENT.matcher(word.text());
      if (assignment.lookingAt()) {
        assigned.add(assignment.group(1));
      }
    }
    Set<String> reported = new HashSet<>();
    for (Token word : flags.expansions()) {
      if (!commandsWithFlags.contains(word.command()) || !reported.add(word.text())) {
        continue;
      }
      if (word.text().contains("$(") || word.text().contains("`")) {
        problems.add(ConfigCode.ignoredSetting(Flags.path(word.text(), word), null,
            "Anneal does not run command substitutions; if it gives Megatron schedule flags, write them out"));
        continue;
      }
      Matcher variable = VARIABLE.matcher(word.text());
      List<String> unset = new ArrayList<>();
      while (variable.find()) {
        if (!assigned.contains(variable.group(1))) {
          unset.add(variable.group(1));
        }
      }
      if (!unset.isEmpty()) {
        problems.add(ConfigCode.ignoredSetting(Flags.path(word.text(), word), null,
            "Anneal does not expand shell variables, and this script does not set " + and(unset)
                + "; if it gives Megatron schedule flags, write them out"));
      }
    }
  }

  /** {@code a, b and c}. */
  private static String and(List<String> words) {
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
  }
}
