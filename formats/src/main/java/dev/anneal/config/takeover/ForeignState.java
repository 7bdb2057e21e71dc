package dev.anneal.config.takeover;

import dev.anneal.rules.Violation;
import dev.anneal.schedule.PlateauState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a framework's saved scheduler state says, in Anneal's terms. Read by {@link ForeignStates}.
 *
 * @param system the framework
 * @param kind the scheduler's class ({@code StepLR}, {@code WarmupDecayLR}), or the state's name
 *     ({@code opt_param_scheduler}, {@code trainer_state})
 * @param read each field read, as {@code name = value} in the state's own words
 * @param schedulerSteps how many times upstream stepped its scheduler, so how many scheduler steps a
 *     resumed run has behind it: the updates applied when the scheduler steps once per update
 * @param nextValue the lr upstream would use next, when the state records it
 * @param upstream upstream's scheduler rebuilt as a config, when the state holds its settings
 * @param plateau where a {@code ReduceLROnPlateau} stood: value, best, bad epochs, cooldown left
 * @param logged the lr logged at each update (transformers' {@code log_history})
 * @param maxSteps the run's planned length in updates (transformers' {@code max_steps})
 * @param megatron Megatron-LM's saved scheduler values
 * @param notes notes on what the state cannot tell
 */
public record ForeignState(
    StateFormat system,
    String kind,
    List<String> read,
    long schedulerSteps,
    OptionalDouble nextValue,
    Optional<UpstreamConfig> upstream,
    Optional<PlateauState> plateau,
    SortedMap<Long, Double> logged,
    OptionalLong maxSteps,
    Optional<MegatronSchedulerState> megatron,
    List<Violation> notes) {
  public ForeignState {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(kind, "kind");
    read = List.copyOf(read);
    logged = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(logged));
    notes = List.copyOf(notes);
  }
}
