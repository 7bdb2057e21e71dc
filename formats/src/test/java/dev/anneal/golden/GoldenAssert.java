package dev.anneal.golden;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compares a curve with a reference curve within max(1e-12 absolute, 1e-9 relative), the bound
 * the project promises (docs/PARITY.md), and reports the first step that differs.
 */
public final class GoldenAssert {
  public static final double ABSOLUTE = 1e-12;
  public static final double RELATIVE = 1e-9;

  private GoldenAssert() {}

  public static void assertCurve(String what, double[] expected, double[] actual) {
    if (expected.length != actual.length) {
      fail(what + ": expected " + expected.length + " values, got " + actual.length);
    }
    for (int i = 0; i < expected.length; i++) {
      if (!close(expected[i], actual[i])) {
        fail(what + ": first difference at step " + i + ": expected " + expected[i] + ", got " + actual[i]
            + " (difference " + Math.abs(expected[i] - actual[i]) + ")");
      }
    }
  }

  public static boolean close(double expected, double actual) {
    if (Double.isNaN(actual) || Double.isNaN(expected)) {
      return false;
    }
    return Math.abs(expected - actual) <= Math.max(ABSOLUTE, RELATIVE * Math.abs(expected));
  }
}
