package dev.anneal.config.transformers;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The arguments of transformers' {@code get_wsd_schedule} (warmup-stable-decay), with upstream's
 * names and defaults. The stable phase lasts {@code num_stable_steps} if given, otherwise {@code
 * num_training_steps - num_warmup_steps - num_decay_steps}. Immutable; the {@code with…} methods
 * return changed copies.
 *
 * @param numWarmupSteps {@code num_warmup_steps}
 * @param numDecaySteps {@code num_decay_steps}
 * @param numTrainingSteps {@code num_training_steps}, or empty (upstream's {@code None})
 * @param numStableSteps {@code num_stable_steps}, or empty (upstream's {@code None})
 * @param warmupType {@code warmup_type}; default {@link WsdCurve#LINEAR}
 * @param decayType {@code decay_type}; default {@link WsdCurve#COSINE}
 * @param minLrRatio {@code min_lr_ratio}, where warm-up starts and decay ends, relative to the
 *     learning rate; default 0
 * @param numCycles {@code num_cycles} of a cosine decay; default 0.5
 */
public record WsdArguments(
    long numWarmupSteps,
    long numDecaySteps,
    OptionalLong numTrainingSteps,
    OptionalLong numStableSteps,
    WsdCurve warmupType,
    WsdCurve decayType,
    double minLrRatio,
    double numCycles) {

  /** {@code warmup_type} when not given. */
  public static final WsdCurve DEFAULT_WARMUP_TYPE = WsdCurve.LINEAR;
  /** {@code decay_type} when not given. */
  public static final WsdCurve DEFAULT_DECAY_TYPE = WsdCurve.COSINE;
  /** {@code min_lr_ratio} when not given. */
  public static final double DEFAULT_MIN_LR_RATIO = 0;

  public WsdArguments {
    Objects.requireNonNull(numTrainingSteps, "numTrainingSteps");
    Objects.requireNonNull(numStableSteps, "numStableSteps");
    Objects.requireNonNull(warmupType, "warmupType");
    Objects.requireNonNull(decayType, "decayType");
  }

  /** Warm-up, stable and decay lengths given directly; every other argument at its default. */
  public static WsdArguments ofPhases(long numWarmupSteps, long numStableSteps, long numDecaySteps) {
    return new WsdArguments(
        numWarmupSteps, numDecaySteps, OptionalLong.empty(), OptionalLong.of(numStableSteps), DEFAULT_WARMUP_TYPE,
        DEFAULT_DECAY_TYPE, DEFAULT_MIN_LR_RATIO, TransformersSchedules.DEFAULT_NUM_CYCLES);
  }

  /** The stable phase fills {@code numTrainingSteps}; every other argument at its default. */
  public static WsdArguments ofTraining(long numWarmupSteps, long numDecaySteps, long numTrainingSteps) {
    return new WsdArguments(
        numWarmupSteps, numDecaySteps, OptionalLong.of(numTrainingSteps), OptionalLong.empty(), DEFAULT_WARMUP_TYPE,
        DEFAULT_DECAY_TYPE, DEFAULT_MIN_LR_RATIO, TransformersSchedules.DEFAULT_NUM_CYCLES);
  }

  /** A copy with {@code warmup_type} set. */
  public WsdArguments withWarmupType(WsdCurve type) {
    return new WsdArguments(numWarmupSteps, numDecaySteps, numTrainingSteps, numStableSteps, type, decayType, minLrRatio, numCycles);
  }

  /** A copy with {@code decay_type} set. */
  public WsdArguments withDecayType(WsdCurve type) {
    return new WsdArguments(numWarmupSteps, numDecaySteps, numTrainingSteps, numStableSteps, warmupType, type, minLrRatio, numCycles);
  }

  /** A copy with {@code min_lr_ratio} set. */
  public WsdArguments withMinLrRatio(double ratio) {
    return new WsdArguments(numWarmupSteps, numDecaySteps, numTrainingSteps, numStableSteps, warmupType, decayType, ratio, numCycles);
  }

  /** A copy with {@code num_cycles} (of a cosine decay) set. */
  public WsdArguments withNumCycles(double cycles) {
    return new WsdArguments(numWarmupSteps, numDecaySteps, numTrainingSteps, numStableSteps, warmupType, decayType, minLrRatio, cycles);
  }
}
