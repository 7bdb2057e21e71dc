package dev.anneal.config.transformers;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.CosineHardRestarts;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.OneMinusSqrt;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Polynomial;
import dev.anneal.schedule.Reversed;
import dev.anneal.schedule.Segment;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.Shifted;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The learning-rate schedules of Hugging Face transformers' {@code transformers.optimization}, with
 * upstream's argument names (in camel case) and defaults, reproduced step for step.
 *
 * <p>Every one is a PyTorch {@code LambdaLR}: the learning rate at step {@code s} (the number of
 * updates already applied) is {@code learningRate * lambda(s)}. Each method builds {@code lambda}
 * as a {@link dev.anneal.schedule.Sequence} of relative phases that follow upstream's branches
 * ({@code if current_step < num_warmup_steps: …}), bound to the learning rate with {@link
 * dev.anneal.schedule.Scaled}. Upstream's edge behaviour is kept: the {@code max(1, …)} guards, a
 * warm-up that does not end before {@code num_training_steps}, cosines that carry on (and rise
 * again) past the end, polynomial decay's {@code lr_end} relative to the learning rate. Where
 * upstream raises, these methods throw; where an upstream quirk is a trap, the preset carries a
 * warning ({@link TransformersPreset#warnings()}).
 *
 * <p>Violations name the upstream argument as their path ({@code num_warmup_steps}, {@code lr_end},
 * {@code learning_rate}).
 */
public final class TransformersSchedules {
  /** {@code num_cycles} of the cosine schedules when not given: half a period, from the peak to the floor. */
  public static final double DEFAULT_NUM_CYCLES = 0.5;
  /** {@code num_cycles} of the hard-restarts cosine when not given: one cycle, no restart. */
  public static final double DEFAULT_HARD_RESTART_CYCLES = 1;
  /** {@code lr_end} of the polynomial decay when not given. */
  public static final double DEFAULT_LR_END = 1e-7;
  /** {@code power} of the polynomial decay when not given: linear. */
  public static final double DEFAULT_POWER = 1.0;
  /** The inverse square root's {@code timescale} when not given and there is no warm-up ({@code num_warmup_steps or 10_000}). */
  public static final long DEFAULT_TIMESCALE_WITHOUT_WARMUP = 10_000;

  /**
   * Upstream's linear decay, {@code float(num_training_steps - step) / float(num_training_steps -
   * num_warmup_steps)}: the steps that remain over the decay's length, a line from 0 to 1 run
   * backwards. To the last bit, unlike a line from 1 to 0 ({@code 1 - t / n}).
   */
  static final Shape LINEAR_DECAY = new Reversed(new Linear(0, 1));

  /** The largest step count: 2^53, beyond which doubles skip whole steps. */
  private static final long MAX_STEPS = 1L << 53;

  private static final String COSINE_AFTER_WARMUP =
      "jumps along the cosine by a whole unit of progress per step, as max(1, num_training_steps - num_warmup_steps) = 1"
          + " (with num_cycles 0.5: back and forth between the peak and the floor)";

  private TransformersSchedules() {}

  /**
   * {@code get_constant_schedule}: the learning rate, at every step.
   *
   * @throws InvalidScheduleException if the learning rate is negative or not finite
   */
  public static TransformersPreset constant(double learningRate) {
    List<Violation> errors = new ArrayList<>();
    checkLearningRate(errors, learningRate);
    InvalidScheduleException.throwIfErrors(errors);
    return new LambdaBuilder("get_constant_schedule", learningRate).then(new Constant(1), Phase.OPEN).build(AfterEnd.HOLD);
  }

  /**
   * {@code get_constant_schedule_with_warmup}: a linear warm-up from 0 over {@code numWarmupSteps},
   * then the learning rate for ever.
   *
   * @throws InvalidScheduleException if the learning rate or the warm-up is negative
   */
  public static TransformersPreset constantWithWarmup(double learningRate, long numWarmupSteps) {
    List<Violation> errors = new ArrayList<>();
    checkLearningRate(errors, learningRate);
    steps(errors, "num_warmup_steps", numWarmupSteps, 0);
    InvalidScheduleException.throwIfErrors(errors);
    return new LambdaBuilder("get_constant_schedule_with_warmup", learningRate)
        .linearWarmup(numWarmupSteps)
        .then(new Constant(1), Phase.OPEN)
        .build(AfterEnd.HOLD);
  }

  /**
   * {@code get_linear_schedule_with_warmup}: a linear warm-up from 0, then a straight line down to 0
   * at {@code numTrainingSteps}, and 0 after ({@code max(0.0, …)}). If the warm-up does not end
   * before {@code numTrainingSteps}, the learning rate is 0 right after it, as upstream's {@code
   * max(1, num_training_steps - num_warmup_steps)} makes it.
   *
   * @throws InvalidScheduleException if a length or the learning rate is out of range
   */
  public static TransformersPreset linearWithWarmup(double learningRate, long numWarmupSteps, long numTrainingSteps) {
    checkCommon(learningRate, numWarmupSteps, numTrainingSteps, List.of());
    LambdaBuilder lambda = new LambdaBuilder("get_linear_schedule_with_warmup", learningRate).linearWarmup(numWarmupSteps);
    if (numTrainingSteps > numWarmupSteps) {
      lambda.then(LINEAR_DECAY, numTrainingSteps - numWarmupSteps);
    } else {
      lambda.then(new Constant(0), Phase.OPEN).warnWarmupNotBeforeTotal(numWarmupSteps, numTrainingSteps, "is 0");
    }
    return lambda.build(AfterEnd.HOLD);
  }

  /** {@code get_cosine_schedule_with_warmup} with {@code num_cycles} 0.5: see {@link #cosineWithWarmup(double, long, long, double)}. */
  public static TransformersPreset cosineWithWarmup(double learningRate, long numWarmupSteps, long numTrainingSteps) {
    return cosineWithWarmup(learningRate, numWarmupSteps, numTrainingSteps, DEFAULT_NUM_CYCLES);
  }

  /**
   * {@code get_cosine_schedule_with_warmup}: a linear warm-up from 0, then {@code 0.5 * (1 + cos(π *
   * numCycles * 2 * progress))} with {@code progress = (step - numWarmupSteps) / max(1,
   * numTrainingSteps - numWarmupSteps)}. Past {@code numTrainingSteps} upstream keeps following the
   * formula, so the learning rate rises again (a warning says so).
   *
   * @throws InvalidScheduleException if a length, the learning rate or {@code numCycles} is out of range
   */
  public static TransformersPreset cosineWithWarmup(
      double learningRate, long numWarmupSteps, long numTrainingSteps, double numCycles) {
    checkCommon(learningRate, numWarmupSteps, numTrainingSteps, anyCycles(numCycles));
    long decaySteps = Math.max(1, numTrainingSteps - numWarmupSteps);
    LambdaBuilder lambda = new LambdaBuilder("get_cosine_schedule_with_warmup", learningRate).linearWarmup(numWarmupSteps);
    if (numCycles == 0) {
      return lambda.warn(numCyclesNotPositive(numCycles, HOLDS_PEAK)).then(new Constant(1), Phase.OPEN).build(AfterEnd.HOLD);
    }
    return warnNegativeCycles(lambda, numCycles)
        .then(new Cosine(1, 0, Math.abs(numCycles)), decaySteps)
        .warnWarmupNotBeforeTotal(numWarmupSteps, numTrainingSteps, COSINE_AFTER_WARMUP)
        .warnRisesPastEnd(numWarmupSteps + decaySteps, numTrainingSteps)
        .build(AfterEnd.CONTINUE);
  }

  /** {@code get_cosine_with_hard_restarts_schedule_with_warmup} with one cycle: see {@link #cosineWithHardRestartsWithWarmup(double, long, long, double)}. */
  public static TransformersPreset cosineWithHardRestartsWithWarmup(double learningRate, long numWarmupSteps, long numTrainingSteps) {
    return cosineWithHardRestartsWithWarmup(learningRate, numWarmupSteps, numTrainingSteps, DEFAULT_HARD_RESTART_CYCLES);
  }

  /**
   * {@code get_cosine_with_hard_restarts_schedule_with_warmup}: a linear warm-up from 0, then {@code
   * numCycles} half cosines from the learning rate down to 0, each restarting at the top, in {@code
   * max(1, numTrainingSteps - numWarmupSteps)} steps; 0 from {@code numTrainingSteps} on. The cycles
   * need not be a whole number of steps long (see {@link CosineHardRestarts}).
   *
   * @throws InvalidScheduleException if a length, the learning rate or {@code numCycles} is out of range
   */
  public static TransformersPreset cosineWithHardRestartsWithWarmup(
      double learningRate, long numWarmupSteps, long numTrainingSteps, double numCycles) {
    List<Violation> own = new ArrayList<>();
    if (numCycles != 0) {
      // A negative count: Python's % 1.0 is never negative, Java's is; no shape draws that yet.
      own.addAll(cycles(numCycles));
    }
    checkCommon(learningRate, numWarmupSteps, numTrainingSteps, own);
    LambdaBuilder lambda = new LambdaBuilder("get_cosine_with_hard_restarts_schedule_with_warmup", learningRate)
        .linearWarmup(numWarmupSteps);
    if (numCycles == 0) {
      // (0 * progress) % 1.0 is 0: the cosine's top, 1, until progress reaches 1, then 0.
      return lambda.warn(numCyclesNotPositive(numCycles, "(0 · progress) % 1.0 is 0, so the learning rate holds the peak until"
              + " num_training_steps and is 0 after"))
          .then(new Constant(1), Math.max(1, numTrainingSteps - numWarmupSteps))
          .then(new Constant(0), Phase.OPEN)
          .build(AfterEnd.HOLD);
    }
    return lambda
        .then(new CosineHardRestarts(1, 0, numCycles), Math.max(1, numTrainingSteps - numWarmupSteps))
        .warnWarmupNotBeforeTotal(numWarmupSteps, numTrainingSteps, "is the full learning rate for one step, then 0")
        .build(AfterEnd.HOLD);
  }

  /** {@code get_polynomial_decay_schedule_with_warmup} with {@code lr_end} 1e-7 and {@code power} 1. */
  public static TransformersPreset polynomialDecayWithWarmup(double learningRate, long numWarmupSteps, long numTrainingSteps) {
    return polynomialDecayWithWarmup(learningRate, numWarmupSteps, numTrainingSteps, DEFAULT_LR_END, DEFAULT_POWER);
  }

  /**
   * {@code get_polynomial_decay_schedule_with_warmup}: a linear warm-up from 0, then {@code lr_end +
   * (learningRate - lr_end) * (1 - progress)^power} down to {@code lrEnd} at {@code
   * numTrainingSteps}, held after. {@code lrEnd} is absolute; upstream turns it into {@code lr_end /
   * learning_rate} for {@code LambdaLR}, and so does this preset.
   *
   * @throws InvalidScheduleException if {@code lrEnd} is not below the learning rate (upstream raises
   *     {@code ValueError}), if {@code numWarmupSteps == numTrainingSteps} (upstream divides by 0), if
   *     {@code power} is negative, or a length is out of range
   */
  public static TransformersPreset polynomialDecayWithWarmup(
      double learningRate, long numWarmupSteps, long numTrainingSteps, double lrEnd, double power) {
    List<Violation> own = new ArrayList<>();
    if (Rules.nonNegative(own, "lr_end", lrEnd) && Double.isFinite(learningRate) && !(learningRate > lrEnd)) {
      own.add(TransformersCode.lrEndNotBelowLr("lr_end", lrEnd, learningRate));
    }
    boolean decays = numTrainingSteps > numWarmupSteps;
    if (decays) {
      Rules.nonNegative(own, "power", power);
    }
    if (numWarmupSteps == numTrainingSteps) {
      own.add(TransformersCode.polynomialWithoutDecay("num_warmup_steps", numTrainingSteps, numWarmupSteps));
    }
    checkCommon(learningRate, numWarmupSteps, numTrainingSteps, own);
    double end = lrEnd / learningRate;
    LambdaBuilder lambda = new LambdaBuilder("get_polynomial_decay_schedule_with_warmup", learningRate).linearWarmup(numWarmupSteps);
    if (!decays) {
      lambda.then(new Constant(end), Phase.OPEN).warnWarmupNotBeforeTotal(numWarmupSteps, numTrainingSteps, "is lr_end");
    } else if (power == 0) {
      // 0.0 ** 0 is 1 in Python: the decay branch gives ((lr - lr_end) * 1.0 + lr_end) / lr up to and
      // including num_training_steps; only after it does the lr_end branch take over.
      double flat = ((learningRate - lrEnd) * 1.0 + lrEnd) / learningRate;
      lambda.then(new Constant(flat), numTrainingSteps - numWarmupSteps + 1).then(new Constant(end), Phase.OPEN);
    } else {
      lambda.then(new Polynomial(1, end, power), numTrainingSteps - numWarmupSteps);
    }
    return lambda.build(AfterEnd.HOLD);
  }

  /** {@code get_inverse_sqrt_schedule} with the default {@code timescale}: {@code numWarmupSteps}, or 10 000 without warm-up. */
  public static TransformersPreset inverseSqrt(double learningRate, long numWarmupSteps) {
    return inverseSqrt(
        learningRate, numWarmupSteps, numWarmupSteps != 0 ? numWarmupSteps : DEFAULT_TIMESCALE_WITHOUT_WARMUP);
  }

  /**
   * {@code get_inverse_sqrt_schedule}: a linear warm-up from 0, then {@code 1 / sqrt((step + timescale
   * - numWarmupSteps) / timescale)} for ever.
   *
   * @throws InvalidScheduleException if {@code timescale} is not greater than 0 (upstream divides by
   *     it), or the warm-up or the learning rate is negative
   */
  public static TransformersPreset inverseSqrt(double learningRate, long numWarmupSteps, double timescale) {
    List<Violation> errors = new ArrayList<>();
    checkLearningRate(errors, learningRate);
    steps(errors, "num_warmup_steps", numWarmupSteps, 0);
    Rules.positive(errors, "timescale", timescale);
    InvalidScheduleException.throwIfErrors(errors);
    return new LambdaBuilder("get_inverse_sqrt_schedule", learningRate)
        .linearWarmup(numWarmupSteps)
        .then(new InverseSqrt(1, timescale), Phase.OPEN)
        .build(AfterEnd.HOLD);
  }

  /**
   * {@code get_cosine_with_min_lr_schedule_with_warmup}: as {@link #cosineWithWarmup(double, long,
   * long, double)}, but the cosine goes down to the floor {@code minLr} instead of 0: {@code factor *
   * (1 - min_lr_rate) + min_lr_rate}. It too rises again past {@code numTrainingSteps}.
   *
   * @throws InvalidScheduleException if the floor is negative, {@code min_lr} is given with a
   *     learning rate of 0 (upstream divides by it), or a length or {@code numCycles} is out of range
   */
  public static TransformersPreset cosineWithMinLrWithWarmup(
      double learningRate, long numWarmupSteps, long numTrainingSteps, double numCycles, MinLr minLr) {
    checkCommon(learningRate, numWarmupSteps, numTrainingSteps, floorChecks(learningRate, numCycles, minLr));
    long decaySteps = Math.max(1, numTrainingSteps - numWarmupSteps);
    double floor = minLr.rateFor(learningRate);
    LambdaBuilder lambda = new LambdaBuilder("get_cosine_with_min_lr_schedule_with_warmup", learningRate).linearWarmup(numWarmupSteps);
    warnFloorAboveLearningRate(lambda, minLr.argument(), minLr.value(), floor);
    if (numCycles == 0) {
      return lambda.warn(numCyclesNotPositive(numCycles, HOLDS_PEAK))
          .then(new Constant(1.0 * (1 - floor) + floor), Phase.OPEN).build(AfterEnd.HOLD);
    }
    return warnNegativeCycles(lambda, numCycles)
        .then(new Cosine(1, floor, Math.abs(numCycles)), decaySteps)
        .warnWarmupNotBeforeTotal(numWarmupSteps, numTrainingSteps, COSINE_AFTER_WARMUP)
        .warnRisesPastEnd(numWarmupSteps + decaySteps, numTrainingSteps)
        .build(AfterEnd.CONTINUE);
  }

  /**
   * {@code get_cosine_with_min_lr_schedule_with_warmup_lr_rate} ({@code lr_scheduler_type}
   * {@code cosine_warmup_with_min_lr}): upstream's "+1 shifted" variant. The warm-up gives {@code
   * (step + 1) / numWarmupSteps}, or, with {@code warmupLrRate}, {@code warmup_lr_rate + (1 -
   * warmup_lr_rate) * step / max(1, numWarmupSteps - 1)}; the cosine's progress is {@code (step -
   * numWarmupSteps + 1) / max(1, numTrainingSteps - numWarmupSteps)}, one step ahead, so its floor is
   * reached at {@code numTrainingSteps - 1}, and it rises again after. The cosine is a {@link
   * Shifted} one, a step ahead.
   *
   * @param warmupLrRate upstream's {@code warmup_lr_rate}, or empty for {@code None}
   * @throws InvalidScheduleException as {@link #cosineWithMinLrWithWarmup}, or if {@code
   *     warmupLrRate} is negative
   */
  public static TransformersPreset cosineWithMinLrWithWarmupLrRate(
      double learningRate,
      long numWarmupSteps,
      long numTrainingSteps,
      double numCycles,
      MinLr minLr,
      OptionalDouble warmupLrRate) {
    List<Violation> own = floorChecks(learningRate, numCycles, minLr);
    warmupLrRate.ifPresent(rate -> Rules.nonNegative(own, "warmup_lr_rate", rate));
    checkCommon(learningRate, numWarmupSteps, numTrainingSteps, own);
    long decaySteps = Math.max(1, numTrainingSteps - numWarmupSteps);
    LambdaBuilder lambda = new LambdaBuilder("get_cosine_with_min_lr_schedule_with_warmup_lr_rate", learningRate);
    if (warmupLrRate.isEmpty()) {
      shiftedWarmup(lambda, numWarmupSteps);
    } else {
      warmupFromRate(lambda, numWarmupSteps, warmupLrRate.getAsDouble());
    }
    double floor = minLr.rateFor(learningRate);
    warnFloorAboveLearningRate(lambda, minLr.argument(), minLr.value(), floor);
    warmupLrRate.ifPresent(rate -> warnFloorAboveLearningRate(lambda, "warmup_lr_rate", rate, rate));
    if (numCycles == 0) {
      return lambda.warn(numCyclesNotPositive(numCycles, HOLDS_PEAK))
          .then(new Constant(1.0 * (1 - floor) + floor), Phase.OPEN).build(AfterEnd.HOLD);
    }
    return warnNegativeCycles(lambda, numCycles)
        .then(new Shifted(new Cosine(1, floor, Math.abs(numCycles)), 1), decaySteps)
        .warnWarmupNotBeforeTotal(numWarmupSteps, numTrainingSteps, COSINE_AFTER_WARMUP)
        .warnRisesPastEnd(numWarmupSteps + decaySteps - 1, numTrainingSteps)
        .build(AfterEnd.CONTINUE);
  }

  /** {@code (step + 1.) / max(1., num_warmup_steps)}: reaches exactly 1 at the warm-up's last step. */
  private static void shiftedWarmup(LambdaBuilder lambda, long numWarmupSteps) {
    if (numWarmupSteps >= 2) {
      lambda.then(new Linear(1.0 / numWarmupSteps, 1), numWarmupSteps - 1);
    }
    lambda.then(new Constant(1), Math.min(numWarmupSteps, 1));
  }

  /**
   * {@code warmup_lr_rate + (1 - warmup_lr_rate) * step / max(1, num_warmup_steps - 1)}: a line that
   * reaches 1 at the warm-up's last step; that last value is computed as upstream computes it.
   */
  private static void warmupFromRate(LambdaBuilder lambda, long numWarmupSteps, double rate) {
    if (numWarmupSteps >= 1 && rate == 0) {
      lambda.zeroCause("warmup_lr_rate", "the warm-up starts at warmup_lr_rate = 0");
    }
    if (numWarmupSteps >= 2) {
      double last = numWarmupSteps - 1;
      lambda.then(new Linear(rate, 1), numWarmupSteps - 1);
      lambda.then(new Constant(rate + (1.0 - rate) * last / Math.max(1.0, last)), 1);
    } else {
      lambda.then(new Constant(rate), numWarmupSteps);
    }
  }

  /**
   * {@code get_wsd_schedule}: warm-up from {@code min_lr_ratio} to 1 along {@code warmup_type}, stable
   * at 1, decay to {@code min_lr_ratio} along {@code decay_type}, then {@code min_lr_ratio} for ever.
   *
   * A {@code num_training_steps} shorter than warm-up plus decay makes the stable phase negative;
   * upstream runs that as written: after the warm-up the decay is already {@code -stable} steps in
   * (a {@code StablePhaseNegative} warning), and over once {@code num_training_steps} is reached.
   *
   * @throws InvalidScheduleException if neither {@code num_training_steps} nor {@code
   *     num_stable_steps} is given (upstream raises {@code ValueError}), or a length, the learning
   *     rate or {@code min_lr_ratio} is out of range
   */
  public static TransformersPreset wsd(double learningRate, WsdArguments arguments) {
    List<Violation> errors = new ArrayList<>();
    checkLearningRate(errors, learningRate);
    long warmup = arguments.numWarmupSteps();
    long decay = arguments.numDecaySteps();
    boolean lengthsOk = steps(errors, "num_warmup_steps", warmup, 0) & steps(errors, "num_decay_steps", decay, 0);
    long stable = 0;
    Violation negativeStable = null;
    if (arguments.numStableSteps().isPresent()) {
      stable = arguments.numStableSteps().getAsLong();
      steps(errors, "num_stable_steps", stable, 0);
    } else if (arguments.numTrainingSteps().isPresent()) {
      long total = arguments.numTrainingSteps().getAsLong();
      stable = total - warmup - decay;
      if (lengthsOk && steps(errors, "num_training_steps", total, Long.MIN_VALUE) && stable < 0) {
        negativeStable = TransformersCode.stablePhaseNegative("num_training_steps", total, warmup, decay, stable);
      }
    } else {
      errors.add(ConfigCode.missingKey("", "'num_training_steps' or 'num_stable_steps' (get_wsd_schedule places its decay by one of them; upstream raises ValueError)"));
    }
    double floor = arguments.minLrRatio();
    Rules.nonNegative(errors, "min_lr_ratio", floor);
    if (arguments.decayType() == WsdCurve.COSINE) {
      errors.addAll(anyCycles(arguments.numCycles()));
    } else {
      Rules.finite(errors, "num_cycles", arguments.numCycles());
    }
    InvalidScheduleException.throwIfErrors(errors);

    LambdaBuilder lambda = new LambdaBuilder("get_wsd_schedule", learningRate);
    warnFloorAboveLearningRate(lambda, "min_lr_ratio", floor, floor);
    if (warmup > 0 && floor == 0) {
      lambda.zeroCause("num_warmup_steps", "the " + arguments.warmupType().upstreamName() + " warm-up starts at min_lr_ratio = 0");
    } else {
      lambda.zeroCause("min_lr_ratio", "min_lr_ratio is 0 and there are no warm-up, stable or decay steps");
    }
    if (arguments.numTrainingSteps().isPresent() && arguments.numStableSteps().isPresent()) {
      lambda.warn(TransformersCode.stableStepsOverrideTotal(
          "num_training_steps", arguments.numTrainingSteps().getAsLong(), stable,
          warmup + stable + decay));
    }
    if (negativeStable != null) {
      lambda.warn(negativeStable);
      lambda.then(wsdWarmup(arguments.warmupType(), floor), warmup);
      long skipped = -stable;
      if (skipped < decay) {
        lambda.then(partialDecay(arguments, floor, skipped), decay - skipped);
      }
      return lambda.then(new Constant(floor), Phase.OPEN).build(AfterEnd.HOLD);
    }
    lambda.then(wsdWarmup(arguments.warmupType(), floor), warmup).then(new Constant(1), stable);
    if (arguments.decayType() == WsdCurve.COSINE && arguments.numCycles() <= 0) {
      if (arguments.numCycles() == 0) {
        // The decay's factor is cos(0) = 1 throughout: the peak, as upstream computes it, then min_lr_ratio.
        lambda.warn(numCyclesNotPositive(arguments.numCycles(), "the decay holds the peak, then drops to min_lr_ratio"));
        return lambda.then(new Constant(1.0 * (1.0 - floor) + floor), decay).then(new Constant(floor), Phase.OPEN)
            .build(AfterEnd.HOLD);
      }
      warnNegativeCycles(lambda, arguments.numCycles());
      arguments = arguments.withNumCycles(Math.abs(arguments.numCycles()));
    }
    Shape decayShape = wsdDecay(arguments.decayType(), floor, arguments.numCycles());
    lambda.then(decayShape, decay);
    if (decay == 0 || decayShape.endValue(decay) != floor) {
      // Upstream returns min_lr_ratio after the decay; a cosine of other than half a period ends elsewhere.
      lambda.then(new Constant(floor), Phase.OPEN);
    }
    return lambda.build(AfterEnd.HOLD);
  }

  /**
   * The decay of a WSD whose stable phase is {@code -skipped} steps long: upstream's progress {@code
   * (step - num_warmup_steps - num_stable_steps) / num_decay_steps} starts at {@code skipped /
   * num_decay_steps} on the first step after the warm-up. A {@link Segment} of the decay's span that
   * starts {@code skipped} steps in computes the same factors with the same operations.
   *
   * @throws InvalidScheduleException ({@code NotImportable}) for a cosine decay of other than half a
   *     period, which no segment draws
   */
  private static Shape partialDecay(WsdArguments arguments, double floor, long skipped) {
    Segment.Curve curve = switch (arguments.decayType()) {
      case LINEAR -> Segment.Curve.LINEAR;
      case ONE_MINUS_SQRT -> Segment.Curve.MINUS_SQRT;
      case COSINE -> arguments.numCycles() == DEFAULT_NUM_CYCLES ? Segment.Curve.COSINE : null;
    };
    if (curve == null) {
      throw new InvalidScheduleException(List.of(ConfigCode.notImportable("num_cycles", arguments.numCycles(), "transformers",
          "a cosine decay of " + Values.show(arguments.numCycles()) + " cycles that starts part-way (the stable phase is "
              + -skipped + " steps long) has no Anneal shape; raise num_training_steps so that the stable phase is not negative")));
    }
    return new Segment(curve, 1, floor, 1, skipped, arguments.numDecaySteps());
  }

  /** The warm-up {@code factor * (1 - floor) + floor}, factor = progress, {@code 0.5 * (1 - cos(π p))} or {@code 1 - sqrt(1 - p)}. */
  static Shape wsdWarmup(WsdCurve type, double floor) {
    return switch (type) {
      case LINEAR -> new Linear(floor, 1);
      case COSINE -> new Cosine(floor, 1, DEFAULT_NUM_CYCLES);
      case ONE_MINUS_SQRT -> new Polynomial(floor, 1, 0.5);
    };
  }

  /** The decay {@code factor * (1 - floor) + floor}, factor = {@code 1 - p}, {@code 0.5 * (1 + cos(2π c p))} or {@code 1 - sqrt(p)}. */
  static Shape wsdDecay(WsdCurve type, double floor, double numCycles) {
    return switch (type) {
      // (1 - p)^1 * (1 - floor) + floor: the same operations, in the same order, as upstream.
      case LINEAR -> new Polynomial(1, floor, 1);
      case COSINE -> new Cosine(1, floor, numCycles);
      case ONE_MINUS_SQRT -> new OneMinusSqrt(1, floor);
    };
  }

  // ---- checks ------------------------------------------------------------------------------------

  /**
   * A step count: at least {@code min}, and at most 2^53, so that it and the progress computed from
   * it are exact doubles, as upstream's floats are.
   */
  private static boolean steps(List<Violation> errors, String name, long value, long min) {
    if (value > MAX_STEPS) {
      errors.add(RuleCode.outOfRange(name, name, value, "[" + Math.max(min, 0) + ", 2^53]"));
      return false;
    }
    if (min == 1) {
      return Rules.atLeastOne(errors, name, value);
    }
    return min == 0 ? Rules.nonNegative(errors, name, value) : true;
  }

  private static void checkLearningRate(List<Violation> errors, double learningRate) {
    Rules.nonNegative(errors, LambdaBuilder.LEARNING_RATE, learningRate);
  }

  /**
   * The learning rate, {@code num_warmup_steps >= 0}, {@code num_training_steps >= 0}, then {@code
   * own}. A {@code num_training_steps} of 0 is a warm-up not shorter than the run, which upstream
   * runs (each function's {@code max(1, num_training_steps - num_warmup_steps)} guards it).
   */
  private static void checkCommon(double learningRate, long numWarmupSteps, long numTrainingSteps, List<Violation> own) {
    List<Violation> errors = new ArrayList<>();
    checkLearningRate(errors, learningRate);
    steps(errors, "num_warmup_steps", numWarmupSteps, 0);
    steps(errors, "num_training_steps", numTrainingSteps, 0);
    errors.addAll(own);
    InvalidScheduleException.throwIfErrors(errors);
  }

  /**
   * {@code num_cycles} of the cosines whose argument is {@code π * num_cycles * 2 * progress}: any
   * finite number. Upstream runs 0 (cos 0 = 1: the peak held) and negative counts (cos is even, and
   * the negated product is exact, so the curve is that of the positive count), each warned.
   */
  private static List<Violation> anyCycles(double numCycles) {
    List<Violation> errors = new ArrayList<>();
    Rules.finite(errors, "num_cycles", numCycles);
    return errors;
  }

  /** A floor above 1 (the peak): upstream's factor {@code f * (1 - floor) + floor} then rises as f falls. */
  private static void warnFloorAboveLearningRate(LambdaBuilder lambda, String argument, double value, double rate) {
    if (rate > 1) {
      lambda.warn(TransformersCode.floorAboveLearningRate(argument, argument, value, rate));
    }
  }

  private static final String HOLDS_PEAK = "cos(0) = 1, so the learning rate holds the peak after the warm-up, for ever";

  private static Violation numCyclesNotPositive(double numCycles, String outcome) {
    return TransformersCode.numCyclesNotPositive("num_cycles", numCycles, outcome);
  }

  private static LambdaBuilder warnNegativeCycles(LambdaBuilder lambda, double numCycles) {
    if (numCycles < 0) {
      lambda.warn(numCyclesNotPositive(numCycles, "cos is even, so the curve is that of num_cycles " + Values.show(-numCycles)));
    }
    return lambda;
  }

  private static List<Violation> cycles(double numCycles) {
    List<Violation> errors = new ArrayList<>();
    Rules.positive(errors, "num_cycles", numCycles);
    return errors;
  }

  private static List<Violation> floorChecks(double learningRate, double numCycles, MinLr minLr) {
    List<Violation> errors = anyCycles(numCycles);
    Rules.nonNegative(errors, minLr.argument(), minLr.value());
    if (!minLr.relative() && learningRate == 0) {
      errors.add(RuleCode.notPositive(
          LambdaBuilder.LEARNING_RATE, "learning_rate",
          Values.show(learningRate) + ", and min_lr is divided by it"));
    }
    return errors;
  }
}
