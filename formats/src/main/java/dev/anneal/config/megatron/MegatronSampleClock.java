package dev.anneal.config.megatron;

import static dev.anneal.config.megatron.MegatronFlag.LR_DECAY_ITERS;
import static dev.anneal.config.megatron.MegatronFlag.LR_WARMUP_ITERS;
import static dev.anneal.config.megatron.MegatronFlag.LR_WSD_DECAY_ITERS;
import static dev.anneal.config.megatron.MegatronFlag.TRAIN_ITERS;
import static dev.anneal.config.megatron.MegatronFlag.TRAIN_SAMPLES;

import dev.anneal.rules.Violation;
import dev.anneal.schedule.Clock;
import dev.anneal.schedule.Clocked;
import dev.anneal.schedule.Consumption;
import dev.anneal.schedule.Plan;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plan of a launch with {@code --step-batch-size-schedule}: Megatron's {@code
 * OptimizerParamScheduler} is stepped by each iteration's global batch, so iteration {@code i}
 * uses {@code get_lr} and {@code get_wd} at the samples consumed before it. The scheduler's curve
 * is built per sample ({@link MegatronCurves} with an increment of 1) and {@link Clocked} in
 * samples by the schedule's consumption; and the warnings that belong to the schedule.
 */
final class MegatronSampleClock {
  private MegatronSampleClock() {}

  /** The plan, channels {@code lr} and {@code weight_decay}, per iteration. */
  static Plan plan(SchedulerSettings s, MegatronGeometry geometry) {
    Consumption consumption = geometry.consumption();
    long consumed = consumption.samplesBefore(s.trainIters());
    SchedulerSettings perSample = new SchedulerSettings(s.initLr(), s.maxLr(), s.minLr(), s.warmupSteps(), s.decaySteps(), s.decayStyle(),
        s.wsdDecaySteps(), s.wsdDecayStyle(), s.startWd(), s.endWd(), s.wdIncrSteps(), s.wdIncrStyle(), 1, consumed, s.sampleBased());
    Map<String, Schedule> channels = new LinkedHashMap<>();
    MegatronCurves.plan(perSample).channels().forEach((name, schedule) -> channels.put(name, new Clocked(schedule, Clock.SAMPLES, consumption)));
    return new Plan(channels);
  }

  /**
   * What the batch schedule does that a reader of the flags may not expect: {@code *-iters} flags
   * scaled by micro-batch × data-parallel size while the scheduler advances by the schedule's
   * batches, and {@code --train-samples} overshot by the last iteration.
   */
  static List<Violation> warnings(SchedulerSettings s, MegatronGeometry geometry, Flags flags) {
    List<Violation> out = new ArrayList<>();
    Consumption consumption = geometry.consumption();
    if (s.sampleBased()) {
      long trainSamples = flags.integer(TRAIN_SAMPLES, 0);
      long consumed = consumption.samplesBefore(s.trainIters());
      if (consumed != trainSamples) {
        out.add(MegatronCode.megatronSamplesOvershoot(flags.where(TRAIN_SAMPLES), trainSamples, s.trainIters(), consumed, consumed - trainSamples));
      }
      return out;
    }
    misScaled(s, geometry, flags).ifPresent(out::add);
    return out;
  }

  private static Optional<Violation> misScaled(SchedulerSettings s, MegatronGeometry geometry, Flags flags) {
    Consumption consumption = geometry.consumption();
    long base = geometry.base();
    long smallest = Long.MAX_VALUE;
    long largest = 0;
    for (Consumption.Stretch stretch : consumption.stretches()) {
      if (stretch.firstUpdate() < s.trainIters()) {
        smallest = Math.min(smallest, stretch.batch());
        largest = Math.max(largest, stretch.batch());
      }
    }
    if (smallest == base && largest == base) {
      return Optional.empty();
    }
    String what;
    long end;
    if (s.decayStyle() != DecayStyle.CONSTANT) {
      what = "the decay reaches --min-lr";
      end = consumption.updatesToReach(Clock.SAMPLES, s.decaySteps() + 1) + 1;
    } else if (s.warmupSteps() > 0) {
      what = "the warm-up reaches --lr";
      end = consumption.updatesToReach(Clock.SAMPLES, (long) Math.ceil(s.warmupSteps())) + 1;
    } else if (s.wdIncrStyle() != WeightDecayIncrStyle.CONSTANT) {
      what = "the weight decay reaches --end-weight-decay";
      end = consumption.updatesToReach(Clock.SAMPLES, s.wdIncrSteps()) + 1;
    } else {
      return Optional.empty();
    }
    if (end > s.trainIters()) {
      return Optional.empty();
    }
    String batches = smallest == largest ? Long.toString(smallest) : smallest + " to " + largest;
    String where = flags.given(LR_DECAY_ITERS) ? flags.where(LR_DECAY_ITERS) : flags.where(TRAIN_ITERS);
    return Optional.of(MegatronCode.megatronItersMisScaled(where, "--lr-decay-iters, --lr-warmup-iters, --lr-wsd-decay-iters and the weight-decay"
        + " ramp over --train-iters", base, batches, what, end, s.trainIters(),
        "--train-samples, --lr-decay-samples, --lr-warmup-samples, --lr-wsd-decay-samples in place of " + TRAIN_ITERS.flag() + ", "
            + LR_DECAY_ITERS.flag() + ", " + LR_WARMUP_ITERS.flag() + ", " + LR_WSD_DECAY_ITERS.flag()));
  }
}
