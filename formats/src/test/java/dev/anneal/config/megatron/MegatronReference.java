package dev.anneal.config.megatron;

import java.util.Map;

/**
 * An oracle for inputs the golden cases do not cover (sample-based training, fractional
 * boundaries): Megatron-LM's {@code OptimizerParamScheduler.get_lr} and {@code get_wd} ({@code
 * megatron/core/optimizer_param_scheduler.py}) and the flag conversion of {@code
 * get_optimizer_param_scheduler} ({@code megatron/training/training.py}), written out operation
 * for operation in the upstream order, with none of Anneal's phases. {@link MegatronDifferentialTest}
 * checks it against every golden case before trusting it. It agrees with Megatron to the last place
 * or two, not bit for bit: Java's {@code Math.cos} and CPython's C library round a few results
 * differently (so does {@code StrictMath}).
 */
final class MegatronReference {
  private MegatronReference() {}

  /** The constructor arguments of {@code OptimizerParamScheduler}; {@code wsd} is -1 for None. */
  record Kwargs(
      double init, double max, double min, double warmup, long decay, String style, long wsd, String wsdStyle,
      double startWd, double endWd, long wdIncr, String wdStyle) {}

  /**
   * {@code get_optimizer_param_scheduler}: flags (absent ones at Megatron's defaults) to arguments,
   * the increment per iteration and the iterations trained, as {@code {kwargs, increment, iters}}.
   */
  static Object[] convert(Map<String, String> flags) {
    long gbs = Long.parseLong(flags.getOrDefault("--global-batch-size", "1"));
    Double fraction = flags.containsKey("--lr-warmup-fraction") ? Double.parseDouble(flags.get("--lr-warmup-fraction")) : null;
    long decay;
    long wdIncr;
    double warmup;
    long wsd = -1;
    long iters;
    if (flags.containsKey("--train-iters")) {
      iters = Long.parseLong(flags.get("--train-iters"));
      long decayIters = Long.parseLong(flags.getOrDefault("--lr-decay-iters", flags.get("--train-iters")));
      decay = decayIters * gbs;
      wdIncr = iters * gbs;
      if (flags.containsKey("--lr-wsd-decay-iters")) {
        wsd = Long.parseLong(flags.get("--lr-wsd-decay-iters")) * gbs;
      }
      warmup = fraction != null ? fraction * decay : Long.parseLong(flags.getOrDefault("--lr-warmup-iters", "0")) * gbs;
    } else {
      long samples = Long.parseLong(flags.get("--train-samples"));
      iters = samples / gbs;
      decay = Long.parseLong(flags.getOrDefault("--lr-decay-samples", flags.get("--train-samples")));
      wdIncr = samples;
      if (flags.containsKey("--lr-wsd-decay-samples")) {
        wsd = Long.parseLong(flags.get("--lr-wsd-decay-samples"));
      }
      warmup = fraction != null ? fraction * decay : Long.parseLong(flags.getOrDefault("--lr-warmup-samples", "0"));
    }
    String wdStyle = flags.getOrDefault("--weight-decay-incr-style", "constant");
    double start;
    double end;
    if (wdStyle.equals("constant")) {
      start = end = Double.parseDouble(flags.getOrDefault("--weight-decay", "0.01"));
    } else {
      start = Double.parseDouble(flags.get("--start-weight-decay"));
      end = Double.parseDouble(flags.get("--end-weight-decay"));
    }
    Kwargs kwargs = new Kwargs(
        Double.parseDouble(flags.getOrDefault("--lr-warmup-init", "0.0")), Double.parseDouble(flags.get("--lr")),
        Double.parseDouble(flags.getOrDefault("--min-lr", "0.0")), warmup, decay, flags.getOrDefault("--lr-decay-style", "linear"), wsd,
        flags.getOrDefault("--lr-wsd-decay-style", "exponential"), start, end, wdIncr, wdStyle);
    return new Object[] {kwargs, gbs, iters};
  }

  /** {@code get_lr} at {@code num_steps}. */
  static double lr(Kwargs k, long numSteps) {
    if (k.warmup() > 0 && numSteps <= k.warmup()) {
      return k.init() + ((k.max() - k.init()) * (double) numSteps / k.warmup());
    }
    if (k.style().equals("constant")) {
      return k.max();
    }
    if (numSteps > k.decay()) {
      return k.min();
    }
    if (k.style().equals("inverse-square-root")) {
      double warmupSteps = Math.max(k.warmup(), 1);
      double steps = Math.max(numSteps, 1);
      double lr = k.max() * Math.pow(warmupSteps, 0.5) / Math.pow(steps, 0.5);
      return Math.max(k.min(), lr);
    }
    double decayRatio = (numSteps - k.warmup()) / (k.decay() - k.warmup());
    double delta = k.max() - k.min();
    double coeff;
    switch (k.style()) {
      case "linear" -> coeff = 1.0 - decayRatio;
      case "cosine" -> coeff = 0.5 * (Math.cos(Math.PI * decayRatio) + 1.0);
      case "WSD" -> {
        long annealStart = k.decay() - k.wsd();
        if (numSteps <= annealStart) {
          coeff = 1.0;
        } else {
          double ratio = (double) (numSteps - annealStart) / k.wsd();
          coeff = switch (k.wsdStyle()) {
            case "linear" -> 1.0 - ratio;
            case "cosine" -> 0.5 * (Math.cos(Math.PI * ratio) + 1.0);
            case "exponential" -> 2.0 * Math.pow(0.5, ratio) - 1.0;
            case "minus_sqrt" -> 1.0 - Math.sqrt(ratio);
            default -> throw new IllegalArgumentException(k.wsdStyle());
          };
        }
      }
      default -> throw new IllegalArgumentException(k.style());
    }
    return k.min() + coeff * delta;
  }

  /** {@code get_wd} at {@code num_steps}. */
  static double wd(Kwargs k, long numSteps) {
    if (numSteps > k.wdIncr()) {
      return k.endWd();
    }
    if (k.wdStyle().equals("constant")) {
      return k.endWd();
    }
    double ratio = (double) numSteps / k.wdIncr();
    double delta = k.endWd() - k.startWd();
    double coeff = k.wdStyle().equals("linear") ? ratio : 0.5 * (Math.cos(Math.PI * (1 - ratio)) + 1.0);
    return k.startWd() + coeff * delta;
  }
}
