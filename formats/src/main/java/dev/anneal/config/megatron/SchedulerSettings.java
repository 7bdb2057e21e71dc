package dev.anneal.config.megatron;

import java.util.Objects;

/**
 * What Megatron-LM's {@code get_optimizer_param_scheduler} ({@code megatron/training/training.py})
 * builds from the flags: the arguments of {@code OptimizerParamScheduler}, the increment of every
 * scheduler step, and the length of training. Step counts are in the scheduler's units: samples,
 * that is iterations times the global batch size (Megatron multiplies every {@code *-iters} flag by
 * {@code --global-batch-size}), or the {@code *-samples} flags as written.
 *
 * @param initLr {@code init_lr}, where the warm-up starts ({@code --lr-warmup-init})
 * @param maxLr {@code max_lr} ({@code --lr})
 * @param minLr {@code min_lr} ({@code --min-lr})
 * @param warmupSteps {@code lr_warmup_steps}; not a whole number when it comes from {@code --lr-warmup-fraction}
 * @param decaySteps {@code lr_decay_steps}
 * @param decayStyle {@code lr_decay_style}
 * @param wsdDecaySteps {@code wsd_decay_steps}, or {@code null} (Python's {@code None}) when not given
 * @param wsdDecayStyle {@code lr_wsd_decay_style}
 * @param startWd {@code start_wd}
 * @param endWd {@code end_wd}
 * @param wdIncrSteps {@code wd_incr_steps}
 * @param wdIncrStyle {@code wd_incr_style}
 * @param increment the samples one iteration advances the scheduler by: {@code step(increment=…)}
 * @param trainIters how many iterations Megatron trains
 * @param sampleBased whether the flags count in samples ({@code --train-samples}) rather than iterations
 */
record SchedulerSettings(
    double initLr,
    double maxLr,
    double minLr,
    double warmupSteps,
    long decaySteps,
    DecayStyle decayStyle,
    Long wsdDecaySteps,
    WsdDecayStyle wsdDecayStyle,
    double startWd,
    double endWd,
    long wdIncrSteps,
    WeightDecayIncrStyle wdIncrStyle,
    long increment,
    long trainIters,
    boolean sampleBased) {

  SchedulerSettings {
    Objects.requireNonNull(decayStyle, "decayStyle");
    Objects.requireNonNull(wsdDecayStyle, "wsdDecayStyle");
    Objects.requireNonNull(wdIncrStyle, "wdIncrStyle");
  }

  /**
   * The last iteration whose step count {@code iteration * increment} is at most {@code units}, as
   * Megatron's comparison {@code num_steps <= units} decides it (exactly, for a whole number of units).
   */
  long lastIterationWithin(double units) {
    if (units == Math.rint(units) && Math.abs(units) < 0x1p63) {
      return Math.floorDiv((long) units, increment);
    }
    long iteration = (long) Math.floor(units / increment);
    // The quotient may round across a whole number; Megatron compares the product.
    if ((double) (iteration + 1) * increment <= units) {
      iteration++;
    } else if ((double) iteration * increment > units) {
      iteration--;
    }
    return iteration;
  }

  /** Whether {@code units} falls exactly on an iteration. */
  boolean onIteration(double units) {
    return units == Math.rint(units) && Math.abs(units) < 0x1p53 && ((long) units) % increment == 0;
  }

  /** {@code units} in iterations, e.g. 3.90625 for 4,000 samples at 1,024 a batch. */
  double iterations(double units) {
    return units / increment;
  }
}
