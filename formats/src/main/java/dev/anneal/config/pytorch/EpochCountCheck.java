package dev.anneal.config.pytorch;

import dev.anneal.rules.Violation;
import java.util.List;
import java.util.Optional;

/**
 * The mistake this format's cadence exists for: a scheduler written in epochs but stepped after
 * every update ({@code StepLR(step_size=30)} meant per epoch decays every 30 updates). It is
 * reported only where the config itself says so without guessing: the config gives the run's
 * {@code epochs} and more than one update per epoch, steps the scheduler after every update, and
 * the scheduler's length (the argument that says how long it runs: {@code T_max}, {@code step_size},
 * the last milestone, {@code total_iters} of {@code PolynomialLR}, {@code total_steps} of {@code
 * OneCycleLR}) is no more than the epochs, so the whole schedule, or each decay, is over within a
 * few updates of a run many times longer. Warm-ups ({@code LinearLR}, {@code ConstantLR}) are left
 * alone: a warm-up of a few updates is common and meant.
 */
final class EpochCountCheck {
  private EpochCountCheck() {}

  /** The warning for {@code scheduler} read with {@code cadence} and {@code figures}, if the mistake shows. */
  static Optional<Violation> check(PyTorchScheduler scheduler, SchedulerCadence cadence, EpochGeometry figures) {
    if (!cadence.equals(SchedulerCadence.PER_UPDATE) || figures.epochs().isEmpty() || figures.updatesPerEpoch().isEmpty()) {
      return Optional.empty();
    }
    long epochs = figures.epochs().getAsLong();
    long perEpoch = figures.updatesPerEpoch().getAsLong();
    if (perEpoch < 2) {
      // One update per epoch: counting updates is counting epochs.
      return Optional.empty();
    }
    long total = epochs * perEpoch;
    Length length = length(scheduler, total);
    if (length == null || length.count() < 1 || length.count() > epochs) {
      return Optional.empty();
    }
    return Optional.of(PyTorchCode.countLooksLikeEpochs(KwargsPaths.JSON.of(length.argument()), length.argument(), length.count(), epochs,
        length.effect(), total, perEpoch));
  }

  /** The argument that gives how long {@code scheduler} runs, and what stepping it per update does; {@code null} for others. */
  private static Length length(PyTorchScheduler scheduler, long total) {
    if (scheduler instanceof StepLR s && s.stepSize() > 0) {
      return new Length("step_size", s.stepSize(),
          "the learning rate decays every " + s.stepSize() + " updates, " + total / s.stepSize() + " times in the run");
    }
    if (scheduler instanceof CosineAnnealingLR s && s.tMax() > 0) {
      return new Length("T_max", s.tMax(),
          "the cosine reaches eta_min after " + s.tMax() + " updates and turns back, " + total / s.tMax() + " half-periods in the run");
    }
    if (scheduler instanceof PolynomialLR s) {
      return new Length("total_iters", s.totalIters(), "the decay is over after " + s.totalIters() + " updates");
    }
    if (scheduler instanceof OneCycleLR s && s.totalSteps() != null) {
      return new Length("total_steps", s.totalSteps(),
          "the cycle is over after " + s.totalSteps() + " updates, and torch raises ValueError when the scheduler is stepped past total_steps");
    }
    if (scheduler instanceof MultiStepLR s && !s.milestones().isEmpty()) {
      int index = lastMilestone(s.milestones());
      long last = s.milestones().get(index);
      return new Length("milestones[" + index + "]", last, "every decay comes within the first " + last + " updates");
    }
    if (scheduler instanceof SequentialLR s && !s.milestones().isEmpty()) {
      int index = lastMilestone(s.milestones());
      long last = s.milestones().get(index);
      return new Length("milestones[" + index + "]", last, "the last of its schedulers takes over after " + last + " updates");
    }
    return null;
  }

  /** The index of the largest milestone (the first, if it is repeated). */
  private static int lastMilestone(List<Long> milestones) {
    int index = 0;
    for (int i = 1; i < milestones.size(); i++) {
      if (milestones.get(i) > milestones.get(index)) {
        index = i;
      }
    }
    return index;
  }

  /** A scheduler's length argument, its value, and what it does when counted in updates. */
  private record Length(String argument, long count, String effect) {}
}
