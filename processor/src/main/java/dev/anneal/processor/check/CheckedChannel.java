package dev.anneal.processor.check;

import dev.anneal.processor.read.ChannelDraft;
import dev.anneal.schedule.Sequence;
import java.util.List;
import java.util.Optional;

/**
 * A channel that passed every compile-time rule.
 *
 * @param interpreted for a fixed schedule, the model's sequence with the folded values (what the
 *     generated class must agree with); empty for a parameterized one
 * @param conditions for a parameterized channel, what a config must meet, in checking order
 */
public record CheckedChannel(ChannelDraft draft, List<CheckedPhase> phases, Optional<Sequence> interpreted, List<Condition> conditions) {
  public CheckedChannel {
    phases = List.copyOf(phases);
    conditions = List.copyOf(conditions);
  }
}
