package dev.anneal.config.megatron;

import dev.anneal.config.Problems;
import dev.anneal.rules.Code;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
  private OtherFlags() {}

  /** Reports the flags of {@code flags} that are not {@link MegatronFlag}s. */
  static void report(Flags flags, Problems problems) {
    Map<String, Flags.Other> ignored = new LinkedHashMap<>();
    Set<String> notSchedule = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    for (Flags.Other other : flags.upstream()) {
      UpstreamFlags.Upstream upstream = UpstreamFlags.of(other.name()).orElseThrow();
      if (!upstream.audited()) {
        notSchedule.add(other.name());
        groups.add(upstream.group());
        continue;
      }
      FlagAudit.Entry entry = FlagAudit.of(other.name())
          .orElseThrow(() -> new IllegalStateException(other.name() + " is in an audited group but not in FlagAudit"));
      switch (entry.disposition()) {
        case REFUSED -> RefusedFlags.report(other, flags, problems);
        case IGNORED -> ignored.put(other.name(), other);
        case MODELLED -> throw new IllegalStateException(other.name() + " is modelled but not a MegatronFlag");
      }
    }
    // One note per ignored flag, at its last occurrence (argparse keeps the last value).
    ignored.values().forEach(other -> problems.add(Code.IGNORED_SETTING.at(Flags.path(other.name(), other.word()), String.join(" ", other.values()),
        FlagAudit.of(other.name()).orElseThrow().reason())));
    if (!notSchedule.isEmpty()) {
      problems.add(Code.IGNORED_SETTING.at(String.join(", ", notSchedule), null,
          "not schedule settings (Megatron-LM's " + and(new ArrayList<>(groups)) + " flags)"));
    }
    Set<String> unknown = new LinkedHashSet<>();
    flags.unknown().forEach(other -> unknown.add(other.name()));
    if (!unknown.isEmpty()) {
      problems.add(Code.IGNORED_SETTING.at(String.join(", ", unknown), null,
          "not flags of Megatron-LM's parser (at " + UpstreamFlags.COMMIT + "), so taken to be the launcher's or the training script's own;"
              + " Megatron itself stops on a flag it does not know"));
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
