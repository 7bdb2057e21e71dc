package dev.anneal.config.megatron;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link SchedulerSettings} back as Megatron flags, one per line with {@code \}
 * continuations, ready to paste into a launch script. Flags at Megatron's default are left out,
 * except {@code --lr-decay-style}, which a reader should not have to look up.
 */
final class FlagWriter {
  private FlagWriter() {}

  static String text(SchedulerSettings s) {
    List<String> flags = new ArrayList<>();
    long n = s.increment();
    boolean samples = s.sampleBased();
    long scale = samples ? 1 : n;
    if (samples) {
      flags.add("--train-samples " + s.wdIncrSteps());
    } else {
      flags.add("--train-iters " + s.trainIters());
    }
    if (samples || n != 1) {
      flags.add("--global-batch-size " + n);
    }
    flags.add("--lr " + PythonNumbers.repr(s.maxLr()));
    if (s.minLr() != 0) {
      flags.add("--min-lr " + PythonNumbers.repr(s.minLr()));
    }
    flags.add("--lr-decay-style " + s.decayStyle().upstreamName());
    if (s.decaySteps() != s.wdIncrSteps()) {
      flags.add((samples ? "--lr-decay-samples " : "--lr-decay-iters ") + s.decaySteps() / scale);
    }
    if (s.warmupSteps() != 0) {
      if (s.warmupSteps() == Math.rint(s.warmupSteps()) && ((long) s.warmupSteps()) % scale == 0) {
        flags.add((samples ? "--lr-warmup-samples " : "--lr-warmup-iters ") + (long) s.warmupSteps() / scale);
      } else {
        flags.add("--lr-warmup-fraction " + PythonNumbers.repr(fraction(s.warmupSteps(), s.decaySteps())));
      }
    }
    if (s.initLr() != 0) {
      flags.add("--lr-warmup-init " + PythonNumbers.repr(s.initLr()));
    }
    if (s.decayStyle() == DecayStyle.WSD) {
      flags.add("--lr-wsd-decay-style " + s.wsdDecayStyle().upstreamName());
      flags.add((samples ? "--lr-wsd-decay-samples " : "--lr-wsd-decay-iters ") + s.wsdDecaySteps() / scale);
    }
    if (s.wdIncrStyle() == WeightDecayIncrStyle.CONSTANT) {
      if (s.endWd() != 0.01) {
        flags.add("--weight-decay " + PythonNumbers.repr(s.endWd()));
      }
    } else {
      flags.add("--weight-decay-incr-style " + s.wdIncrStyle().upstreamName());
      flags.add("--start-weight-decay " + PythonNumbers.repr(s.startWd()));
      flags.add("--end-weight-decay " + PythonNumbers.repr(s.endWd()));
    }
    return String.join(" \\\n", flags) + "\n";
  }

  /**
   * The {@code --lr-warmup-fraction} whose product with the decay Megatron computes as {@code
   * warmup}, when a neighbour of the quotient gives it exactly.
   */
  static double fraction(double warmup, long decay) {
    double fraction = warmup / decay;
    for (double candidate : new double[] {fraction, Math.nextUp(fraction), Math.nextDown(fraction)}) {
      if (candidate * decay == warmup) {
        return candidate;
      }
    }
    return fraction;
  }
}
