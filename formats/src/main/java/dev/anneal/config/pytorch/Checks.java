package dev.anneal.config.pytorch;

import dev.anneal.config.ConfigCode;
import dev.anneal.rules.RuleCode;
import dev.anneal.rules.Rules;
import dev.anneal.rules.Values;
import dev.anneal.rules.Violation;
import java.util.List;

/** The argument checks the PyTorch presets share, on top of {@link Rules}. */
final class Checks {
  private Checks() {}

  /**
   * A multiplicative decay factor ({@code gamma}) in (0, 1]: PyTorch accepts any number, but 0 or
   * less makes the learning rate 0 or negative and more than 1 grows it without bound.
   */
  static boolean decayFactor(List<Violation> out, String name, double value) {
    if (!Rules.finite(out, name, value)) {
      return false;
    }
    if (value <= 0 || value > 1) {
      out.add(RuleCode.outOfRange(name, name, value, "(0, 1]: a decay factor of 0 or less zeroes or negates the learning rate, above 1 it grows without bound"));
      return false;
    }
    return true;
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
