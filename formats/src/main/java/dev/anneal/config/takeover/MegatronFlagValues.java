package dev.anneal.config.takeover;

import java.util.HashMap;
import java.util.Map;

/**
 * The values Megatron-LM's {@code OptimizerParamScheduler} is constructed with, in samples, worked
 * out from Megatron flags as Megatron's {@code get_optimizer_param_scheduler} does: {@code *-iters}
 * flags times {@code --global-batch-size}, the decay over the whole run unless {@code
 * --lr-decay-samples}/{@code -iters} say otherwise, a warm-up fraction of the decay, and a constant
 * weight decay ({@code --weight-decay}, 0.01 by default) at both ends.
 *
 * @param globalBatch {@code --global-batch-size} (1 when absent)
 * @param values each value under its {@code state_dict} name: numbers as {@code Double} or {@code
 *     Long}, styles as {@code String}
 * @param wsdDecaySamples the WSD decay phase in samples ({@code --lr-wsd-decay-samples}, or {@code
 *     -iters} times the batch), or {@code null} when not given: {@code state_dict} does not save it
 * @param wsdDecayStyle {@code --lr-wsd-decay-style} (Megatron's default {@code exponential})
 */
record MegatronFlagValues(long globalBatch, Map<String, Object> values, Long wsdDecaySamples, String wsdDecayStyle) {
  /** Reads the flags of {@code text} (one {@code --flag value} pair after another, {@code \} continuations allowed). */
  static MegatronFlagValues of(String text) {
    Map<String, String> flags = new HashMap<>();
    String[] words = text.replace("\\\n", " ").trim().split("\\s+");
    for (int i = 0; i + 1 < words.length; i++) {
      if (words[i].startsWith("--") && !words[i + 1].startsWith("--")) {
        flags.put(words[i], words[i + 1]);
      }
    }
    long batch = Long.parseLong(flags.getOrDefault("--global-batch-size", "1"));
    long train = flags.containsKey("--train-samples")
        ? Long.parseLong(flags.get("--train-samples"))
        : Long.parseLong(flags.getOrDefault("--train-iters", "0")) * batch;
    Object decay = flags.containsKey("--lr-decay-samples")
        ? (Object) Long.parseLong(flags.get("--lr-decay-samples"))
        : flags.containsKey("--lr-decay-iters") ? (Object) (Long.parseLong(flags.get("--lr-decay-iters")) * batch) : (Object) train;
    long decaySamples = (Long) decay;
    Object warmup;
    if (flags.containsKey("--lr-warmup-samples")) {
      warmup = Long.parseLong(flags.get("--lr-warmup-samples"));
    } else if (flags.containsKey("--lr-warmup-iters")) {
      warmup = Long.parseLong(flags.get("--lr-warmup-iters")) * batch;
    } else if (flags.containsKey("--lr-warmup-fraction")) {
      warmup = Double.parseDouble(flags.get("--lr-warmup-fraction")) * decaySamples;
    } else {
      warmup = 0L;
    }
    String wdStyle = flags.getOrDefault("--weight-decay-incr-style", "constant");
    double wd = Double.parseDouble(flags.getOrDefault("--weight-decay", "0.01"));
    Map<String, Object> values = new HashMap<>();
    values.put("max_lr", Double.parseDouble(flags.get("--lr")));
    values.put("min_lr", Double.parseDouble(flags.getOrDefault("--min-lr", "0.0")));
    values.put("lr_warmup_steps", warmup);
    values.put("lr_decay_steps", decaySamples);
    values.put("lr_decay_style", flags.getOrDefault("--lr-decay-style", "linear"));
    values.put("start_wd", wdStyle.equals("constant") ? wd : Double.parseDouble(flags.get("--start-weight-decay")));
    values.put("end_wd", wdStyle.equals("constant") ? wd : Double.parseDouble(flags.get("--end-weight-decay")));
    values.put("wd_incr_steps", train);
    values.put("wd_incr_style", wdStyle);
    Long wsd = flags.containsKey("--lr-wsd-decay-samples") ? Long.valueOf(flags.get("--lr-wsd-decay-samples"))
        : flags.containsKey("--lr-wsd-decay-iters") ? Long.parseLong(flags.get("--lr-wsd-decay-iters")) * batch : null;
    return new MegatronFlagValues(batch, values, wsd, flags.getOrDefault("--lr-wsd-decay-style", "exponential"));
  }

  /** The saved state's values under the same names. */
  static Map<String, Object> of(MegatronSchedulerState s) {
    Map<String, Object> values = new HashMap<>();
    values.put("max_lr", s.maxLr());
    values.put("min_lr", s.minLr());
    values.put("lr_warmup_steps", s.warmupSteps());
    values.put("lr_decay_steps", s.decaySteps());
    values.put("lr_decay_style", s.decayStyle());
    values.put("start_wd", s.startWd());
    values.put("end_wd", s.endWd());
    values.put("wd_incr_steps", s.wdIncrSteps());
    values.put("wd_incr_style", s.wdIncrStyle());
    return values;
  }

  /** Python's {@code ==}: numbers by value (an int equals a float of the same value), strings by text. */
  static boolean equal(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return a.equals(b);
  }

  /** As Python's f-string prints it: floats by {@code repr}, ints and strings as they are. */
  static String python(Object value) {
    return value instanceof Double d ? LrValues.python(d) : value.toString();
  }
}
