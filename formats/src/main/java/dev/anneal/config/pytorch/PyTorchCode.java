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
  BOUNCES_PAST_TOTAL(Severity.WARNING, "at step {step} ({stepFrom}) PyTorch evaluates the cycle once past its end, so the learning rate bounces back to {bounce}; one more scheduler.step() raises ValueError upstream, so Anneal refuses steps after {step}"),
  INVALID_BOUNCE(Severity.WARNING, "at step {step} ({stepFrom}) PyTorch evaluates the cycle once past its end, where the learning rate would be {bounce}; Anneal ends the plan before that step"),
  NO_EFFECT(Severity.WARNING, "{argument} has no effect in Anneal ({reason}); remove it"),
  MILESTONES_UNSORTED(Severity.WARNING, "milestones {milestones} are not in increasing order; PyTorch counts them as a set, so they act as {sorted}"),
  ZERO_TOTAL_ITERS(Severity.WARNING, "total_iters is 0, so PyTorch 1.13 {consequence}"),
  GAMMA_ABOVE_ONE(Severity.WARNING, "gamma ({gamma}) is above 1, so torch's {scheduler} raises the learning rate {growth}; a decay needs a gamma below 1"),
  POWER_ZERO(Severity.WARNING, "power is 0, so torch's PolynomialLR keeps the learning rate at {lr} for good (x ** 0 is 1, even 0.0 ** 0 at total_iters); use power 1 for a linear decay to 0"),
  SAWTOOTH_CYCLE(Severity.WARNING, "step_size_down is 0, which torch keeps (only None means step_size_up), so each cycle rises for {up} steps and drops back to base_lr in one step, a sawtooth; leave step_size_down out for a symmetric cycle"),
  INVERTED_CYCLE(Severity.WARNING, "{baseField} ({base}) is above {maxField} ({max}), so torch's CyclicLR cycles the {channel} upside down, from {start} towards {turn} and back; swap the two values for the usual cycle"),
  FLOOR_ABOVE_START(Severity.WARNING, "eta_min ({etaMin}) is above the learning rate ({lr}), so torch's {scheduler} raises the learning rate towards eta_min where a decay was probably meant; set eta_min below the learning rate"),
  MIN_LR_ABOVE_LR(Severity.WARNING, "min_lr ({minLr}) is above the learning rate ({lr}), so torch's ReduceLROnPlateau never changes it: a reduction would raise it to min_lr, and torch applies only a change that lowers it by more than eps; set min_lr below the learning rate"),
  NEGATIVE_STEP_SIZE(Severity.WARNING, "step_size ({stepSize}) is negative; torch's StepLR decays at each step that step_size divides, and Python's modulo finds those at every multiple of {every} whatever the sign, so the learning rate decays every {every} steps; write step_size {every}"),
  GAMMA_ZERO(Severity.WARNING, "gamma is 0, so torch's {scheduler} sets the learning rate to 0 at step {step} and keeps it there, and no later update changes the model; a decay needs a gamma between 0 and 1");

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

  /**
   * A {@code gamma} above 1 in a scheduler named for decay: torch does not check it and grows the
   * learning rate, reproduced.
   *
   * @param growth how and how far the learning rate grows, e.g. "x4 at step 30"
   */
  public static Violation gammaAboveOne(String path, double gamma, String scheduler, String growth) {
    return GAMMA_ABOVE_ONE.violation(path, gamma, gamma, scheduler, growth);
  }

  /** PolynomialLR's {@code power = 0}: every factor is 1, so the learning rate {@code lr} never moves. */
  public static Violation powerZero(String path, double value, double lr) {
    return POWER_ZERO.violation(path, value, lr);
  }

  /** CyclicLR's {@code step_size_down = 0}: torch keeps the 0, so the cycle falls in one step. */
  public static Violation sawtoothCycle(String path, long value, long up) {
    return SAWTOOTH_CYCLE.violation(path, value, up);
  }

  /**
   * CyclicLR's lower end above its upper end, for the learning rate ({@code base_lr}, {@code
   * max_lr}) or the momentum ({@code base_momentum}, {@code max_momentum}): torch runs the cycle
   * with a negative height.
   *
   * @param channel "learning rate" or "momentum"
   * @param start the value the cycle starts (and ends) each cycle at
   * @param turn the value it turns back at
   */
  public static Violation invertedCycle(
      String path, String baseField, double base, String maxField, double max, String channel, double start, double turn) {
    return INVERTED_CYCLE.violation(path, base, baseField, base, maxField, max, channel, start, turn);
  }

  /** A cosine's {@code eta_min} above the learning rate it starts from: torch's cosine rises to it. */
  public static Violation floorAboveStart(String path, double etaMin, double lr, String scheduler) {
    return FLOOR_ABOVE_START.violation(path, etaMin, etaMin, lr, scheduler);
  }

  /** ReduceLROnPlateau's {@code min_lr} above the learning rate: no reduction ever applies. */
  public static Violation minLrAboveLr(String path, double minLr, double lr) {
    return MIN_LR_ABOVE_LR.violation(path, minLr, minLr, lr);
  }

  /**
   * StepLR's negative {@code step_size}: Python's modulo is 0 at every multiple of its magnitude,
   * so torch decays every {@code every} steps.
   */
  public static Violation negativeStepSize(String path, long stepSize, long every) {
    return NEGATIVE_STEP_SIZE.violation(path, stepSize, stepSize, every);
  }

  /** A {@code gamma} of 0: torch's first decay, at {@code step}, zeroes the learning rate for good. */
  public static Violation gammaZero(String path, double value, String scheduler, long step) {
    return GAMMA_ZERO.violation(path, value, scheduler, step);
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }
}
