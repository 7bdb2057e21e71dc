package dev.anneal.config.megatron;

import static dev.anneal.config.megatron.MegatronFlag.END_WEIGHT_DECAY;
import static dev.anneal.config.megatron.MegatronFlag.START_WEIGHT_DECAY;
import static dev.anneal.config.megatron.MegatronFlag.WEIGHT_DECAY;
import static dev.anneal.config.megatron.MegatronFlag.WEIGHT_DECAY_INCR_STYLE;

import dev.anneal.config.Problems;

/**
 * The weight-decay flags as Megatron-LM reads them: {@code --weight-decay} (default 0.01) for the
 * constant style, where {@code validate_args} asserts that {@code --start-weight-decay} and {@code
 * --end-weight-decay} are not given; both of those for a linear or cosine ramp; and the asserts of
 * {@code OptimizerParamScheduler} ({@code start_wd >= 0}, {@code end_wd >= start_wd}).
 */
final class WeightDecayArguments {
  private WeightDecayArguments() {}

  /** {@code --weight-decay-incr-style}, {@code constant} when not given. */
  static WeightDecayIncrStyle style(Flags flags) {
    return WeightDecayIncrStyle.of(flags.choice(WEIGHT_DECAY_INCR_STYLE, WeightDecayIncrStyle.CONSTANT.upstreamName()));
  }

  /** {@code {start_wd, end_wd}}, or {@code null} if a flag is missing or bad (reported). */
  static double[] resolve(FlagReport report) {
    Flags flags = report.flags();
    Problems problems = report.problems();
    if (flags.invalid(WEIGHT_DECAY_INCR_STYLE) || flags.invalid(WEIGHT_DECAY) || flags.invalid(START_WEIGHT_DECAY) || flags.invalid(END_WEIGHT_DECAY)) {
      return null;
    }
    WeightDecayIncrStyle style = style(flags);
    if (style == WeightDecayIncrStyle.CONSTANT) {
      String constant = "--weight-decay-incr-style constant" + (flags.given(WEIGHT_DECAY_INCR_STYLE) ? "" : " (the default)");
      for (MegatronFlag ramp : new MegatronFlag[] {START_WEIGHT_DECAY, END_WEIGHT_DECAY}) {
        if (flags.given(ramp)) {
          report.conflict(ramp, constant, "Megatron asserts " + ramp.flag().substring(2).replace('-', '_') + " is None for a constant weight decay",
              "use --weight-decay, or --weight-decay-incr-style linear or cosine for a ramp");
        }
      }
      double weightDecay = flags.number(WEIGHT_DECAY, 0.01);
      if (weightDecay < 0) {
        report.range(WEIGHT_DECAY, weightDecay, "must be at least 0, as Megatron's scheduler asserts start_wd >= 0.0", "use 0 for no weight decay");
        return null;
      }
      return new double[] {weightDecay, weightDecay};
    }
    String ramp = "--weight-decay-incr-style " + style.upstreamName() + " ramps from --start-weight-decay to --end-weight-decay, and Megatron asserts both are set";
    boolean complete = true;
    for (MegatronFlag end : new MegatronFlag[] {START_WEIGHT_DECAY, END_WEIGHT_DECAY}) {
      if (!flags.given(end)) {
        problems.add(MegatronCode.megatronMissingFlag(end.flag(), end.flag(), ramp, "`" + end.flag() + " VALUE`"));
        complete = false;
      }
    }
    if (flags.given(WEIGHT_DECAY)) {
      problems.add(MegatronCode.megatronFlagIgnored(flags.where(WEIGHT_DECAY), flags.written(WEIGHT_DECAY), WEIGHT_DECAY.flag(),
          "with --weight-decay-incr-style " + style.upstreamName() + " (the ramp runs from --start-weight-decay to --end-weight-decay)"));
    }
    if (!complete) {
      return null;
    }
    double start = flags.number(START_WEIGHT_DECAY, 0);
    double end = flags.number(END_WEIGHT_DECAY, 0);
    if (start < 0) {
      report.range(START_WEIGHT_DECAY, start, "must be at least 0, as Megatron's scheduler asserts start_wd >= 0.0", "use 0 or more");
      return null;
    }
    if (end < start) {
      report.range(END_WEIGHT_DECAY, end, "must be at least --start-weight-decay (" + report.written(START_WEIGHT_DECAY, start) + "), as Megatron's scheduler asserts end_wd >= start_wd",
          "Megatron only increases weight decay: swap the two, or use --weight-decay-incr-style constant");
      return null;
    }
    return new double[] {start, end};
  }
}
