package dev.anneal.checkpoint;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageSpec;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum CheckpointCode implements DiagnosticCode {
  SCHEDULE_CHANGED(Severity.ERROR, "the schedule differs from the checkpoint's ({path}: checkpoint {saved}, now {current}); resume with policy USE_CHECKPOINT (Megatron's --use-checkpoint-opt_param-scheduler), USE_NEW (--override-opt_param-scheduler) or CONTINUE_FROM_CURRENT_VALUE"),
  CANNOT_CONTINUE_FROM_ZERO(Severity.ERROR, "cannot continue channel {channel} from its current value {value}: the new schedule is 0 at step {step}, so no scale reaches it"),
  NO_VALUE_TO_CONTINUE(Severity.ERROR, "the checkpoint's schedule has no value at step {step} (it ends there and its after-end policy is FAIL), so there is no value to continue from; resume with policy USE_NEW"),
  CHECKPOINT_WITHOUT_DEFINITION(Severity.ERROR, "the checkpoint holds only a fingerprint of this schedule, not its definition (Anneal JSON has no form for {unwritable}), so policy {policy} cannot restore it; resume with the schedule the checkpoint was saved with, or with policy USE_NEW or CONTINUE_FROM_CURRENT_VALUE");

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

  private static String orAbsent(String value) {
    return value == null ? "(absent)" : value;
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }
}
