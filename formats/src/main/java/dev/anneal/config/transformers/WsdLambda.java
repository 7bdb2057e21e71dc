package dev.anneal.config.transformers;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Segment;
import dev.anneal.schedule.Shape;
import dev.anneal.schedule.Shifted;
import java.util.ArrayList;
import java.util.List;

/**
 * transformers' {@code get_wsd_schedule} ({@code _get_wsd_scheduler_lambda}): its checks and its
 * phases. Upstream's branches are tried in order, {@code step < warmup}, {@code step < warmup +
 * stable}, {@code step < warmup + stable + decay}, else {@code min_lr_ratio}; this class lays them
 * out as phases, including where {@code num_training_steps} leaves a negative stable length: the
 * stable branch is then never taken, and the decay branch runs from the end of the warm-up to
 * {@code num_training_steps} with its progress already {@code -stable / decay} in, or not at all
 * where the warm-up reaches {@code num_training_steps}.
 */
final class WsdLambda {
  static final String FUNCTION = "get_wsd_schedule";

  private WsdLambda() {}

  /** See {@link TransformersSchedules#wsd}. */
  static TransformersPreset build(double learningRate, WsdArguments arguments) {
    List<Violation> errors = new ArrayList<>();
    ScheduleChecks.learningRate(errors, learningRate);
    long warmup = arguments.numWarmupSteps();
    long decay = arguments.numDecaySteps();
    boolean lengthsOk = ScheduleChecks.steps(errors, "num_warmup_steps", warmup, 0)
        & ScheduleChecks.steps(errors, "num_decay_steps", decay, 0);
    List<Violation> warnings = new ArrayList<>();
    long stable = 0;
    if (arguments.numStableSteps().isPresent()) {
      stable = arguments.numStableSteps().getAsLong();
      ScheduleChecks.steps(errors, "num_stable_steps", stable, 0);
    } else if (arguments.numTrainingSteps().isPresent()) {
      long total = arguments.numTrainingSteps().getAsLong();
      if (lengthsOk && total(errors, total)) {
        stable = total - warmup - decay;
        if (stable < 0) {
          warnings.add(TransformersCode.stablePhaseNegative("num_training_steps", total, warmup, decay, stable));
        }
      }
    } else {
      errors.add(ConfigCode.missingKey("", "'num_training_steps' or 'num_stable_steps' (get_wsd_schedule places its decay by one of them; upstream raises ValueError)"));
    }
    double floor = arguments.minLrRatio();
    if (Rules.finite(errors, "min_lr_ratio", floor) && floor < 0 && learningRate > 0) {
      // The warm-up and the decay clamp at 0 (max(0.0, factor)); the branch after the decay does not.
      errors.add(TransformersCode.minLrRatioNegative(
          "min_lr_ratio", floor, Math.max(warmup, warmup + stable + decay), learningRate * floor));
    }
    errors.addAll(ScheduleChecks.cycles(arguments.numCycles()));
    InvalidScheduleException.throwIfErrors(errors);

    LambdaBuilder lambda = new LambdaBuilder(FUNCTION, learningRate);
    warnings.forEach(lambda::warn);
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
    if (floor > 1) {
      lambda.warn(TransformersCode.floorAboveLearningRate("min_lr_ratio", "min_lr_ratio", floor, floor, "decay"));
    }
    return layOut(lambda, arguments, stable).build(AfterEnd.HOLD);
  }

  /** The phases, in upstream's branch order, given the stable length upstream computes (maybe negative). */
  private static LambdaBuilder layOut(LambdaBuilder lambda, WsdArguments arguments, long stable) {
    long warmup = arguments.numWarmupSteps();
    long decay = arguments.numDecaySteps();
    double floor = arguments.minLrRatio();
    // With a negative stable length the decay branch runs from the warm-up's end to num_training_steps.
    long decayRun = stable >= 0 ? decay : Math.max(0, stable + decay);
    if (arguments.decayType() == WsdCurve.COSINE && decayRun > 0) {
      CosineDecay.warn(lambda, arguments.numCycles(), "at its peak through the decay, then at min_lr_ratio");
    }
    lambda.then(TransformersSchedules.wsdWarmup(arguments.warmupType(), floor), warmup);
    if (stable >= 0) {
      lambda.then(new Constant(1), stable);
      Shape decayShape = fullDecay(arguments.decayType(), floor, arguments.numCycles());
      lambda.then(decayShape, decay);
      if (decay == 0 || decayShape.endValue(decay) != floor) {
        // Upstream returns min_lr_ratio after the decay; a cosine of other than half a period ends elsewhere.
        lambda.then(new Constant(floor), Phase.OPEN);
      }
    } else {
      if (decayRun > 0) {
        lambda.then(partialDecay(arguments.decayType(), floor, arguments.numCycles(), -stable, decay), decayRun);
      }
      lambda.then(new Constant(floor), Phase.OPEN);
    }
    return lambda;
  }

  /**
   * {@code num_training_steps}: at most 2^53 either way, so that the stable length computed from it
   * is exact; below the warm-up and the decay it still runs (a warning says how).
   */
  private static boolean total(List<Violation> errors, long total) {
    if (Math.abs(total) > ScheduleChecks.MAX_STEPS || total == Long.MIN_VALUE) {
      errors.add(RuleCode.outOfRange("num_training_steps", "num_training_steps", total, "[-2^53, 2^53]"));
      return false;
    }
    return true;
  }

  /** The whole decay, {@code num_decay_steps} long, for any finite {@code num_cycles}. */
  private static Shape fullDecay(WsdCurve type, double floor, double numCycles) {
    return type == WsdCurve.COSINE ? CosineDecay.shape(floor, numCycles) : TransformersSchedules.wsdDecay(type, floor, numCycles);
  }

  /**
   * The decay entered {@code skipped} steps in: progress {@code (t + skipped) / decay} at local step
   * t. A {@link Segment} computes exactly that progress, and upstream's linear, 1-sqrt and
   * half-period cosine factors from it (to the last bit for a floor up to 1, within rounding above);
   * a cosine of any other count is a {@link Cosine} read {@code skipped} steps ahead, its count
   * scaled to the shorter phase (within rounding of the angle).
   */
  private static Shape partialDecay(WsdCurve type, double floor, double numCycles, long skipped, long decay) {
    return switch (type) {
      case LINEAR -> new Segment(Segment.Curve.LINEAR, 1, floor, 1, skipped, decay);
      case ONE_MINUS_SQRT -> new Segment(Segment.Curve.MINUS_SQRT, 1, floor, 1, skipped, decay);
      case COSINE -> {
        if (CosineDecay.isFlat(numCycles)) {
          yield CosineDecay.shape(floor, numCycles);
        }
        double cycles = Math.abs(numCycles);
        if (cycles == Cosine.HALF_PERIOD) {
          // π * 0.5 * 2.0 is π exactly, so upstream's angle is π * progress, the segment's.
          yield new Segment(Segment.Curve.COSINE, 1, floor, 1, skipped, decay);
        }
        long runs = decay - skipped;
        yield new Shifted(new Cosine(1, floor, cycles * runs / decay), skipped);
      }
    };
  }
}
