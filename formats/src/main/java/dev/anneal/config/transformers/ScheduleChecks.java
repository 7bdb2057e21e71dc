package dev.anneal.config.transformers;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The argument checks the schedule functions of {@link TransformersSchedules} share. They refuse
 * only what transformers refuses (or where it raises part-way through a run) and what Anneal cannot
 * hold; an argument transformers runs, however odd, passes here and is reported as a warning by the
 * function that builds its curve. Violations name the upstream argument as their path.
 */
final class ScheduleChecks {
  /** The largest step count: 2^53, beyond which doubles skip whole steps. */
  static final long MAX_STEPS = 1L << 53;

  private ScheduleChecks() {}

  /**
   * A step count: at least {@code min}, and at most 2^53, so that it and the progress computed from
   * it are exact doubles, as upstream's floats are.
   */
  static boolean steps(List<Violation> errors, String name, long value, long min) {
    if (value > MAX_STEPS) {
      errors.add(RuleCode.outOfRange(name, name, value, "[" + Math.max(min, 0) + ", 2^53]"));
      return false;
    }
    if (min == 1) {
      return Rules.atLeastOne(errors, name, value);
    }
    return min == 0 ? Rules.nonNegative(errors, name, value) : true;
  }

  /**
   * {@code num_training_steps} of the functions that guard it with {@code max(1, num_training_steps
   * - num_warmup_steps)}: any count up to 2^53. Below 1 upstream still runs (the guard makes the
   * decay one step long), which {@link TransformersCode#trainingStepsBelowOne} reports; the range
   * shown names 1 as the least count that means what it says.
   */
  static boolean trainingSteps(List<Violation> errors, long value) {
    return value <= 0 || steps(errors, "num_training_steps", value, 1);
  }

  /** {@code max(1, numTrainingSteps - numWarmupSteps)}, computed without overflow for any counts. */
  static long guardedDecaySteps(long numWarmupSteps, long numTrainingSteps) {
    return numTrainingSteps > numWarmupSteps ? numTrainingSteps - numWarmupSteps : 1;
  }

  static void learningRate(List<Violation> errors, double learningRate) {
    Rules.nonNegative(errors, LambdaBuilder.LEARNING_RATE, learningRate);
  }

  /** The learning rate, {@code num_warmup_steps >= 0}, {@code num_training_steps} (see {@link #trainingSteps}), then {@code own}. */
  static void common(double learningRate, long numWarmupSteps, long numTrainingSteps, List<Violation> own) {
    List<Violation> errors = new ArrayList<>();
    learningRate(errors, learningRate);
    steps(errors, "num_warmup_steps", numWarmupSteps, 0);
    trainingSteps(errors, numTrainingSteps);
    errors.addAll(own);
    InvalidScheduleException.throwIfErrors(errors);
  }

  /**
   * {@code num_cycles}: any finite count. Upstream runs 0 (a flat cosine) and negative counts (the
   * cosine is even); {@link CosineDecay} draws and reports them.
   */
  static List<Violation> cycles(double numCycles) {
    List<Violation> errors = new ArrayList<>();
    Rules.finite(errors, "num_cycles", numCycles);
    return errors;
  }

  /**
   * The cycles and the floor of the cosine-with-minimum schedules. A floor below 0 makes upstream
   * clamp the cosine at 0 ({@code max(0, factor)}), which no shape reproduces; {@code min_lr} is
   * divided by the learning rate, so that must not be 0.
   */
  static List<Violation> floor(double learningRate, double numCycles, MinLr minLr) {
    List<Violation> errors = cycles(numCycles);
    if (Rules.finite(errors, minLr.argument(), minLr.value()) && minLr.value() < 0) {
      errors.add(TransformersCode.cosineFloorBelowZero(minLr.argument(), minLr.argument(), minLr.value()));
    }
    if (!minLr.relative() && learningRate == 0) {
      errors.add(RuleCode.notPositive(
          LambdaBuilder.LEARNING_RATE, "learning_rate",
          Values.show(learningRate) + ", and min_lr is divided by it"));
    }
    return errors;
  }
}
