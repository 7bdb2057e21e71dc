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
  ZERO_TOTAL_ITERS(Severity.WARNING, "total_iters is 0, so PyTorch 1.13 {consequence}"),
  NEWER_TORCH_ONLY(Severity.ERROR, "{feature} is new in torch 2.x: torch 1.13 {refusal}; remove it, or remove \"torch_version\": \"1.13\" to follow the newest PyTorch"),
  ONE_CYCLE_REWRITES_BASE(Severity.WARNING, "OneCycleLR ({oneCycle}) sets the optimizer's initial_lr to {initialLr} (max_lr / div_factor) when it is built, and SequentialLR starts {first} from initial_lr, so {first} multiplies {initialLr} instead of lr {lr}; build OneCycleLR first, or set the optimizer's lr to {initialLr} to say so"),
  CHAIN_OVERWRITES_FACTORS(Severity.WARNING, "{member} sets the learning rate from its own base at every step instead of multiplying it, so in this ChainedScheduler {effect}; if you meant the product of the schedules, write it with Anneal's builder"),
  NESTED_MILESTONES_EARLY(Severity.WARNING, "torch 2.x rewinds the schedulers inside this SequentialLR but not its own step count, so it starts {first} at its first value but every milestone of it takes effect one step early ({milestones} act as {early}; pytorch/pytorch#196243); list its schedulers in the outer SequentialLR to switch on time"),
  FIRST_STEP_OUTSIDE_INITIAL_MODE(Severity.WARNING, "torch 2.x rewinds {member} inside this first member of SequentialLR and steps it once outside its initial mode, so it applies its step ratio at step 0 too: the learning rate starts at {factor} x its own first value; give {member} to the SequentialLR directly to start at its first value"),
  CYCLES_BETA1(Severity.WARNING, "torch 2.x's CyclicLR cycles {optimizer}'s betas[0] when cycle_momentum is true (the default), here between SGD momentum's defaults max_momentum {maxMomentum} and base_momentum {baseMomentum}, replacing betas[0] {beta1}; set cycle_momentum to false to keep betas[0], or set base_momentum and max_momentum for it"),
  NESTED_FIRST_AHEAD(Severity.WARNING, "torch 1.13 rewinds the step count of this nested SequentialLR but not its schedulers, so {first} starts one step ahead and from the full learning rate: {factor} x lr at step 0 (torch 2.x does otherwise); list its schedulers in the outer SequentialLR to start at its first value"),
  GAMMA_ABOVE_ONE(Severity.WARNING, "gamma ({gamma}) is above 1, so torch's {scheduler} raises the learning rate {growth}; a decay needs a gamma below 1"),
  POWER_ZERO(Severity.WARNING, "power is 0, so torch's PolynomialLR keeps the learning rate at {lr} for good (x ** 0 is 1, even 0.0 ** 0 at total_iters); use power 1 for a linear decay to 0"),
  SAWTOOTH_CYCLE(Severity.WARNING, "step_size_down is 0, which torch keeps (only None means step_size_up), so each cycle rises for {up} steps and drops back to base_lr in one step, a sawtooth; leave step_size_down out for a symmetric cycle"),
  INVERTED_CYCLE(Severity.WARNING, "{baseField} ({base}) is above {maxField} ({max}), so torch's CyclicLR cycles the {channel} upside down, from {start} towards {turn} and back; swap the two values for the usual cycle"),
  FLOOR_ABOVE_START(Severity.WARNING, "eta_min ({etaMin}) is above the learning rate ({lr}), so torch's {scheduler} raises the learning rate towards eta_min where a decay was probably meant; set eta_min below the learning rate"),
  MIN_LR_ABOVE_LR(Severity.WARNING, "min_lr ({minLr}) is above the learning rate ({lr}), so torch's ReduceLROnPlateau never changes it: a reduction would raise it to min_lr, and torch applies only a change that lowers it by more than eps; set min_lr below the learning rate"),
  NEGATIVE_STEP_SIZE(Severity.WARNING, "step_size ({stepSize}) is negative; torch's StepLR decays at each step that step_size divides, and Python's modulo finds those at every multiple of {every} whatever the sign, so the learning rate decays every {every} steps; write step_size {every}"),
  GAMMA_ZERO(Severity.WARNING, "gamma is 0, so torch's {scheduler} sets the learning rate to 0 at step {step} and keeps it there, and no later update changes the model; a decay needs a gamma between 0 and 1"),
  STEP_SIZE_NOT_AN_INT(Severity.WARNING, "step_size ({stepSize}) is not a 64-bit whole number, which torch does not check: StepLR decays at each step where Python's last_epoch modulo step_size is 0, {where}; write the whole number of steps you mean"),
  MILESTONES_TEXT(Severity.WARNING, "milestones is the text \"{text}\", not a list: torch's MultiStepLR keeps Counter(milestones), which counts its characters, and no step equals a character, so the learning rate never decays; write a list of steps, e.g. [{example}]"),
  ONE_CYCLE_PHASE_SKIPPED(Severity.WARNING, "pct_start ({pctStart}) of {total} total steps gives no step to {phases} of torch's OneCycleLR, which runs the other phases only: the learning rate goes from {first} at step 0 to {last} at step {lastStep}; set pct_start so that every phase gets at least one step"),
  CYCLE_FLATTENED(Severity.WARNING, "gamma is 0 in mode exp_range, so torch's CyclicLR scales the cycle by 0 ** t, which is 0 from step 1 on: the learning rate stays at base_lr ({baseLr}){momentum} and never cycles; use a gamma between 0 and 1 to shrink the cycles step by step"),
  STEP_AFTER_END_RAISES(Severity.WARNING, "at step {step} ({stepFrom}) torch's OneCycleLR picks a phase of length 0 and raises ZeroDivisionError, so a loop that calls scheduler.step() after its last update stops there; every update before it runs, and Anneal ends the plan before that step; give every phase at least one step (a pct_start below 1)"),
  EPOCH_FIGURES_DISAGREE(Severity.ERROR, "updates_per_epoch ({given}) disagrees with the data-set figures, which give {derived} updates per epoch ({derivation}); give updates_per_epoch or the data-set figures, or correct the one that is wrong"),
  COUNT_LOOKS_LIKE_EPOCHS(Severity.WARNING, "{argument} ({count}) is not more than the run's {epochs} epochs, but the scheduler is stepped after every update, so it counts {count} updates of the run's {total} ({updatesPerEpoch} per epoch): {effect}; if {argument} counts epochs, add \"interval\": \"epoch\" at the top level of the config"),
  FREQUENCY_COUNTS_FROM_RUN_START(Severity.WARNING, "the scheduler is stepped after every {frequency} updates counted from the start of the run, as a loop that calls scheduler.step() every {frequency} updates does; Lightning counts frequency in loader batches from the start of each epoch, which differs here: {difference}; give updates_per_epoch a multiple of frequency with accumulate_grad_batches 1 to match Lightning, or leave it as it is for such a loop");

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
   * @param feature what the config uses, e.g. "ChainedScheduler(optimizer=...)"
   * @param refusal what torch 1.13 does with it, from "torch 1.13" on
   */
  public static Violation newerTorchOnly(String path, Object value, String feature, String refusal) {
    return NEWER_TORCH_ONLY.violation(path, value, feature, refusal);
  }

  /**
   * @param oneCycle where the OneCycleLR is, e.g. "schedulers[1]"
   * @param first the first member of the SequentialLR, e.g. "LinearLR"
   */
  public static Violation oneCycleRewritesBase(String path, String oneCycle, double initialLr, String first, double lr) {
    return ONE_CYCLE_REWRITES_BASE.violation(path, initialLr, oneCycle, initialLr, first, lr);
  }

  /**
   * @param member the member that overwrites the learning rate, e.g. "CyclicLR (schedulers[0])"
   * @param effect what becomes of the other members' factors
   */
  public static Violation chainOverwritesFactors(String path, String member, String effect) {
    return CHAIN_OVERWRITES_FACTORS.violation(path, member, member, effect);
  }

  /**
   * @param first the inner SequentialLR's first scheduler
   * @param milestones the inner milestones as written
   * @param early the steps at which they take effect
   */
  public static Violation nestedMilestonesEarly(String path, String first, List<Long> milestones, List<Long> early) {
    return NESTED_MILESTONES_EARLY.violation(path, milestones, first, milestones, early);
  }

  /**
   * @param member the rewound scheduler, e.g. "ExponentialLR (schedulers[0])"
   * @param factor the ratio it applies at step 0
   */
  public static Violation firstStepOutsideInitialMode(String path, String member, double factor) {
    return FIRST_STEP_OUTSIDE_INITIAL_MODE.violation(path, factor, member, factor);
  }

  /**
   * CyclicLR cycling Adam's or AdamW's β1 with the momentum defaults meant for SGD.
   *
   * @param optimizer the torch name of the optimizer
   */
  public static Violation cyclesBeta1(String path, String optimizer, double maxMomentum, double baseMomentum, double beta1) {
    return CYCLES_BETA1.violation(path, true, optimizer, maxMomentum, baseMomentum, beta1);
  }

  /**
   * @param first the nested SequentialLR's first scheduler
   * @param factor its value at step 0 over the learning rate
   */
  public static Violation nestedFirstAhead(String path, String first, double factor) {
    return NESTED_FIRST_AHEAD.violation(path, factor, first, factor);
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

  /**
   * A StepLR step_size that is a float or an int beyond 64 bits.
   *
   * @param where where that is, e.g. "which for this value is at every multiple of 5 steps"
   */
  public static Violation stepSizeNotAnInt(String path, String stepSize, String where) {
    return STEP_SIZE_NOT_AN_INT.violation(path, stepSize, stepSize, where);
  }

  /**
   * MultiStepLR milestones given as one string, which torch counts by character.
   *
   * @param example the list the text seems to mean, e.g. "10, 20"
   */
  public static Violation milestonesText(String path, String text, String example) {
    return MILESTONES_TEXT.violation(path, text, text, example);
  }

  /**
   * OneCycleLR's {@code pct_start} leaving a phase without a step: torch never divides by its
   * length and runs the others.
   *
   * @param phases the phases left out, e.g. "phase 1 (the warm-up)"
   * @param first the learning rate at step 0
   * @param last the learning rate at step {@code lastStep}, the cycle's last
   */
  public static Violation oneCyclePhaseSkipped(String path, double pctStart, long total, String phases, double first, double last,
      long lastStep) {
    return ONE_CYCLE_PHASE_SKIPPED.violation(path, pctStart, pctStart, total, phases, first, last, lastStep);
  }

  /**
   * CyclicLR's exp_range with {@code gamma} 0: torch's amplitude {@code 0 ** t} is 0 from step 1.
   *
   * @param momentum what becomes of the momentum, e.g. " and the momentum at max_momentum (0.9)", or ""
   */
  public static Violation cycleFlattened(String path, double baseLr, String momentum) {
    return CYCLE_FLATTENED.violation(path, 0.0, baseLr, momentum);
  }

  /**
   * OneCycleLR whose evaluation at {@code total_steps} divides by a phase of length 0.
   *
   * @param stepFrom what {@code step} is, e.g. "total_steps"
   */
  public static Violation stepAfterEndRaises(String path, long step, String stepFrom) {
    return STEP_AFTER_END_RAISES.violation(path, step, step, stepFrom);
  }

  /**
   * {@code updates_per_epoch} given beside data-set figures that give another number.
   *
   * @param derivation the figures, e.g. "dataset_size 50000, batch_size 128, drop_last false, accumulate_grad_batches 1"
   */
  public static Violation epochFiguresDisagree(String path, long given, long derived, String derivation) {
    return EPOCH_FIGURES_DISAGREE.violation(path, given, given, derived, derivation);
  }

  /**
   * A scheduler stepped per update whose length reads as a count of epochs: the run's epochs and
   * updates per epoch are known, and the length is no more than the epochs.
   *
   * @param argument the keyword argument, e.g. "T_max"
   * @param effect what happens within those updates, e.g. "the cosine reaches eta_min and rises again"
   */
  public static Violation countLooksLikeEpochs(String path, String argument, long count, long epochs, String effect, long total,
      long updatesPerEpoch) {
    return COUNT_LOOKS_LIKE_EPOCHS.violation(path, count, argument, count, epochs, total, updatesPerEpoch, effect);
  }

  /**
   * {@code "interval": "step"} with a {@code frequency} above 1 where Lightning's count, which
   * restarts at each epoch and counts loader batches, would step at other updates.
   *
   * @param difference why, e.g. "45 updates per epoch are not a multiple of 10, so Lightning's count starts again after the 5 left over"
   */
  public static Violation frequencyCountsFromRunStart(String path, long frequency, String difference) {
    return FREQUENCY_COUNTS_FROM_RUN_START.violation(path, frequency, frequency, difference);
  }

  private Violation violation(String path, Object value, Object... args) {
    return MessageTemplate.violation(this, path, value, args);
  }
}
