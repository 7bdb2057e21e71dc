package dev.anneal.config.takeover;

import dev.anneal.schedule.ScheduleState;

import dev.anneal.rules.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What {@link TakeOverCheck} found: where a run taken over from {@link #state()} starts, the value
 * upstream and Anneal use there, and every difference.
 *
 * @param state the state read
 * @param resumeStep the update a resumed run starts at (updates already applied): the argument of
 *     {@code ScheduledTraining.Builder.optStartStep}
 * @param updatesPerSchedulerStep the updates one of upstream's scheduler steps spans (1, or an
 *     epoch's updates when the config steps per epoch)
 * @param upstreamNext the lr upstream would use at {@code resumeStep}, when known
 * @param annealNext the lr the config gives at {@code resumeStep}; empty when its schedule refuses it
 * @param upstreamConfig upstream's scheduler rebuilt from the state, as config text, when it could be
 * @param upstreamFormat the format of {@code upstreamConfig}
 * @param differences every difference, in the order found
 * @param diagnostics errors (upstream refuses to resume) and notes (what could not be compared)
 * @param lrState the reactive state the config's lr continues from at the resume step: a saved
 *     plateau's standing (value, best metric, bad epochs, cooldown), else the lr's initial state
 * @param compared whether anything was compared: upstream's next lr, its rebuilt plan, or its logged
 *     lrs; a state that records none of them cannot show that Anneal continues as upstream would
 */
public record TakeOverReport(
    ForeignState state,
    long resumeStep,
    long updatesPerSchedulerStep,
    OptionalDouble upstreamNext,
    OptionalDouble annealNext,
    Optional<String> upstreamConfig,
    String upstreamFormat,
    List<TakeOverDifference> differences,
    List<Violation> diagnostics,
    ScheduleState lrState,
    boolean compared) {
  public TakeOverReport {
    Objects.requireNonNull(state, "state");
    differences = List.copyOf(differences);
    diagnostics = List.copyOf(diagnostics);
    Objects.requireNonNull(lrState, "lrState");
  }

  /** Whether upstream refuses to resume with this config (Megatron-LM's assertion). */
  public boolean refused() {
    return diagnostics.stream().anyMatch(Violation::isError);
  }

  /**
   * Whether Anneal, started at {@link #resumeStep()} with the config, continues exactly as upstream
   * would: something was compared, upstream does not refuse, and no difference parts them.
   */
  public boolean continuesExactly() {
    return compared && !refused() && differences.stream().noneMatch(TakeOverDifference::parts);
  }

  /**
   * The builder call that starts an Anneal run there: the step, and for a plateau taken over its
   * standing ({@link #lrState()}, passed to {@code optStartState("lr", …)}).
   */
  public String builderCall() {
    return "ScheduledTraining.builder()…optStartStep(" + resumeStep + ")"
        + (state.plateau().isPresent() ? ".optStartState(\"lr\", report.lrState())" : "");
  }
}
