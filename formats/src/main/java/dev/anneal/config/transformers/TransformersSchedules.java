package dev.anneal.config.transformers;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Rules;
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
 * warning ({@link TransformersPreset#warnings()}). Arguments that look wrong but that upstream runs
 * ({@code num_cycles} 0 or negative, {@code num_training_steps} below 1, a floor above the learning
 * rate, a WSD total shorter than its warm-up and decay) give upstream's curve and a warning. Only
 * two kinds of such arguments still throw, each saying what upstream would do: those that take the
 * learning rate below 0, which no Anneal plan holds, and those whose curve no shape reproduces (a
 * cosine clamped at 0, hard restarts with a count below -1).
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
    ScheduleChecks.learningRate(errors, learningRate);
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
    ScheduleChecks.learningRate(errors, learningRate);
    ScheduleChecks.steps(errors, "num_warmup_steps", numWarmupSteps, 0);
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
   * max(1, num_training_steps - num_warmup_steps)} makes it; {@code numTrainingSteps} below 1 too (a
   * warning says so).
   *
   * @throws InvalidScheduleException if a length or the learning rate is out of range
   */
  public static TransformersPreset linearWithWarmup(double learningRate, long numWarmupSteps, long numTrainingSteps) {
    ScheduleChecks.common(learningRate, numWarmupSteps, numTrainingSteps, List.of());
    LambdaBuilder lambda = new LambdaBuilder("get_linear_schedule_with_warmup", learningRate).linearWarmup(numWarmupSteps);
    if (numTrainingSteps > numWarmupSteps) {
      lambda.then(LINEAR_DECAY, numTrainingSteps - numWarmupSteps);
    } else {
      lambda.then(new Constant(0), Phase.OPEN).warnWarmupNotBeforeTotal(numWarmupSteps, numTrainingSteps, "is 0");
      if (numWarmupSteps == 0) {
        lambda.zeroCause("num_training_steps", "num_training_steps leaves no steps to decay over");
      }
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
   * formula, so the learning rate rises again (a warning says so). A {@code numCycles} of 0 holds
   * the learning rate after the warm-up; a negative one draws the curve of {@code -numCycles} (see
   * {@link CosineDecay}); warnings say so.
   *
   * @throws InvalidScheduleException if a length or the learning rate is out of range, or {@code
   *     numCycles} is not finite
   */
  public static TransformersPreset cosineWithWarmup(
      double learningRate, long numWarmupSteps, long numTrainingSteps, double numCycles) {
    ScheduleChecks.common(learningRate, numWarmupSteps, numTrainingSteps, ScheduleChecks.cycles(numCycles));
    LambdaBuilder lambda = new LambdaBuilder("get_cosine_schedule_with_warmup", learningRate).linearWarmup(numWarmupSteps);
    return cosineAfterWarmup(lambda, numWarmupSteps, numTrainingSteps, numCycles, 0, 0).build(AfterEnd.CONTINUE);
  }

  /**
   * The cosine after the warm-up of the cosine schedules, down to {@code floor} in {@code max(1,
   * numTrainingSteps - numWarmupSteps)} steps, {@code shift} steps ahead ({@code
   * _lr_rate}'s {@code + 1}), and the warnings that go with it.
   */
  private static LambdaBuilder cosineAfterWarmup(
      LambdaBuilder lambda, long numWarmupSteps, long numTrainingSteps, double numCycles, double floor, long shift) {
    long decaySteps = ScheduleChecks.guardedDecaySteps(numWarmupSteps, numTrainingSteps);
    CosineDecay.warn(lambda, numCycles, "at its peak for ever");
    if (CosineDecay.isFlat(numCycles)) {
      return lambda
          .then(CosineDecay.shape(floor, numCycles), Phase.OPEN)
          .warnWarmupNotBeforeTotal(numWarmupSteps, numTrainingSteps, "stays at its peak");
    }
    Shape cosine = CosineDecay.shape(floor, numCycles);
    return lambda
        .then(shift == 0 ? cosine : new Shifted(cosine, shift), decaySteps)
        .warnWarmupNotBeforeTotal(numWarmupSteps, numTrainingSteps, COSINE_AFTER_WARMUP)
        .warnRisesPastEnd(numWarmupSteps + decaySteps - shift, numTrainingSteps);
  }

  /** {@code get_cosine_with_hard_restarts_schedule_with_warmup} with one cycle: see {@link #cosineWithHardRestartsWithWarmup(double, long, long, double)}. */
  public static TransformersPreset cosineWithHardRestartsWithWarmup(double learningRate, long numWarmupSteps, long numTrainingSteps) {
    return cosineWithHardRestartsWithWarmup(learningRate, numWarmupSteps, numTrainingSteps, DEFAULT_HARD_RESTART_CYCLES);
  }

  /**
   * {@code get_cosine_with_hard_restarts_schedule_with_warmup}: a linear warm-up from 0, then {@code
   * numCycles} half cosines from the learning rate down to 0, each restarting at the top, in {@code
   * max(1, numTrainingSteps - numWarmupSteps)} steps; 0 from {@code numTrainingSteps} on. The cycles
   * need not be a whole number of steps long (see {@link CosineHardRestarts}). With {@code numCycles}
   * 0 the cosine's angle is 0: the full learning rate until then; with a count from -1 to 0,
   * Python's modulo turns the decay into one step at the full learning rate and a rise from near 0
   * (warnings say so).
   *
   * @throws InvalidScheduleException if a length or the learning rate is out of range, or {@code
   *     numCycles} is not finite, or below -1 (upstream's modulo then gives several rising cycles,
   *     which no shape reproduces)
   */
  public static TransformersPreset cosineWithHardRestartsWithWarmup(
      double learningRate, long numWarmupSteps, long numTrainingSteps, double numCycles) {
    List<Violation> own = ScheduleChecks.cycles(numCycles);
    if (numCycles < -1) {
      own.add(TransformersCode.hardRestartsNegativeCycles(TransformersFunction.Names.CYCLES, numCycles));
    }
    ScheduleChecks.common(learningRate, numWarmupSteps, numTrainingSteps, own);
    long decaySteps = ScheduleChecks.guardedDecaySteps(numWarmupSteps, numTrainingSteps);
    LambdaBuilder lambda = new LambdaBuilder("get_cosine_with_hard_restarts_schedule_with_warmup", learningRate)
        .linearWarmup(numWarmupSteps);
    if (CosineDecay.isFlat(numCycles)) {
      // 0.5 * (1 + cos(π * ((0 * progress) % 1))) = 1 while progress < 1; 0 from there on.
      CosineDecay.warn(lambda, numCycles, "at its peak until num_training_steps, then at 0");
      lambda.then(new Constant(1), decaySteps).then(new Constant(0), Phase.OPEN);
    } else if (numCycles < 0) {
      lambda.warn(TransformersCode.hardRestartsRise(TransformersFunction.Names.CYCLES, numCycles, -numCycles));
      risingRestart(lambda, numCycles, decaySteps);
    } else {
      lambda.then(new CosineHardRestarts(1, 0, numCycles), decaySteps);
    }
    return lambda
        .warnWarmupNotBeforeTotal(numWarmupSteps, numTrainingSteps, "is the full learning rate for one step, then 0")
        .build(AfterEnd.HOLD);
  }

  /**
   * The hard-restarts cosine for {@code -1 <= numCycles < 0}. Python's {@code x % 1.0} of {@code x =
   * numCycles * progress}, in (-1, 0], is 0 at progress 0 and {@code 1.0 - |x|} after, so the
   * lambda is 1 on the decay's first step, then {@code 0.5 * (1 + cos(π * (1 - |x|)))}, a rise from
   * near 0, and 0 from {@code num_training_steps} on. A {@link Segment} from 0 to 1 computes that
   * rise with {@code r = t / (decaySteps / |numCycles|)} standing for {@code |x|}: the very value for
   * -1 (and for -2^-k), within rounding for other counts.
   */
  private static void risingRestart(LambdaBuilder lambda, double numCycles, long decaySteps) {
    lambda.then(new Constant(1), 1);
    if (decaySteps > 1) {
      double span = decaySteps / -numCycles;
      lambda.then(new Segment(Segment.Curve.COSINE, 0, 1, 1, 1, span), decaySteps - 1);
    }
    lambda.then(new Constant(0), Phase.OPEN);
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
   *     {@code power} is negative where the decay runs (upstream raises {@code ZeroDivisionError} at
   *     its end), if {@code lrEnd} is negative (the learning rate would end below 0, which Anneal does
   *     not hold), or a length is out of range
   */
  public static TransformersPreset polynomialDecayWithWarmup(
      double learningRate, long numWarmupSteps, long numTrainingSteps, double lrEnd, double power) {
    List<Violation> own = new ArrayList<>();
    if (Rules.finite(own, "lr_end", lrEnd) && Double.isFinite(learningRate)) {
      if (!(learningRate > lrEnd)) {
        own.add(TransformersCode.lrEndNotBelowLr("lr_end", lrEnd, learningRate));
      } else if (lrEnd < 0) {
        own.add(TransformersCode.lrEndNegative("lr_end", lrEnd));
      }
    }
    boolean decays = numTrainingSteps > numWarmupSteps;
    if (decays && Rules.finite(own, "power", power) && power < 0) {
      own.add(TransformersCode.polynomialNegativePower("power", power, numTrainingSteps));
    }
    if (numWarmupSteps == numTrainingSteps && numWarmupSteps >= 0) {
      own.add(TransformersCode.polynomialWithoutDecay("num_warmup_steps", numTrainingSteps, numWarmupSteps));
    }
    ScheduleChecks.common(learningRate, numWarmupSteps, numTrainingSteps, own);
    double end = lrEnd / learningRate;
    LambdaBuilder lambda = new LambdaBuilder("get_polynomial_decay_schedule_with_warmup", learningRate).linearWarmup(numWarmupSteps);
    if (!decays) {
      lambda.then(new Constant(end), Phase.OPEN).warnWarmupNotBeforeTotal(numWarmupSteps, numTrainingSteps, "is lr_end");
      if (numWarmupSteps == 0) {
        lambda.zeroCause("lr_end", "lr_end is 0 and num_training_steps leaves no steps to decay over");
      }
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
   * @throws InvalidScheduleException if {@code timescale} is not greater than 0 (upstream raises
   *     part-way: it divides by a timescale of 0, and a negative one takes the square root to 0 or
   *     below), or the warm-up or the learning rate is negative
   */
  public static TransformersPreset inverseSqrt(double learningRate, long numWarmupSteps, double timescale) {
    List<Violation> errors = new ArrayList<>();
    ScheduleChecks.learningRate(errors, learningRate);
    ScheduleChecks.steps(errors, "num_warmup_steps", numWarmupSteps, 0);
    if (Rules.finite(errors, "timescale", timescale) && timescale <= 0) {
      errors.add(timescaleNotPositive(numWarmupSteps, timescale));
    }
    InvalidScheduleException.throwIfErrors(errors);
    return new LambdaBuilder("get_inverse_sqrt_schedule", learningRate)
        .linearWarmup(numWarmupSteps)
        .then(new InverseSqrt(1, timescale), Phase.OPEN)
        .build(AfterEnd.HOLD);
  }

  /**
   * Where upstream's inverse square root fails with a {@code timescale} of 0 or below: a timescale
   * of 0 divides by 0 on the first step after the warm-up; a negative one, {@code -τ}, makes {@code
   * (step - τ - warm-up) / -τ} reach 0 at step {@code warm-up + τ} (1 / sqrt(0) divides by 0), or
   * pass below 0 at the first step after it when τ is fractional (sqrt of a negative number).
   */
  private static Violation timescaleNotPositive(long numWarmupSteps, double timescale) {
    if (timescale == 0) {
      return TransformersCode.timescaleNotPositive("timescale", timescale, numWarmupSteps, "divides by 0", "ZeroDivisionError");
    }
    double crossing = Math.ceil(-timescale);
    long ahead = (long) Math.min(crossing, ScheduleChecks.MAX_STEPS);
    long step = numWarmupSteps > Long.MAX_VALUE - ahead ? Long.MAX_VALUE : numWarmupSteps + ahead;
    return crossing == -timescale
        ? TransformersCode.timescaleNotPositive("timescale", timescale, step, "is 0 (1 / sqrt(0) divides by 0)", "ZeroDivisionError")
        : TransformersCode.timescaleNotPositive("timescale", timescale, step, "is below 0 (math.sqrt of a negative number)",
            "ValueError (math domain error)");
  }

  /**
   * {@code get_cosine_with_min_lr_schedule_with_warmup}: as {@link #cosineWithWarmup(double, long,
   * long, double)}, but the cosine goes down to the floor {@code minLr} instead of 0: {@code factor *
   * (1 - min_lr_rate) + min_lr_rate}. It too rises again past {@code numTrainingSteps}. A floor above
   * the learning rate makes the cosine rise to it (a warning says so); {@code numCycles} as in {@link
   * #cosineWithWarmup(double, long, long, double)}.
   *
   * @throws InvalidScheduleException if the floor is negative (upstream clamps the cosine at 0, which
   *     no shape reproduces), {@code min_lr} is given with a learning rate of 0 (upstream divides by
   *     it), or a length or {@code numCycles} is out of range
   */
  public static TransformersPreset cosineWithMinLrWithWarmup(
      double learningRate, long numWarmupSteps, long numTrainingSteps, double numCycles, MinLr minLr) {
    ScheduleChecks.common(learningRate, numWarmupSteps, numTrainingSteps, ScheduleChecks.floor(learningRate, numCycles, minLr));
    LambdaBuilder lambda = new LambdaBuilder("get_cosine_with_min_lr_schedule_with_warmup", learningRate).linearWarmup(numWarmupSteps);
    double floor = minLr.rateFor(learningRate);
    warnFloorAboveLearningRate(lambda, minLr, floor);
    return cosineAfterWarmup(lambda, numWarmupSteps, numTrainingSteps, numCycles, floor, 0).build(AfterEnd.CONTINUE);
  }

  private static void warnFloorAboveLearningRate(LambdaBuilder lambda, MinLr minLr, double floor) {
    if (floor > 1) {
      lambda.warn(TransformersCode.floorAboveLearningRate(minLr.argument(), minLr.argument(), minLr.value(), floor, "cosine"));
    }
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
    List<Violation> own = ScheduleChecks.floor(learningRate, numCycles, minLr);
    warmupLrRate.ifPresent(rate -> Rules.nonNegative(own, "warmup_lr_rate", rate));
    ScheduleChecks.common(learningRate, numWarmupSteps, numTrainingSteps, own);
    LambdaBuilder lambda = new LambdaBuilder("get_cosine_with_min_lr_schedule_with_warmup_lr_rate", learningRate);
    if (warmupLrRate.isEmpty()) {
      shiftedWarmup(lambda, numWarmupSteps);
    } else {
      warmupFromRate(lambda, numWarmupSteps, warmupLrRate.getAsDouble());
    }
    if (warmupLrRate.isPresent() && warmupLrRate.getAsDouble() > 1 && numWarmupSteps >= 1) {
      lambda.warn(TransformersCode.warmupLrRateAboveOne("warmup_lr_rate", warmupLrRate.getAsDouble(), numWarmupSteps));
    }
    double floor = minLr.rateFor(learningRate);
    warnFloorAboveLearningRate(lambda, minLr, floor);
    return cosineAfterWarmup(lambda, numWarmupSteps, numTrainingSteps, numCycles, floor, 1).build(AfterEnd.CONTINUE);
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
   * Where {@code num_training_steps} is less than the warm-up and the decay, upstream has no stable
   * phase and enters the decay part-way through (a warning says so); a {@code min_lr_ratio} above 1
   * makes the warm-up fall and the decay rise (a warning too).
   *
   * @throws InvalidScheduleException if neither {@code num_training_steps} nor {@code
   *     num_stable_steps} is given (upstream raises {@code ValueError}), if {@code min_lr_ratio} is
   *     negative with a learning rate above 0 (the learning rate would end below 0, which Anneal does
   *     not hold), or a length or the learning rate is out of range
   */
  public static TransformersPreset wsd(double learningRate, WsdArguments arguments) {
    return WsdLambda.build(learningRate, arguments);
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
}
