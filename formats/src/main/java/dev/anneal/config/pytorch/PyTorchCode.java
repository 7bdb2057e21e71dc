package dev.anneal.config.pytorch;

import dev.anneal.rules.DiagnosticCode;
import dev.anneal.rules.MessageSpec;
import dev.anneal.rules.MessageTemplate;
import dev.anneal.rules.Severity;
import dev.anneal.rules.Violation;
import java.util.List;

/** The diagnostics owned by this package; see {@link DiagnosticCode}. */
public enum PyTorchCode implements DiagnosticCode {
  RESUME_BY_STEP(Severity.ERROR, "last_epoch ({lastEpoch}) asks PyTorch to resume a scheduler by re-constructing it; Anneal resumes by step: leave last_epoch at -1 and evaluate the schedule from the step you resume at"),
  NO_MOMENTUM_TO_CYCLE(Severity.ERROR, "{optimizer} has no momentum in torch 1.13, so {scheduler} with cycle_momentum true raises ValueError there; set cycle_momentum to false"),
  MILESTONE_COUNT(Severity.ERROR, "SequentialLR needs exactly one milestone fewer than schedulers, but has {schedulerCount} schedulers and {milestoneCount} milestones (upstream raises ValueError)"),
  BOUNCES_PAST_TOTAL(Severity.NOTE, "at step {step} ({stepFrom}) PyTorch evaluates the cycle once past its end, so the learning rate bounces back to {bounce}; one more scheduler.step() raises ValueError upstream, so Anneal refuses steps after {step}"),
  INVALID_BOUNCE(Severity.NOTE, "at step {step} ({stepFrom}) PyTorch evaluates the cycle once past its end, where the learning rate would be {bounce}; Anneal ends the plan before that step"),
  NO_EFFECT(Severity.NOTE, "{argument} has no effect in Anneal ({reason}); remove it"),
  MILESTONES_UNSORTED(Severity.WARNING, "milestones {milestones} are not in increasing order; PyTorch counts them as a set, so they act as {sorted}"),
  ZERO_TOTAL_ITERS(Severity.WARNING, "total_iters is 0, so PyTorch 1.13 {consequence}");

  private final MessageSpec spec;

  PyTorchCode(Severity severity, String template) {
    this.spec = new MessageSpec(severity, template);
  }

  @Override
  public MessageSpec spec() {
    return spec;
  }

  public static Violation resumeByStep(String path, long lastEpoch) {
    return RESUME_BY_STEP.violation(path, lastEpoch, lastEpoch);
  }

  /**
   * @param optimizer the torch name of the optimizer without momentum
   * @param scheduler the scheduler that would cycle it
   */
  public static Violation noMomentumToCycle(String path, String optimizer, String scheduler) {
    return NO_MOMENTUM_TO_CYCLE.violation(path, true, optimizer, scheduler);
  }

  /** @param value the milestones as given */
  public static Violation milestoneCount(String path, List<Long> value, int schedulerCount, int milestoneCount) {
    return MILESTONE_COUNT.violation(path, value, schedulerCount, milestoneCount);
  }

  /**
   * OneCycleLR's last valid step lies one past its cycle, where the curve turns back: a valid value,
   * kept with a warning.
   *
   * @param stepFrom the arguments that give the step ("total_steps")
   * @param bounce the learning rate at that step
   */
  public static Violation bouncesPastTotal(String path, long step, String stepFrom, String bounce) {
    return BOUNCES_PAST_TOTAL.violation(path, step, step, stepFrom, bounce);
  }

  /**
   * Like {@link #bouncesPastTotal}, where the value past the cycle is not valid (a negative
   * learning rate, a momentum outside [0, 1)), so the plan ends before it.
   *
   * @param bounce the learning rate there, and the momentum where it is cycled
   */
  public static Violation invalidBounce(String path, long step, String stepFrom, String bounce) {
    return INVALID_BOUNCE.violation(path, step, step, stepFrom, bounce);
  }

  /** @param reason what the argument does upstream */
  public static Violation noEffect(String path, boolean value, String argument, String reason) {
    return NO_EFFECT.violation(path, value, argument, reason);
  }

  /** @param sorted the milestones as PyTorch uses them */
  public static Violation milestonesUnsorted(String path, List<Long> milestones, List<Long> sorted) {
    return MILESTONES_UNSORTED.violation(path, milestones, milestones, sorted);
  }

  /** @param consequence what PyTorch does then, from "total_iters is 0, so PyTorch 1.13" on */
  public static Violation zeroTotalIters(String path, long value, String consequence) {
    return ZERO_TOTAL_ITERS.violation(path, value, consequence);
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }
}
