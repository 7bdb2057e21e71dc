package dev.anneal.config.anneal;

/**
 * How Anneal JSON writes a double: the digits of {@link Double#toString(double)}, which parse back
 * to exactly the same double, in the form a person would type ({@code 3e-4} rather than {@code
 * 3.0E-4}, {@code 2000} rather than {@code 2000.0}). Only the spelling changes, never the decimal
 * value, so the round trip stays exact.
 */
final class JsonNumbers {
  private JsonNumbers() {}

  /** {@code value} as a JSON number; {@code value} must be finite. */
  static String text(double value) {
    if (value == 0) {
      // "-0" would parse as the integer 0 and lose the sign.
      return Double.doubleToRawLongBits(value) == 0 ? "0" : "-0.0";
    }
    String shortest = Double.toString(value);
    int exponentAt = shortest.indexOf('E');
    String mantissa = exponentAt < 0 ? shortest : shortest.substring(0, exponentAt);
    String exponent = exponentAt < 0 ? "" : "e" + shortest.substring(exponentAt + 1);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    return mantissa + exponent;
  }
}
