package dev.anneal.checkpoint;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageSpec;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum CheckpointCode implements DiagnosticCode {
  SCHEDULE_CHANGED(Severity.ERROR, "the schedule differs from the checkpoint's ({path}: checkpoint {saved}, now {current}); resume with policy USE_CHECKPOINT (Megatron's --use-checkpoint-opt_param-scheduler), USE_NEW (--override-opt_param-scheduler), CONTINUE_FROM_CURRENT_VALUE or REFIT_TO_NEW_END (the checkpoint's plan fitted to this run's end)"),
  CANNOT_CONTINUE_FROM_ZERO(Severity.ERROR, "cannot continue channel {channel} from its current value {value}: the new schedule is 0 at step {step}, so no scale reaches it"),
  NO_VALUE_TO_CONTINUE(Severity.ERROR, "the checkpoint's schedule has no value at step {step} (it ends there and its after-end policy is FAIL), so there is no value to continue from; resume with policy USE_NEW"),
  CHECKPOINT_WITHOUT_DEFINITION(Severity.ERROR, "the checkpoint holds only a fingerprint of this schedule, not its definition (Anneal JSON has no form for {unwritable}), so policy {policy} cannot restore it; resume with the schedule the checkpoint was saved with, or with policy USE_NEW or CONTINUE_FROM_CURRENT_VALUE"),
  REPLAN_END_NOT_AFTER_STEP(Severity.ERROR, "the new end {end} must be after the re-plan step {step}: at least one update must follow it; give a new end greater than {step}"),
  REPLAN_NO_DECLARED_END(Severity.ERROR, "channel {channel} has no declared end (its last phase runs forever), so there is nothing to fit to the new end {end}; give its last phase a length"),
  REPLAN_AFTER_END(Severity.ERROR, "step {step} is at or past channel {channel}'s declared end {declared}: its schedule has no phase left to fit to the new end {end}; resume with policy USE_NEW and a schedule for the extra updates"),
  REPLAN_UNSUPPORTED(Severity.ERROR, "channel {channel} cannot be re-planned exactly: {reason}"),
  REPLAN_PHASE_TOO_SHORT(Severity.ERROR, "fitting to the new end {end} leaves phase {phase} of channel {channel} {steps} updates long (its {declared} updates scaled by {factor}); every phase needs at least 1: give a later new end"),
  REPLAN_FLAT_AT_STEP(Severity.ERROR, "cannot continue channel {channel} from {value} at step {step}: its {kind} phase, fitted to the new length, is already at its end value {endValue} there, so no fit joins the two; give a later new end"),
  DECAY_NOW_OUTSIDE_STABLE(Severity.ERROR, "step {step} of channel {channel} is in phase {phase} ({name}), not in a stable (constant) phase: decay now branches the cool-down from a checkpoint taken in the stable phase"),
  DECAY_NOW_WITHOUT_DECAY(Severity.ERROR, "the stable phase {phase} of channel {channel} that holds step {step} is the last phase: there is no decay phase after it to branch; re-plan with a new end instead"),
  DECAY_NOW_LENGTH(Severity.ERROR, "the decay must last at least 1 update, not {updates}");

  private final MessageSpec spec;

  CheckpointCode(Severity severity, String template) {
    this.spec = new MessageSpec(severity, template);
  }

  @Override
  public MessageSpec spec() {
    return spec;
  }

  /**
   * The checkpoint's schedule differs from the current one at {@code path}.
   *
   * @param saved the checkpoint's value, or {@code null} if the checkpoint has no such entry
   * @param current the current value, or {@code null} if the current schedule has no such entry
   */
  public static Violation scheduleChanged(String path, String saved, String current) {
    return SCHEDULE_CHANGED.violation(path, current, path, orAbsent(saved), orAbsent(current));
  }

  /** Channel {@code channel} cannot be scaled to its checkpointed {@code value}: the new schedule is 0 at {@code step}. */
  public static Violation cannotContinueFromZero(String path, String channel, double value, long step) {
    return CANNOT_CONTINUE_FROM_ZERO.violation(path, value, channel, value, step);
  }

  /** The checkpoint's schedule ends at {@code step} with after-end FAIL, so there is no value to continue from. */
  public static Violation noValueToContinue(String path, long step) {
    return NO_VALUE_TO_CONTINUE.violation(path, step, step);
  }

  /**
   * A changed channel the checkpoint saved as a fingerprint only, because Anneal JSON cannot write
   * {@code unwritable} (e.g. a shape with no JSON form), so {@code policy} cannot restore it.
   */
  public static Violation checkpointWithoutDefinition(String path, String unwritable, ResumePolicy policy) {
    return CHECKPOINT_WITHOUT_DEFINITION.violation(path, unwritable, unwritable, policy);
  }

  /** A re-plan's new {@code end} is not after its {@code step}. */
  public static Violation replanEndNotAfterStep(String path, long end, long step) {
    return REPLAN_END_NOT_AFTER_STEP.violation(path, end, end, step);
  }

  /** Channel {@code channel} runs forever, so it has no end to fit to {@code end}. */
  public static Violation replanNoDeclaredEnd(String path, String channel, long end) {
    return REPLAN_NO_DECLARED_END.violation(path, null, channel, end);
  }

  /** {@code step} is at or past the channel's {@code declared} end: nothing is left to fit to {@code end}. */
  public static Violation replanAfterEnd(String path, long step, String channel, long declared, long end) {
    return REPLAN_AFTER_END.violation(path, step, step, channel, declared, end);
  }

  /** Channel {@code channel} cannot be re-planned exactly, for {@code reason} (a sentence fragment that names the fix). */
  public static Violation replanUnsupported(String path, String channel, String reason) {
    return REPLAN_UNSUPPORTED.violation(path, null, channel, reason);
  }

  /** Phase {@code phase} of {@code declared} updates would last {@code steps} after scaling by {@code factor}. */
  public static Violation replanPhaseTooShort(String path, long end, int phase, String channel, long steps, long declared, double factor) {
    return REPLAN_PHASE_TOO_SHORT.violation(path, steps, end, phase, channel, steps, declared, factor);
  }

  /** The fitted phase is already at its {@code endValue} at {@code step}, where the run has {@code value}. */
  public static Violation replanFlatAtStep(String path, String channel, double value, long step, String kind, double endValue) {
    return REPLAN_FLAT_AT_STEP.violation(path, value, channel, value, step, kind, endValue);
  }

  /** Decay now asked at {@code step}, which lies in phase {@code phase} ({@code name}), not a constant one. */
  public static Violation decayNowOutsideStable(String path, long step, String channel, int phase, String name) {
    return DECAY_NOW_OUTSIDE_STABLE.violation(path, step, step, channel, phase, name);
  }

  /** Decay now asked in the stable phase {@code phase}, which is the last one. */
  public static Violation decayNowWithoutDecay(String path, int phase, String channel, long step) {
    return DECAY_NOW_WITHOUT_DECAY.violation(path, step, phase, channel, step);
  }

  /** Decay now asked over {@code updates} updates, fewer than 1. */
  public static Violation decayNowLength(String path, long updates) {
    return DECAY_NOW_LENGTH.violation(path, updates, updates);
  }

  private static String orAbsent(String value) {
    return value == null ? "(absent)" : value;
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }
}
