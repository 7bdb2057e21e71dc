package dev.anneal.config.pytorch;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import dev.anneal.schedule.Constant;
import dev.anneal.schedule.Phase;
import java.util.List;

/** The argument checks the PyTorch presets share, on top of {@link Rules}. */
final class Checks {
  private Checks() {}

  /**
   * A multiplicative factor ({@code gamma}) of StepLR, MultiStepLR, ExponentialLR or CyclicLR's
   * exp_range mode. torch checks nothing: above 1 the learning rate grows and at 0 it drops to 0 for
   * good, which the readers reproduce with a warning ({@link PyTorchCode#GAMMA_ABOVE_ONE}, {@link
   * PyTorchCode#GAMMA_ZERO}); below 0 it changes sign at every decay, which a plan does not hold.
   */
  static boolean decayFactor(List<Violation> out, String name, double value) {
    if (!Rules.finite(out, name, value)) {
      return false;
    }
    if (value < 0) {
      out.add(RuleCode.outOfRange(name, name, value,
          "[0, inf): torch runs a negative factor, but the learning rate then changes sign at every decay;"
              + " use a factor between 0 and 1 to decay"));
      return false;
    }
    return true;
  }

  /**
   * The phases of a chainable scheduler whose {@code gamma} is 0: {@code base} until the first decay
   * at step {@code firstDecay}, then 0 for good (torch multiplies by 0 there, and 0 stays 0).
   */
  static List<Phase> zeroedAt(double base, long firstDecay) {
    return firstDecay == 0
        ? List.of(new Phase(new Constant(0), Phase.OPEN))
        : List.of(new Phase(new Constant(base), firstDecay), new Phase(new Constant(0), Phase.OPEN));
  }

  /**
   * The last step at which {@code scale * gamma^floor(t / every)} is still finite, for a {@code
   * gamma} above 1: torch multiplies on past it and every later learning rate is infinite (or NaN),
   * so a plan of a growing scheduler ends there. {@code scale} is the larger of the learning rate
   * and 1, so that the relative factor a {@code ChainedScheduler} multiplies ends in range too.
   */
  static long lastFiniteStep(double lr, double gamma, long every) {
    double scale = Math.max(Math.abs(lr), 1.0);
    // The level k = floor(t / every) reached before scale * gamma^k overflows, from its logarithm
    // and then corrected with the exact product, which Math.pow may round either way.
    long level = (long) Math.floor(Math.log(Double.MAX_VALUE / scale) / Math.log(gamma));
    while (level > 0 && !Double.isFinite(scale * Math.pow(gamma, level))) {
      level--;
    }
    while (Double.isFinite(scale * Math.pow(gamma, level + 1))) {
      level++;
    }
    // Every step of level k is finite: the last one is (k + 1) * every - 1, capped at the step range.
    return level + 1 > (Long.MAX_VALUE - 1) / every ? Long.MAX_VALUE - 1 : (level + 1) * every - 1;
  }

  /** A factor in [low, 1] as PyTorch requires (it raises ValueError outside), {@code low} being 0 or excluded 0. */
  static boolean unitFactor(List<Violation> out, String name, double value, boolean zeroAllowed, String whyNotZero) {
    if (!Rules.finite(out, name, value)) {
      return false;
    }
    if (value < 0 || value > 1) {
      out.add(RuleCode.outOfRange(name, name, value, "[0, 1] (PyTorch raises ValueError outside it)"));
      return false;
    }
    if (value == 0 && !zeroAllowed) {
      out.add(RuleCode.outOfRange(name, name, value, "(0, 1]: " + whyNotZero));
      return false;
    }
    return true;
  }

  /** A momentum or β1 value in [0, 1). */
  static boolean momentum(List<Violation> out, String name, double value) {
    if (!Rules.finite(out, name, value)) {
      return false;
    }
    if (value < 0 || value >= 1) {
      out.add(RuleCode.outOfRange(name, name, value, "[0, 1)"));
      return false;
    }
    return true;
  }

  /** Warns that {@code name} has no effect in the scheduler as configured. */
  static void ignored(List<Violation> out, String name, Object value, String byWhat) {
    out.add(ConfigCode.ignoredArgument(name, value, name, byWhat));
  }

  /** A learning rate in messages: its shortest round-trip form. */
  static String show(double value) {
    return Values.show(value);
  }
}
