package dev.anneal.config.megatron;

import dev.anneal.schedule.AfterEnd;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Cosine;
import dev.anneal.schedule.InverseSqrt;
import dev.anneal.schedule.Linear;
import dev.anneal.schedule.OneMinusSqrt;
import dev.anneal.schedule.Phase;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Segment;
import dev.anneal.schedule.Sequence;
import dev.anneal.schedule.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan of {@code OptimizerParamScheduler}, per iteration: iteration {@code i} uses the values
 * {@code get_lr} and {@code get_wd} give at {@code num_steps = i * increment}
 * ({@code megatron/core/optimizer_param_scheduler.py}). Each piece of Megatron's {@code get_lr}
 * becomes a phase: the linear warm-up (taken while {@code num_steps <= lr_warmup_steps}), the
 * decay, and {@code min_lr} once {@code num_steps > lr_decay_steps}. Where a boundary falls on a
 * whole iteration the phases use the plain shapes ({@link Linear}, {@link Cosine}, {@link
 * OneMinusSqrt}, {@link InverseSqrt}); where it falls part-way between iterations (samples, or a
 * warm-up fraction) they use a {@link Segment} counted in samples, which keeps Megatron's progress
 * {@code (num_steps - start) / length} exactly. Every plan holds its last value after the end, as
 * Megatron does.
 */
final class MegatronCurves {
  private MegatronCurves() {}

  /** The plan with channels {@code lr} and {@code weight_decay}. */
  static Plan plan(SchedulerSettings settings) {
    Map<String, dev.anneal.schedule.Schedule> channels = new LinkedHashMap<>();
    channels.put(Plan.LR, learningRate(settings));
    channels.put(Plan.WEIGHT_DECAY, weightDecay(settings));
    return new Plan(channels);
  }

  /** {@code get_lr} per iteration. */
  static Sequence learningRate(SchedulerSettings s) {
    List<Phase> phases = new ArrayList<>();
    long n = s.increment();
    double max = s.maxLr();
    double min = s.minLr();
    double warmup = s.warmupSteps();
    long next = 0;
    if (warmup > 0) {
      if (s.onIteration(warmup)) {
        next = (long) warmup / n;
        phases.add(new Phase(new Linear(s.initLr(), max), next));
      } else {
        next = s.lastIterationWithin(warmup) + 1;
        phases.add(new Phase(new Segment(Segment.Curve.LINEAR, s.initLr(), max, n, 0, warmup), next));
      }
    }
    if (s.decayStyle() == DecayStyle.CONSTANT) {
      if (s.trainIters() > next || phases.isEmpty()) {
        phases.add(new Phase(new Constant(max), Math.max(1, s.trainIters() - next)));
      }
      return new Sequence(phases, AfterEnd.HOLD);
    }
    long decayEnd = switch (s.decayStyle()) {
      case LINEAR, COSINE -> decay(s, phases, next);
      case INVERSE_SQUARE_ROOT -> inverseSqrt(s, phases, next);
      case WSD -> wsd(s, phases, next);
      case CONSTANT -> throw new IllegalStateException("handled above");
    };
    long tail = s.trainIters() - decayEnd;
    Shape last = phases.isEmpty() ? null : phases.get(phases.size() - 1).shape();
    boolean endsOnMin = last != null && last.endValue(phases.get(phases.size() - 1).steps()) == min;
    if (tail > 0 || !endsOnMin) {
      phases.add(new Phase(new Constant(min), Math.max(1, tail)));
    }
    return new Sequence(phases, AfterEnd.HOLD);
  }

  /** Linear or cosine from {@code max_lr} to {@code min_lr}; returns the first iteration after it. */
  private static long decay(SchedulerSettings s, List<Phase> phases, long next) {
    long n = s.increment();
    Segment.Curve curve = s.decayStyle() == DecayStyle.LINEAR ? Segment.Curve.LINEAR : Segment.Curve.COSINE;
    // A negative warm-up (no warm-up, a decay counted from before training) starts part-way: a segment.
    if (s.warmupSteps() >= 0 && s.onIteration(s.warmupSteps()) && s.decaySteps() % n == 0) {
      long end = s.decaySteps() / n;
      Shape shape = curve == Segment.Curve.LINEAR ? new Linear(s.maxLr(), s.minLr()) : new Cosine(s.maxLr(), s.minLr());
      phases.add(new Phase(shape, end - next));
      return end;
    }
    long end = s.lastIterationWithin(s.decaySteps()) + 1;
    if (end > next) {
      double origin = (double) next * n - s.warmupSteps();
      phases.add(new Phase(new Segment(curve, s.maxLr(), s.minLr(), n, origin, s.decaySteps() - s.warmupSteps()), end - next));
    }
    return Math.max(end, next);
  }

  /**
   * {@code max(min_lr, max_lr * sqrt(max(warmup, 1)) / sqrt(max(num_steps, 1)))} until the end of
   * the decay, then {@code min_lr} at once (the cliff). Written as {@link InverseSqrt} from the
   * phase's first iteration {@code k}: peak {@code max_lr * sqrt(max(warmup, 1) / (k * increment))},
   * timescale {@code k}. Without warm-up iteration 0 sees {@code max(0, 1) = 1} sample and keeps
   * {@code max_lr}.
   */
  private static long inverseSqrt(SchedulerSettings s, List<Phase> phases, long next) {
    long n = s.increment();
    long first = next;
    if (first == 0) {
      phases.add(new Phase(new Constant(s.maxLr()), 1));
      first = 1;
    }
    long end = s.lastIterationWithin(s.decaySteps()) + 1;
    if (end > first) {
      double warmup = Math.max(s.warmupSteps(), 1);
      double firstSamples = (double) first * n;
      double peak = warmup == firstSamples ? s.maxLr() : s.maxLr() * Math.sqrt(warmup / firstSamples);
      Shape shape = peak > s.minLr() ? new InverseSqrt(peak, first, s.minLr()) : new Constant(s.minLr());
      phases.add(new Phase(shape, end - first));
    }
    return Math.max(end, first);
  }

  /** Stable at {@code max_lr}, then the anneal over the last {@code wsd_decay_steps} of the decay. */
  private static long wsd(SchedulerSettings s, List<Phase> phases, long next) {
    long n = s.increment();
    long anneal = s.wsdDecaySteps();
    long annealStart = s.decaySteps() - anneal;
    long end = s.lastIterationWithin(s.decaySteps()) + 1;
    if (anneal <= 0) {
      // get_lr's anneal starts at lr_decay_steps - wsd_decay_steps: at or after the decay's end, never reached.
      if (end > next) {
        phases.add(new Phase(new Constant(s.maxLr()), end - next));
      }
      return Math.max(end, next);
    }
    if (s.warmupSteps() > 0 && s.onIteration(s.warmupSteps()) && annealStart < s.warmupSteps()) {
      // The warm-up phase stops one iteration short of num_steps == lr_warmup_steps, where any
      // decay starts at max_lr; an anneal that began earlier would not, but get_lr still takes the
      // warm-up branch there (num_steps <= lr_warmup_steps) and gives max_lr.
      phases.add(new Phase(new Constant(s.maxLr()), 1));
      next++;
    }
    long firstAnneal = Math.max(next, s.lastIterationWithin(annealStart - 1) + 1);
    if (firstAnneal > next) {
      phases.add(new Phase(new Constant(s.maxLr()), firstAnneal - next));
    }
    Segment.Curve curve = s.wsdDecayStyle().curve();
    if (annealStart % n == 0 && anneal % n == 0 && firstAnneal * n == annealStart) {
      long steps = anneal / n;
      phases.add(new Phase(annealShape(curve, s.maxLr(), s.minLr(), n, anneal), steps));
      return firstAnneal + steps;
    }
    if (end > firstAnneal) {
      double origin = (double) firstAnneal * n - annealStart;
      phases.add(new Phase(new Segment(curve, s.maxLr(), s.minLr(), n, origin, anneal), end - firstAnneal));
    }
    return Math.max(end, firstAnneal);
  }

  /**
   * The shape of an anneal that starts and ends on iterations: a plain shape, or for the
   * exponential curve (which has none) a segment that starts on an iteration.
   */
  private static Shape annealShape(Segment.Curve curve, double max, double min, long increment, long anneal) {
    return switch (curve) {
      case LINEAR -> new Linear(max, min);
      case COSINE -> new Cosine(max, min);
      case MINUS_SQRT -> new OneMinusSqrt(max, min);
      case EXPONENTIAL -> new Segment(Segment.Curve.EXPONENTIAL, max, min, increment, 0, anneal);
    };
  }

  /** {@code get_wd} per iteration: constant, or a ramp over {@code wd_incr_steps}, then {@code end_wd}. */
  static Sequence weightDecay(SchedulerSettings s) {
    long n = s.increment();
    return switch (s.wdIncrStyle()) {
      case CONSTANT -> Sequence.of(new Constant(s.endWd()), Math.max(1, s.trainIters()), AfterEnd.HOLD);
      case LINEAR, COSINE -> {
        boolean linear = s.wdIncrStyle() == WeightDecayIncrStyle.LINEAR;
        if (s.wdIncrSteps() % n == 0) {
          Shape shape = linear ? new Linear(s.startWd(), s.endWd()) : new Cosine(s.startWd(), s.endWd());
          yield Sequence.of(shape, s.wdIncrSteps() / n, AfterEnd.HOLD);
        }
        Segment.Curve curve = linear ? Segment.Curve.LINEAR : Segment.Curve.COSINE;
        yield Sequence.of(
            new Segment(curve, s.startWd(), s.endWd(), n, 0, s.wdIncrSteps()), s.lastIterationWithin(s.wdIncrSteps()) + 1, AfterEnd.HOLD);
      }
    };
  }
}
