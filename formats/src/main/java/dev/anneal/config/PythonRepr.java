package dev.anneal.config;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A double as Python's {@code repr()} writes it: the shortest digits that read back to the same
 * double, positional between 1e-4 and 1e16 ({@code 0.0003}, {@code 4000.0}), scientific otherwise
 * ({@code 6e-05}); {@code nan}, {@code inf}, {@code -inf}. Used wherever Anneal writes or quotes a
 * number as an upstream Python program would (Megatron flags, a framework's saved state), so it
 * looks like what the user wrote or saw.
 */
public final class PythonRepr {
  private PythonRepr() {}

  /** {@code value} as {@code repr(float)} prints it. */
  public static String of(double value) {
    if (!Double.isFinite(value)) {
      return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return Double.doubleToRawLongBits(value) == 0 ? "0.0" : "-0.0";
    }
    // Java's Double.toString gives the shortest digits that read back too; only the layout differs.
    BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    int exponent = exact.precision() - exact.scale() - 1;
    if (exponent >= -4 && exponent < 16) {
      String plain = exact.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    String digits = exact.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String sign = value < 0 ? "-" : "";
    return sign + mantissa + String.format(Locale.ROOT, "e%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
  }
}
