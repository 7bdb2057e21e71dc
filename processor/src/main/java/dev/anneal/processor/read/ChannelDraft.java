package dev.anneal.processor.read;

import dev.anneal.schedule.AfterEnd;
import java.util.List;

/**
 * One channel as written: the phases of a {@code @TrainingSchedule}, or one {@code @Channel} of a
 * {@code @TrainingPlan}.
 *
 * @param path the path that prefixes its diagnostics: empty for a schedule, {@code
 *     channels.momentum} in a plan
 */
public record ChannelDraft(Located<String> name, List<PhaseDraft> phases, Located<AfterEnd> afterEnd, String path, Site where) {
  public ChannelDraft {
    phases = List.copyOf(phases);
  }

  /** The path of {@code suffix} in this channel, e.g. {@code channels.momentum.phases[1].to}. */
  public String path(String suffix) {
    return path.isEmpty() ? suffix : suffix.isEmpty() ? path : path + "." + suffix;
  }
}
