package dev.anneal.config.megatron;

import dev.anneal.config.PythonRepr;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Numbers as Megatron's argparse reads them ({@code type=int} is Python's {@code int()}, {@code
 * type=float} is {@code float()}) and as Python's {@code repr()} writes them. Java's own parsers
 * accept more ({@code 1d}, hexadecimal floats) and less ({@code 1_000}), so the grammar is checked
 * here first.
 */
final class PythonNumbers {
  private static final String DIGITS = "\\d+(?:_\\d+)*";
  private static final Pattern INT = Pattern.compile("[+-]?" + DIGITS);
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(?:(?:" + DIGITS + ")?\\." + DIGITS + "|" + DIGITS + "\\.?)(?:[eE][+-]?" + DIGITS + ")?");
  private static final Pattern NON_FINITE = Pattern.compile("[+-]?(?:inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

  private PythonNumbers() {}

  /** Whether {@code text} is what Python's {@code int()} accepts (in base 10). */
  static boolean isInt(String text) {
    return INT.matcher(text).matches();
  }

  /** Python's {@code int(text)}, or {@code null} if it does not fit in a {@code long}; check {@link #isInt} first. */
  static Long parseLong(String text) {
    BigInteger value = new BigInteger(text.replace("_", ""));
    return value.bitLength() < 64 ? value.longValue() : null;
  }

  /** Whether {@code text} is a finite number Python's {@code float()} accepts. */
  static boolean isFiniteFloat(String text) {
    return FLOAT.matcher(text).matches();
  }

  /** Whether {@code text} is one of the non-finite spellings Python's {@code float()} accepts. */
  static boolean isNonFiniteFloat(String text) {
    return NON_FINITE.matcher(text).matches();
  }

  /**
   * Python's {@code float(text)} for a finite literal (check {@link #isFiniteFloat} first): the
   * correctly rounded double, as Java's parser gives too. Huge exponents give an infinity.
   */
  static double parseDouble(String text) {
    return Double.parseDouble(text.replace("_", ""));
  }

  /**
   * {@code value} as Python's {@code repr()} writes it ({@link PythonRepr}), so a flag file Anneal
   * writes looks like one a person wrote; a flag never holds a non-finite value.
   */
  static String repr(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not finite: " + value);
    }
    return PythonRepr.of(value);
  }
}
