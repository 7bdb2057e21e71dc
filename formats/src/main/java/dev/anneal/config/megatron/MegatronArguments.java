package dev.anneal.config.megatron;

import static dev.anneal.config.megatron.MegatronFlag.GLOBAL_BATCH_SIZE;
import static dev.anneal.config.megatron.MegatronFlag.LR;
import static dev.anneal.config.megatron.MegatronFlag.LR_DECAY_ITERS;
import static dev.anneal.config.megatron.MegatronFlag.LR_DECAY_SAMPLES;
import static dev.anneal.config.megatron.MegatronFlag.LR_DECAY_STYLE;
import static dev.anneal.config.megatron.MegatronFlag.LR_WARMUP_FRACTION;
import static dev.anneal.config.megatron.MegatronFlag.LR_WARMUP_INIT;
import static dev.anneal.config.megatron.MegatronFlag.LR_WARMUP_ITERS;
import static dev.anneal.config.megatron.MegatronFlag.LR_WARMUP_SAMPLES;
import static dev.anneal.config.megatron.MegatronFlag.LR_WSD_DECAY_ITERS;
import static dev.anneal.config.megatron.MegatronFlag.LR_WSD_DECAY_SAMPLES;
import static dev.anneal.config.megatron.MegatronFlag.LR_WSD_DECAY_STYLE;
import static dev.anneal.config.megatron.MegatronFlag.MIN_LR;
import static dev.anneal.config.megatron.MegatronFlag.TRAIN_ITERS;
import static dev.anneal.config.megatron.MegatronFlag.TRAIN_SAMPLES;

import dev.anneal.config.Problems;
import dev.anneal.rules.Values;

/**
 * Turns the flags into {@link SchedulerSettings} as Megatron-LM does: its defaults for absent
 * flags ({@code megatron/training/arguments.py}), its argument checks ({@code validate_args} and
 * the asserts of {@code OptimizerParamScheduler}), and the conversion of {@code
 * get_optimizer_param_scheduler} ({@code megatron/training/training.py}): iteration-based training
 * multiplies every {@code *-iters} flag by {@code --global-batch-size}, sample-based training takes
 * the {@code *-samples} flags as they are. Anneal adds warnings where Megatron silently runs
 * something nobody means: a negative warm-up, a negative anneal and a WSD anneal longer than the
 * decay after the warm-up are warnings (Megatron runs them, and so does the curve).
 * Every problem is reported with the flag, its value, its line and a fix.
 * The weight decay has its own class, {@link WeightDecayArguments}.
 */
final class MegatronArguments {
  /** Step counts above this are not exact in the doubles Megatron computes its ratios with. */
  private static final long EXACT_STEPS = 1L << 53;

  private final Flags flags;
  private final MegatronGeometry geometry;
  private final Problems problems;
  private final FlagReport report;

  private MegatronArguments(Flags flags, MegatronGeometry geometry, Problems problems) {
    this.flags = flags;
    this.geometry = geometry;
    this.problems = problems;
    this.report = new FlagReport(flags, problems);
  }

  /** The scheduler's settings, or {@code null} if any error was reported. */
  static SchedulerSettings resolve(Flags flags, Problems problems) {
    return resolve(flags, null, problems);
  }

  /**
   * The scheduler's settings with a batch schedule's {@code geometry} (or {@code null} for none):
   * {@code *-iters} flags are then scaled by micro-batch × data-parallel size, the global batch
   * Megatron falls back to, and {@code --train-samples} is counted in the schedule's iterations.
   * {@code null} if any error was reported.
   */
  static SchedulerSettings resolve(Flags flags, MegatronGeometry geometry, Problems problems) {
    return new MegatronArguments(flags, geometry, problems).resolve();
  }

  /** Counts in the scheduler's units and the flags they came from. */
  private record Units(
      boolean samples,
      long increment,
      long trainIters,
      long decay,
      double warmup,
      Long wsd,
      long wdIncr,
      MegatronFlag decayFlag,
      MegatronFlag warmupFlag,
      MegatronFlag wsdFlag) {

    /** The unit of the flags, for messages. */
    String unit() {
      return samples ? "samples" : "iterations";
    }

    /** Scheduler units per unit of the flags. */
    long scale() {
      return samples ? 1 : increment;
    }
  }

  private SchedulerSettings resolve() {
    double[] lrs = learningRates();
    Units units = units();
    DecayStyle style = DecayStyle.of(flags.choice(LR_DECAY_STYLE, DecayStyle.LINEAR.upstreamName()));
    WsdDecayStyle wsdStyle = WsdDecayStyle.of(flags.choice(LR_WSD_DECAY_STYLE, WsdDecayStyle.EXPONENTIAL.upstreamName()));
    if (units != null) {
      checkWarmup(units);
      checkWsd(units, style, wsdStyle, lrs);
    }
    double[] wds = WeightDecayArguments.resolve(report);
    if (problems.hasErrors() || units == null || lrs == null || wds == null || flags.invalid(LR_DECAY_STYLE) || flags.invalid(LR_WSD_DECAY_STYLE)) {
      return null;
    }
    WeightDecayIncrStyle wdStyle = WeightDecayArguments.style(flags);
    return new SchedulerSettings(
        lrs[0], lrs[1], lrs[2], units.warmup(), units.decay(), style, units.wsd(), wsdStyle,
        wds[0], wds[1], units.wdIncr(), wdStyle, units.increment(), units.trainIters(), units.samples());
  }

  // ---- learning rates ------------------------------------------------------------------------

  /** {init, max, min}, or {@code null} if one is missing or bad. */
  private double[] learningRates() {
    if (!flags.given(LR)) {
      problems.add(MegatronCode.megatronMissingFlag(LR.flag(), LR.flag(), "Megatron has no default peak learning rate", "`--lr VALUE`, e.g. `--lr 3e-4`"));
      return null;
    }
    if (!flags.valid(LR) || flags.invalid(MIN_LR) || flags.invalid(LR_WARMUP_INIT)) {
      return null;
    }
    double max = flags.number(LR, 0);
    double min = flags.number(MIN_LR, 0.0);
    double init = flags.number(LR_WARMUP_INIT, 0.0);
    if (max < 0) {
      range(LR, max, "must be at least 0", "write the peak learning rate, e.g. 3e-4");
      return null;
    }
    if (min < 0) {
      range(MIN_LR, min, "must be at least 0, as Megatron's scheduler asserts min_lr >= 0.0", "use 0 or a positive floor");
    } else if (min > max) {
      range(MIN_LR, min, "must not exceed --lr (" + written(LR, max) + "), as Megatron asserts min_lr <= lr", "lower --min-lr or raise --lr");
    }
    if (init < 0) {
      range(LR_WARMUP_INIT, init, "must be at least 0", "start the warm-up at 0 or above");
    } else if (init > max) {
      range(LR_WARMUP_INIT, init, "must not exceed --lr (" + written(LR, max) + "), as Megatron's scheduler asserts init_lr <= max_lr",
          "start the warm-up at or below --lr");
    }
    return new double[] {init, max, min};
  }

  // ---- iterations and samples ------------------------------------------------------------------

  private Units units() {
    boolean iterations = flags.given(TRAIN_ITERS);
    boolean samples = flags.given(TRAIN_SAMPLES);
    if (!iterations && !samples) {
      problems.add(MegatronCode.megatronMissingFlag(TRAIN_ITERS.flag(), "--train-iters or --train-samples",
          "Megatron needs the length of training, and decays over it by default",
          "`--train-iters N` (or `--train-samples N` with `--global-batch-size`)"));
      return null;
    }
    if (iterations && samples) {
      conflict(TRAIN_SAMPLES, TRAIN_ITERS.flag(), "Megatron counts training in iterations or in samples, and asserts 'expected iteration-based training'", "keep one of them");
      return null;
    }
    if (MegatronGeometry.present(flags) && geometry == null) {
      return null; // the batch schedule has an error, reported where it was read
    }
    long batch = geometry != null ? geometry.base() : batchSize();
    return iterations ? iterationUnits(batch) : sampleUnits(batch);
  }

  /** {@code --global-batch-size}, 0 if bad, -1 if not given. */
  private long batchSize() {
    if (!flags.given(GLOBAL_BATCH_SIZE)) {
      return -1;
    }
    long batch = flags.integer(GLOBAL_BATCH_SIZE, 0);
    if (flags.valid(GLOBAL_BATCH_SIZE) && batch < 1) {
      range(GLOBAL_BATCH_SIZE, batch, "must be at least 1, as Megatron asserts global_batch_size > 0", "write the samples per iteration");
    }
    return flags.valid(GLOBAL_BATCH_SIZE) ? Math.max(batch, 0) : 0;
  }

  private Units iterationUnits(long batch) {
    if (flags.given(LR_DECAY_SAMPLES)) {
      conflict(LR_DECAY_SAMPLES, TRAIN_ITERS.flag(), "Megatron asserts 'expected iteration-based learning rate decay'", "use --lr-decay-iters");
    }
    if (flags.given(LR_WARMUP_SAMPLES) && flags.integer(LR_WARMUP_SAMPLES, 1) != 0) {
      conflict(LR_WARMUP_SAMPLES, TRAIN_ITERS.flag(), "Megatron asserts 'expected iteration-based learning rate warmup'", "use --lr-warmup-iters");
    }
    if (flags.given(LR_WSD_DECAY_SAMPLES)) {
      problems.add(MegatronCode.megatronFlagIgnored(flags.where(LR_WSD_DECAY_SAMPLES), flags.written(LR_WSD_DECAY_SAMPLES), LR_WSD_DECAY_SAMPLES.flag(),
          "in iteration-based training (--train-iters), where Megatron reads --lr-wsd-decay-iters"));
    }
    exclusiveWarmup(LR_WARMUP_ITERS);
    long trainIters = flags.integer(TRAIN_ITERS, 0);
    if (flags.valid(TRAIN_ITERS) && trainIters < 1) {
      range(TRAIN_ITERS, trainIters, "must be at least 1 (Megatron reads 0 as not given)", "write the number of iterations to train");
    }
    long decayIters = flags.integer(LR_DECAY_ITERS, trainIters);
    if (flags.valid(LR_DECAY_ITERS) && decayIters < 1) {
      range(LR_DECAY_ITERS, decayIters, "must be at least 1, as Megatron asserts lr_decay_steps > 0", "write the iterations to decay over");
    }
    if (batch == 0 || flags.invalid(TRAIN_ITERS) || trainIters < 1 || flags.invalid(LR_DECAY_ITERS) || decayIters < 1
        || flags.invalid(LR_WARMUP_ITERS) || flags.invalid(LR_WARMUP_FRACTION) || flags.invalid(LR_WSD_DECAY_ITERS)) {
      return null;
    }
    long increment = batch < 0 ? 1 : batch;
    Long wdIncr = times(TRAIN_ITERS, trainIters, increment);
    if (wdIncr == null) {
      return null;
    }
    Long decay = flags.given(LR_DECAY_ITERS) ? times(LR_DECAY_ITERS, decayIters, increment) : wdIncr;
    Long warmupUnits = times(LR_WARMUP_ITERS, flags.integer(LR_WARMUP_ITERS, 0), increment);
    Long wsd = flags.valid(LR_WSD_DECAY_ITERS) ? times(LR_WSD_DECAY_ITERS, flags.integer(LR_WSD_DECAY_ITERS, 0), increment) : null;
    if (decay == null || wdIncr == null || warmupUnits == null || (flags.valid(LR_WSD_DECAY_ITERS) && wsd == null)) {
      return null;
    }
    double warmup = flags.valid(LR_WARMUP_FRACTION) ? flags.number(LR_WARMUP_FRACTION, 0) * decay : warmupUnits;
    return new Units(false, increment, trainIters, decay, warmup, wsd, wdIncr, LR_DECAY_ITERS, warmupFlag(LR_WARMUP_ITERS), LR_WSD_DECAY_ITERS);
  }

  private Units sampleUnits(long batch) {
    if (flags.given(LR_DECAY_ITERS)) {
      conflict(LR_DECAY_ITERS, TRAIN_SAMPLES.flag(), "Megatron asserts 'expected sample-based learning rate decay'", "use --lr-decay-samples");
    }
    if (flags.given(LR_WARMUP_ITERS) && flags.integer(LR_WARMUP_ITERS, 1) != 0) {
      conflict(LR_WARMUP_ITERS, TRAIN_SAMPLES.flag(), "Megatron asserts that the warm-up is counted in samples too", "use --lr-warmup-samples");
    }
    if (flags.given(LR_WSD_DECAY_ITERS)) {
      problems.add(MegatronCode.megatronFlagIgnored(flags.where(LR_WSD_DECAY_ITERS), flags.written(LR_WSD_DECAY_ITERS), LR_WSD_DECAY_ITERS.flag(),
          "in sample-based training (--train-samples), where Megatron reads --lr-wsd-decay-samples"));
    }
    exclusiveWarmup(LR_WARMUP_SAMPLES);
    if (batch < 0) {
      problems.add(MegatronCode.megatronMissingFlag(GLOBAL_BATCH_SIZE.flag(), GLOBAL_BATCH_SIZE.flag(),
          "with --train-samples Megatron advances the schedule by the global batch size every iteration", "`--global-batch-size N` as your launch script sets it"));
      return null;
    }
    long trainSamples = flags.integer(TRAIN_SAMPLES, 0);
    if (flags.valid(TRAIN_SAMPLES) && trainSamples < 1) {
      range(TRAIN_SAMPLES, trainSamples, "must be at least 1 (Megatron reads 0 as not given)", "write the number of samples to train on");
    }
    long decay = flags.integer(LR_DECAY_SAMPLES, trainSamples);
    if (flags.valid(LR_DECAY_SAMPLES) && decay < 1) {
      range(LR_DECAY_SAMPLES, decay, "must be at least 1, as Megatron asserts lr_decay_steps > 0", "write the samples to decay over");
    }
    if (batch == 0 || flags.invalid(TRAIN_SAMPLES) || trainSamples < 1 || flags.invalid(LR_DECAY_SAMPLES) || decay < 1
        || flags.invalid(LR_WARMUP_SAMPLES) || flags.invalid(LR_WARMUP_FRACTION) || flags.invalid(LR_WSD_DECAY_SAMPLES)) {
      return null;
    }
    if (exact(TRAIN_SAMPLES, trainSamples) == null) {
      return null;
    }
    Long decayExact = flags.given(LR_DECAY_SAMPLES) ? exact(LR_DECAY_SAMPLES, decay) : decay;
    Long warmupExact = exact(LR_WARMUP_SAMPLES, flags.integer(LR_WARMUP_SAMPLES, 0));
    Long wsdExact = flags.valid(LR_WSD_DECAY_SAMPLES) ? exact(LR_WSD_DECAY_SAMPLES, flags.integer(LR_WSD_DECAY_SAMPLES, 0)) : null;
    if (decayExact == null || warmupExact == null || (flags.valid(LR_WSD_DECAY_SAMPLES) && wsdExact == null)) {
      return null;
    }
    if (geometry != null) {
      // update_train_iters: iterations until the consumed samples reach --train-samples (the last may overshoot).
      long trainIters = geometry.iterationsToReach(trainSamples);
      double warmup = flags.valid(LR_WARMUP_FRACTION) ? flags.number(LR_WARMUP_FRACTION, 0) * decay : flags.integer(LR_WARMUP_SAMPLES, 0);
      Long wsd = flags.valid(LR_WSD_DECAY_SAMPLES) ? flags.integer(LR_WSD_DECAY_SAMPLES, 0) : null;
      return new Units(true, batch, trainIters, decay, warmup, wsd, trainSamples, LR_DECAY_SAMPLES, warmupFlag(LR_WARMUP_SAMPLES), LR_WSD_DECAY_SAMPLES);
    }
    long trainIters = trainSamples / batch;
    if (trainIters == 0) {
      range(TRAIN_SAMPLES, trainSamples, "is less than one global batch (--global-batch-size " + batch + "), so Megatron would train 0 iterations",
          "train on at least " + batch + " samples");
      return null;
    }
    if (trainSamples % batch != 0) {
      problems.add(MegatronCode.megatronPartialBatch(flags.where(TRAIN_SAMPLES), trainSamples, batch, trainIters, trainSamples % batch));
    }
    double warmup = flags.valid(LR_WARMUP_FRACTION) ? flags.number(LR_WARMUP_FRACTION, 0) * decay : flags.integer(LR_WARMUP_SAMPLES, 0);
    Long wsd = flags.valid(LR_WSD_DECAY_SAMPLES) ? flags.integer(LR_WSD_DECAY_SAMPLES, 0) : null;
    return new Units(true, batch, trainIters, decay, warmup, wsd, trainSamples, LR_DECAY_SAMPLES, warmupFlag(LR_WARMUP_SAMPLES), LR_WSD_DECAY_SAMPLES);
  }

  private MegatronFlag warmupFlag(MegatronFlag count) {
    return flags.valid(LR_WARMUP_FRACTION) ? LR_WARMUP_FRACTION : count;
  }

  /** Megatron allows the fraction only with a warm-up count of 0 (its default). */
  private void exclusiveWarmup(MegatronFlag count) {
    if (flags.given(LR_WARMUP_FRACTION) && flags.given(count) && flags.integer(count, 1) != 0) {
      conflict(LR_WARMUP_FRACTION, flags.shown(count),
          "Megatron can only specify one of lr-warmup-fraction and " + count.flag().substring(2), "remove one of them");
    }
  }

  /** {@code value * increment}, or {@code null} (reported) if it leaves the exact range. */
  private Long times(MegatronFlag flag, long value, long increment) {
    long product;
    try {
      product = Math.multiplyExact(value, increment);
    } catch (ArithmeticException e) {
      product = Long.MAX_VALUE;
    }
    if (Math.abs(product) > EXACT_STEPS) {
      String times = increment == 1 ? "" : "times --global-batch-size (" + increment + ") ";
      range(flag, value, times + "is beyond 2^53 steps, where Megatron's float arithmetic stops being exact", "use a count below 2^53");
      return null;
    }
    return product;
  }

  /** {@code value} as is, or {@code null} (reported) if it leaves the exact range. */
  private Long exact(MegatronFlag flag, long value) {
    return times(flag, value, 1);
  }

  // ---- warm-up and WSD ---------------------------------------------------------------------------

  private void checkWarmup(Units units) {
    MegatronFlag flag = units.warmupFlag();
    double given = flag == LR_WARMUP_FRACTION ? flags.number(flag, 0) : units.warmup() / units.scale();
    if (units.warmup() < 0) {
      problems.add(MegatronCode.megatronNegativeWarmup(flags.where(flag), given, flag.flag(), Values.show(given),
          Values.show(-units.warmup() / units.scale()), units.unit()));
    } else if (units.warmup() >= units.decay()) {
      String decay = decayShown(units);
      if (flag == LR_WARMUP_FRACTION) {
        range(flag, given, "must be less than 1, so that the warm-up ends before the decay (" + decay
            + ") does, as Megatron asserts lr_warmup_steps < lr_decay_steps", "use a fraction below 1");
      } else {
        range(flag, given, "must be less than the decay, " + decay + ", as Megatron asserts lr_warmup_steps < lr_decay_steps",
            "shorten the warm-up or lengthen the decay");
      }
    }
  }

  /** {@code --lr-decay-iters 4000}, or how it defaulted. */
  private String decayShown(Units units) {
    MegatronFlag decayFlag = units.decayFlag();
    String shown = decayFlag.flag() + " " + units.decay() / units.scale();
    return flags.given(decayFlag) ? shown : shown + " (from " + (units.samples() ? TRAIN_SAMPLES : TRAIN_ITERS).flag() + ")";
  }

  private void checkWsd(Units units, DecayStyle style, WsdDecayStyle wsdStyle, double[] lrs) {
    MegatronFlag wsdFlag = units.wsdFlag();
    if (style != DecayStyle.WSD) {
      if (flags.given(wsdFlag)) {
        ignoredUnlessWsd(wsdFlag, style);
      }
      if (flags.given(LR_WSD_DECAY_STYLE)) {
        ignoredUnlessWsd(LR_WSD_DECAY_STYLE, style);
      }
      return;
    }
    if (units.wsd() == null) {
      if (!flags.given(wsdFlag)) {
        problems.add(MegatronCode.megatronMissingFlag(wsdFlag.flag(), wsdFlag.flag(),
            "--lr-decay-style WSD anneals over the last " + wsdFlag.flag() + " of the decay, and Megatron asserts wsd_decay_steps is not None",
            "`" + wsdFlag.flag() + " N`"));
      }
      return;
    }
    long anneal = units.wsd();
    if (anneal < 0) {
      long written = anneal / units.scale();
      problems.add(MegatronCode.megatronNegativeAnneal(flags.where(wsdFlag), written, wsdFlag.flag(), Values.show(written)));
      return;
    }
    double window = units.decay() - Math.max(units.warmup(), 0);
    if (anneal > window && units.warmup() < units.decay() && lrs != null && !flags.invalid(LR_WSD_DECAY_STYLE)) {
      annealTooLong(units, wsdStyle, lrs, window);
    }
  }

  private void ignoredUnlessWsd(MegatronFlag flag, DecayStyle style) {
    problems.add(MegatronCode.megatronFlagIgnored(flags.where(flag), flags.written(flag), flag.flag(),
        "unless --lr-decay-style is WSD (it is " + style.upstreamName() + ")"));
  }

  /**
   * Warns of an anneal that starts before the warm-up ends, saying what Megatron does: {@code get_lr}
   * takes the warm-up while {@code num_steps <= lr_warmup_steps}, and after it the anneal's ratio
   * {@code (num_steps - (lr_decay_steps - wsd_decay_steps)) / wsd_decay_steps} is already past 0, so
   * the learning rate falls at once part-way down the anneal (the curve reproduces that).
   */
  private void annealTooLong(Units units, WsdDecayStyle wsdStyle, double[] lrs, double window) {
    long n = units.increment();
    long anneal = units.wsd();
    long start = units.decay() - anneal;
    double max = lrs[1];
    double min = lrs[2];
    String startShown = Values.show((double) start / n);
    String happens;
    if (units.warmup() > 0) {
      long firstAfter = (long) Math.floor(units.warmup() / n) + 1;
      double samples = (double) firstAfter * n;
      double value = samples > units.decay() ? min : min + wsdStyle.curve().coefficient((samples - start) / anneal) * (max - min);
      happens = "Megatron starts annealing at iteration " + startShown + ", before the warm-up ends at iteration "
          + Values.show(units.warmup() / n) + ", so right after it, at iteration " + firstAfter + ", the learning rate falls from "
          + Values.show(max) + " to " + Values.show(value);
    } else {
      double value = min + wsdStyle.curve().coefficient((double) (0 - start) / anneal) * (max - min);
      happens = "Megatron starts annealing at iteration " + startShown + ", before training begins, so the first update uses "
          + Values.show(value) + " instead of --lr (" + Values.show(max) + ")";
    }
    String windowShown = Values.show(window / units.scale()) + " of the " + units.decay() / units.scale() + " decay " + units.unit();
    problems.add(MegatronCode.megatronWsdAnnealTooLong(flags.where(units.wsdFlag()), anneal / units.scale(),
        units.wsdFlag().flag() + " " + anneal / units.scale(), windowShown, happens, units.wsdFlag().flag(),
        (long) Math.floor(window / units.scale())));
  }

  private void range(MegatronFlag flag, Object value, String rule, String fix) {
    report.range(flag, value, rule, fix);
  }

  private void conflict(MegatronFlag flag, String other, String why, String fix) {
    report.conflict(flag, other, why, fix);
  }

  private String written(MegatronFlag flag, double value) {
    return report.written(flag, value);
  }
}
