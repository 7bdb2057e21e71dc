package dev.anneal.config.megatron;

import static dev.anneal.config.megatron.MegatronFlag.GLOBAL_BATCH_SIZE;
import static dev.anneal.config.megatron.MegatronFlag.LR_DECAY_ITERS;
import static dev.anneal.config.megatron.MegatronFlag.LR_DECAY_SAMPLES;
import static dev.anneal.config.megatron.MegatronFlag.LR_WARMUP_FRACTION;
import static dev.anneal.config.megatron.MegatronFlag.LR_WARMUP_ITERS;
import static dev.anneal.config.megatron.MegatronFlag.LR_WARMUP_SAMPLES;
import static dev.anneal.config.megatron.MegatronFlag.LR_WSD_DECAY_ITERS;
import static dev.anneal.config.megatron.MegatronFlag.LR_WSD_DECAY_SAMPLES;
import static dev.anneal.config.megatron.MegatronFlag.TRAIN_ITERS;
import static dev.anneal.config.megatron.MegatronFlag.TRAIN_SAMPLES;

import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;

/**
 * The warnings about what Megatron does that a reader of the flags may not expect, all of which
 * Anneal reproduces: the inverse-square-root cliff to {@code --min-lr} at the end of the decay (and
 * WSD's without an anneal), boundaries that fall part-way between iterations, and the global batch
 * size the inverse-square-root curve depends on.
 */
final class MegatronQuirks {
  private MegatronQuirks() {}

  static List<Violation> of(SchedulerSettings s, Flags flags, Schedule lr) {
    List<Violation> out = new ArrayList<>();
    fractionalBoundaries(s, flags, out);
    cliff(s, flags, lr, out);
    if (!s.sampleBased() && !flags.given(GLOBAL_BATCH_SIZE) && s.decayStyle() == DecayStyle.INVERSE_SQUARE_ROOT && s.warmupSteps() == 0) {
      out.add(MegatronCode.megatronBatchSizeAssumed(GLOBAL_BATCH_SIZE.flag(),
          "inverse-square-root without warm-up divides --lr by the square root of the samples seen, so every value after iteration 0 depends on it"));
    }
    return out;
  }

  private static void fractionalBoundaries(SchedulerSettings s, Flags flags, List<Violation> out) {
    String batch = " at --global-batch-size " + s.increment();
    if (s.warmupSteps() > 0 && !s.onIteration(s.warmupSteps())) {
      MegatronFlag flag = flags.valid(LR_WARMUP_FRACTION) ? LR_WARMUP_FRACTION : LR_WARMUP_SAMPLES;
      String what = flag == LR_WARMUP_FRACTION
          ? flags.shown(LR_WARMUP_FRACTION) + " of " + decayCount(s) + " decay " + (s.sampleBased() ? "samples" + batch : "iterations")
          : flags.shown(LR_WARMUP_SAMPLES) + batch;
      out.add(fractional(flags.where(flag), s, s.warmupSteps(), "the warm-up (" + what + ")", "the warm-up"));
    }
    if (s.decayStyle() != DecayStyle.CONSTANT && !s.onIteration(s.decaySteps())) {
      MegatronFlag flag = flags.given(LR_DECAY_SAMPLES) ? LR_DECAY_SAMPLES : TRAIN_SAMPLES;
      out.add(fractional(flags.where(flag), s, s.decaySteps(), "the decay (" + flags.shown(flag) + batch + ")", "the decay"));
    }
    if (s.decayStyle() == DecayStyle.WSD && s.wsdDecaySteps() > 0 && !s.onIteration(s.decaySteps() - s.wsdDecaySteps())) {
      MegatronFlag flag = s.sampleBased() ? LR_WSD_DECAY_SAMPLES : LR_WSD_DECAY_ITERS;
      out.add(fractional(flags.where(flag), s, s.decaySteps() - s.wsdDecaySteps(),
          "the stable phase (the decay less " + flags.shown(flag) + batch + ")", "the stable phase"));
    }
    if (s.wdIncrStyle() != WeightDecayIncrStyle.CONSTANT && !s.onIteration(s.wdIncrSteps())) {
      out.add(fractional(flags.where(TRAIN_SAMPLES), s, s.wdIncrSteps(), "the weight-decay ramp (" + flags.shown(TRAIN_SAMPLES) + batch + ")",
          "the weight-decay ramp"));
    }
  }

  private static String decayCount(SchedulerSettings s) {
    return Values.show(s.sampleBased() ? s.decaySteps() : s.decaySteps() / s.increment());
  }

  private static Violation fractional(String where, SchedulerSettings s, double units, String what, String part) {
    long before = s.lastIterationWithin(units);
    return MegatronCode.megatronFractionalBoundary(where, units, what, s.iterations(units), part, before, before + 1);
  }

  /** The drop to {@code --min-lr} where the decay ends, if training gets there. */
  private static void cliff(SchedulerSettings s, Flags flags, Schedule lr, List<Violation> out) {
    boolean inverseSqrt = s.decayStyle() == DecayStyle.INVERSE_SQUARE_ROOT;
    boolean wsdWithoutAnneal = s.decayStyle() == DecayStyle.WSD && s.wsdDecaySteps() == 0;
    if (!inverseSqrt && !wsdWithoutAnneal) {
      return;
    }
    long last = s.lastIterationWithin(s.decaySteps());
    if (last + 1 >= s.trainIters()) {
      return;
    }
    double before = lr.valueAt(last);
    if (before <= s.minLr()) {
      return;
    }
    MegatronFlag decayFlag = s.sampleBased()
        ? (flags.given(LR_DECAY_SAMPLES) ? LR_DECAY_SAMPLES : TRAIN_SAMPLES)
        : (flags.given(LR_DECAY_ITERS) ? LR_DECAY_ITERS : TRAIN_ITERS);
    String decay = s.sampleBased() ? "--lr-decay-samples" : "--lr-decay-iters";
    if (inverseSqrt) {
      out.add(MegatronCode.megatronLrCliff(flags.where(decayFlag), s.decaySteps(), before, s.minLr(), last,
          "where " + decay + " ends: Megatron's inverse-square-root jumps to --min-lr there instead of approaching it",
          "set " + decay + " to the length of training or beyond to keep it decaying"));
    } else {
      MegatronFlag wsdFlag = s.sampleBased() ? LR_WSD_DECAY_SAMPLES : LR_WSD_DECAY_ITERS;
      out.add(MegatronCode.megatronLrCliff(flags.where(wsdFlag), 0L, before, s.minLr(), last,
          "where " + decay + " ends: " + wsdFlag.flag() + " 0 leaves WSD no anneal", "give the anneal some length with " + wsdFlag.flag()));
    }
  }
}
