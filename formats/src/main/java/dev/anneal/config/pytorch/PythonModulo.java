package dev.anneal.config.pytorch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * Where Python's {@code step % period == 0} holds for a period torch documents as an int but does
 * not check: StepLR decays at every step {@code last_epoch} with {@code last_epoch % step_size ==
 * 0}, and a JSON number is whatever Python's {@code json} made of it. A float period {@code s}
 * equals {@code m / 2^p} exactly (m odd, p ≥ 1 when it has a fraction), so a whole step k is a
 * multiple of it exactly when k is a multiple of m: 2.5 = 5/2 decays every 5 steps; 0.3, whose
 * double has a 54-bit numerator, never within reach. An int beyond 64 bits is never reached either.
 */
final class PythonModulo {
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private PythonModulo() {}

  /**
   * The smallest whole step k ≥ 1 with {@code k % value == 0} in Python, or empty where no step of
   * the 64-bit range is one; {@code value} must be a finite, non-zero number.
   */
  static OptionalLong period(JsonNode value) {
    BigInteger whole;
    if (value.isIntegralNumber()) {
      whole = value.bigIntegerValue().abs();
    } else {
      // What Python's json reads: the double nearest the text, then its exact binary value.
      BigDecimal exact = new BigDecimal(Math.abs(value.doubleValue()));
      while (exact.stripTrailingZeros().scale() > 0) {
        exact = exact.multiply(BigDecimal.valueOf(2));
      }
      whole = exact.toBigIntegerExact();
    }
    return whole.compareTo(LONG_MAX) > 0 ? OptionalLong.empty() : OptionalLong.of(whole.longValueExact());
  }

  /**
   * Whether {@code value} is a number Python takes as it is but that is not a 64-bit int: a float
   * (even 10.0), or an int beyond 64 bits; finite and not 0, which torch divides by.
   */
  static boolean isOtherNumber(JsonNode value) {
    if (value == null || !value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() == 0) {
      return false;
    }
    return value.isFloatingPointNumber() || value.isIntegralNumber() && !value.canConvertToLong();
  }
}
